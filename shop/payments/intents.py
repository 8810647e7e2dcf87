"""PaymentIntents that pay something other than an order, routed by their metadata.

An app that takes card payments for its own purposes (the cooperative's shares, later
the wallet's top-ups) creates its PaymentIntents with ``metadata["purpose"]`` set, and
registers at `AppConfig.ready()` a handler for that purpose:

    register_purpose("cooperative_shares", reconcile_share_payment)

The webhook (webhooks.py) hands each reconciled event about such a PaymentIntent to the
handler, `handler(payment_intent_id, reason=...) -> list[str]` (what changed); the
handler re-reads the PaymentIntent from Stripe, as the order path does, and must be
idempotent: events come twice, late or out of order. The shop never imports the apps.
"""

from __future__ import annotations

from typing import Any, Protocol

PURPOSE_KEY = "purpose"


class IntentHandler(Protocol):
    def __call__(self, payment_intent_id: str, *, reason: str) -> list[str]: ...


_HANDLERS: dict[str, IntentHandler] = {}


def register_purpose(purpose: str, handler: IntentHandler) -> None:
    _HANDLERS[purpose] = handler


def unregister_purpose(purpose: str) -> None:
    _HANDLERS.pop(purpose, None)


def handler_for(payment_intent: dict[str, Any]) -> IntentHandler | None:
    """The handler of the PaymentIntent's purpose (None for an order's PaymentIntent)."""
    metadata = payment_intent.get("metadata") or {}
    purpose = metadata.get(PURPOSE_KEY) if isinstance(metadata, dict) else None
    return _HANDLERS.get(purpose) if purpose else None
