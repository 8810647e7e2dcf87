"""Wallet top-ups by card (Stripe).

The PaymentIntent is captured as soon as the card is confirmed and carries
``metadata = {"purpose": "wallet_top_up", "user": <pk>}``. The wallet is credited by
`reconcile_card_top_up`, which re-reads the PaymentIntent from Stripe (never trusting
the browser or the webhook's copy) and credits only a succeeded one, once (key
"card:<PaymentIntent id>"): it runs when the member comes back from the card form and
when Stripe's webhook arrives (routed by shop.payments.intents), in any order.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _

from shop.payments import gateway
from shop.payments.gateway import to_minor_units
from shop.payments.intents import PURPOSE_KEY

from . import services
from .models import EURO, AccountKind, Transfer, TransferKind

logger = logging.getLogger(__name__)

PURPOSE = "wallet_top_up"
MINIMUM = Decimal("5.00")
MAXIMUM = Decimal("500.00")


@dataclass(frozen=True)
class CardSession:
    """What the page needs to mount Stripe's Payment Element."""

    payment_intent_id: str
    client_secret: str
    publishable_key: str
    amount: Decimal


def transfer_key(payment_intent_id: str) -> str:
    return f"card:{payment_intent_id}"


def card_top_up_prepare(*, user: Any, amount: Decimal, nonce: str) -> CardSession:
    """A PaymentIntent for `amount` euros into the member's wallet. `nonce` (the form's)
    makes a resubmitted form reuse its PaymentIntent instead of opening another."""
    amount = services.to_cents(amount)
    if not MINIMUM <= amount <= MAXIMUM:
        raise services.WalletError(
            _("A card top-up is between %(minimum)s € and %(maximum)s €.")
            % {"minimum": MINIMUM, "maximum": MAXIMUM}
        )
    intent = gateway.create_payment_intent(
        amount=to_minor_units(amount, EURO),
        currency=EURO,
        metadata={PURPOSE_KEY: PURPOSE, "user": str(user.pk), "email": user.email},
        idempotency_key=f"panier:wallet:{user.pk}:{nonce}",
        capture_method="automatic",
    )
    return CardSession(
        payment_intent_id=intent["id"],
        client_secret=intent["client_secret"],
        publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        amount=amount,
    )


def owner_of(payment_intent: Any) -> Any:
    """The member a wallet top-up PaymentIntent credits (None if not one)."""
    metadata = gateway.field(payment_intent, "metadata", {})
    if gateway.field(metadata, PURPOSE_KEY) != PURPOSE:
        return None
    raw = str(gateway.field(metadata, "user", ""))
    return get_user_model().objects.filter(pk=int(raw) if raw.isdigit() else 0).first()


def reconcile_card_top_up(payment_intent_id: str, *, reason: str = "") -> list[str]:
    """Credit the wallet if Stripe says the PaymentIntent succeeded; returns what changed
    (empty when nothing did). Idempotent."""
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    user = owner_of(intent)
    if user is None:
        logger.error("PaymentIntent %s names no wallet to top up", payment_intent_id)
        return ["no wallet for this payment"]
    if intent["status"] != "succeeded":
        return []
    if str(intent["currency"]).upper() != EURO:
        logger.error("Wallet top-up %s is not in euros", payment_intent_id)
        return ["not in euros: not applied"]
    key = transfer_key(payment_intent_id)
    if Transfer.objects.filter(key=key).exists():
        return []
    services.wallet_credit(
        user=user,
        amount=gateway.captured_amount(intent, currency=EURO),
        kind=TransferKind.TOP_UP_CARD,
        source=AccountKind.CARD,
        key=key,
        reference=payment_intent_id,
        label=_("Top-up by card"),
        note=reason,
    )
    return ["wallet topped up"]


def card_failure_message(payment_intent: Any) -> str | None:
    """The member's message when the card was refused (None if it was not)."""
    error = gateway.field(payment_intent, "last_payment_error")
    if payment_intent["status"] == "requires_payment_method" and error:
        return gateway.decline_message(
            gateway.field(error, "code", ""), gateway.field(error, "decline_code", "")
        )
    if payment_intent["status"] == "requires_action":
        return _("Your bank asks you to confirm this payment. Please complete the verification.")
    return None
