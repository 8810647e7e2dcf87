"""Share subscriptions paid by card (Stripe).

The PaymentIntent is captured as soon as the card is confirmed (capture_method
"automatic": there is nothing to prepare before taking the money) and carries
``metadata = {"purpose": "cooperative_shares", "subscription": <pk>}``. The payment is
recorded by `reconcile_share_payment`, which re-reads the PaymentIntent from Stripe; it
runs when the member comes back from the card form and when Stripe's webhook arrives
(routed by shop.payments.intents on that purpose), in any order, once.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import UnableToTakePayment

from shop.payments import gateway
from shop.payments.gateway import to_minor_units
from shop.payments.intents import PURPOSE_KEY

from . import services
from .models import AuditEntry, PaymentMethod, Subscription

logger = logging.getLogger(__name__)

PURPOSE = "cooperative_shares"
_OPEN = {"requires_payment_method", "requires_confirmation", "requires_action", "processing"}


@dataclass(frozen=True)
class CardSession:
    """What the page needs to mount Stripe's Payment Element."""

    payment_intent_id: str
    client_secret: str
    publishable_key: str
    amount: Decimal


def _currency() -> str:
    return settings.OSCAR_DEFAULT_CURRENCY


def share_card_prepare(*, subscription: Subscription) -> CardSession:
    """The PaymentIntent of this subscription, created once and reused while it can
    still be paid (a new one only if Stripe cancelled it)."""
    if subscription.status != Subscription.Status.PENDING:
        raise UnableToTakePayment(_("This subscription is not awaiting payment."))
    if subscription.method != PaymentMethod.CARD:
        raise UnableToTakePayment(_("This subscription is not paid by card."))
    intent = None
    previous = subscription.payment_intent_id
    if previous:
        intent = gateway.retrieve_payment_intent(previous)
        if intent["status"] == "succeeded":  # the return page or the webhook records it
            raise UnableToTakePayment(_("This subscription has already been paid by card."))
        if intent["status"] not in _OPEN:  # cancelled: a new one
            intent = None
    if intent is None:
        intent = gateway.create_payment_intent(
            amount=to_minor_units(subscription.amount, _currency()),
            currency=_currency(),
            metadata={
                PURPOSE_KEY: PURPOSE,
                "subscription": str(subscription.pk),
                "reference": subscription.reference,
                "email": subscription.user.email,
            },
            # A new key only when the previous PaymentIntent was cancelled.
            idempotency_key=f"panier:shares:{subscription.pk}:after:{previous or '-'}",
            capture_method="automatic",
        )
        with transaction.atomic():
            Subscription.objects.filter(pk=subscription.pk).update(payment_intent_id=intent["id"])
        subscription.payment_intent_id = intent["id"]
    return CardSession(
        payment_intent_id=intent["id"],
        client_secret=intent["client_secret"],
        publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        amount=subscription.amount,
    )


def reconcile_share_payment(payment_intent_id: str, *, reason: str = "") -> list[str]:
    """Record the subscription's payment if Stripe says the PaymentIntent succeeded.
    Returns what changed (empty when nothing did). Idempotent."""
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    metadata = gateway.field(intent, "metadata", {})
    if gateway.field(metadata, PURPOSE_KEY) != PURPOSE:
        return ["not a share payment"]
    subscription = Subscription.objects.filter(
        pk=int(gateway.field(metadata, "subscription", 0) or 0)
    ).first()
    if subscription is None:
        logger.error("PaymentIntent %s names no known subscription", payment_intent_id)
        return ["no subscription for this payment"]
    if intent["status"] != "succeeded":
        return []
    amount = gateway.captured_amount(intent, currency=str(intent["currency"]))
    try:
        before = subscription.status
        services.subscription_record_payment(
            subscription=subscription,
            amount=amount,
            method=PaymentMethod.CARD,
            by=None,
            external_id=payment_intent_id,
            note=reason,
        )
    except ValidationError as error:
        # Paid twice (by transfer meanwhile?) or a wrong amount: staff refund by hand.
        message = " ".join(error.messages)
        logger.error("Share payment %s not applied: %s", payment_intent_id, message)
        services.audit(
            AuditEntry.Action.PAYMENT_REFUSED,
            subscription=subscription,
            amount=amount,
            note=f"{payment_intent_id}: {message}",
        )
        return [f"not applied: {message}"[:200]]
    return ["share payment recorded"] if before == Subscription.Status.PENDING else []


def card_failure_message(payment_intent_id: str) -> str | None:
    """The member's message when the card was refused (None if it was not)."""
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    error = gateway.field(intent, "last_payment_error")
    if intent["status"] == "requires_payment_method" and error:
        return gateway.decline_message(
            gateway.field(error, "code", ""), gateway.field(error, "decline_code", "")
        )
    if intent["status"] == "requires_action":
        return _("Your bank asks you to confirm this payment. Please complete the verification.")
    return None
