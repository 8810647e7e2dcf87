"""Payment operations the checkout, the dashboard and the group order settlement call.

Card (Stripe, PaymentIntent with manual capture):
    prepare_card_payment → (Payment Element confirms in the browser) →
    verify_card_authorization → record_card_authorization → capture_card_payment, or
    cancel_card_payment; refund_card_payment afterwards. `complete_card_checkout` records
    the authorisation and captures at once when STRIPE_CAPTURE_AT_CHECKOUT is on.
Offline (pay at pickup, bank transfer):
    record_offline_order → mark_offline_paid → refund_offline.

Every Stripe call that changes something carries an idempotency key derived from our
ids (order number, PaymentIntent id, amount, attempt or refund sequence): a call retried
after a timeout, by the library or by staff, reaches Stripe as the same request.
Errors: `oscar.apps.payment.exceptions.UnableToTakePayment` for a refusal the customer or
staff can act on (message ready to show), `PaymentError` (a `GatewayError`) when Stripe
cannot be reached or fails.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_model

from . import gateway, ledger, statuses, wallet
from .gateway import StripeRefusal, StripeUnavailable, from_minor_units, to_minor_units
from .methods import PaymentMethod, stripe_enabled
from .models import PaymentAudit, StripePaymentIntent, StripeRefund
from .offline import (
    bank_transfer_reference,
    mark_offline_paid,
    record_offline_order,
    record_offline_orders,
    refund_offline,
)
from .wallet import (
    order_due,
    order_local_paid,
    order_pay_due_from_wallet,
    order_pay_from_wallet,
    order_pay_local,
    order_refund_to_wallet,
    order_wallet_paid,
    order_wallet_part_refund,
)

__all__ = [
    "CardAuthorization",
    "CardPaymentSession",
    "bank_transfer_reference",
    "cancel_card_payment",
    "capture_card_payment",
    "complete_card_checkout",
    "mark_offline_paid",
    "order_cancel_unpaid",
    "order_due",
    "order_local_paid",
    "order_pay_due_from_wallet",
    "order_pay_from_wallet",
    "order_pay_local",
    "order_refund_to_wallet",
    "order_wallet_paid",
    "order_wallet_part_refund",
    "prepare_card_payment",
    "record_card_authorization",
    "record_offline_order",
    "record_offline_orders",
    "refund_card_payment",
    "refund_offline",
    "release_card_authorization",
    "verify_card_authorization",
]

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    import stripe
    from oscar.apps.order.models import Order
    from oscar.apps.payment.models import Source
else:
    Order = get_model("order", "Order")
    Source = get_model("payment", "Source")

# `user` arguments are the project's user model or AnonymousUser: shop may not import
# community, where the model lives (tests/test_architecture.py), hence `Any`.

# PaymentIntent statuses in which the customer may still (re)try a card.
_OPEN_STATUSES = {"requires_payment_method", "requires_confirmation", "requires_action"}


@dataclass(frozen=True)
class CardPaymentSession:
    """What the payment page needs to mount Stripe's Payment Element."""

    payment_intent_id: str
    client_secret: str
    publishable_key: str
    amount: Decimal
    currency: str


@dataclass(frozen=True)
class CardAuthorization:
    """A PaymentIntent checked with Stripe: authorised for this order and amount."""

    payment_intent_id: str
    order_number: str
    amount: Decimal
    currency: str
    label: str = ""


# --- card: checkout -------------------------------------------------------------------


def _session(
    payment_intent: stripe.PaymentIntent, *, amount: Decimal, currency: str
) -> CardPaymentSession:
    return CardPaymentSession(
        payment_intent_id=payment_intent["id"],
        client_secret=payment_intent["client_secret"],
        publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        amount=amount,
        currency=currency,
    )


def _release_quietly(payment_intent_id: str) -> None:
    """Cancel a PaymentIntent we no longer use; a failure only leaves it to expire."""
    try:
        gateway.cancel_payment_intent(
            payment_intent_id, idempotency_key=f"panier:pi-release:{payment_intent_id}"
        )
    except PaymentError:
        logger.warning("Could not cancel the unused PaymentIntent %s", payment_intent_id)


def prepare_card_payment(
    *, order_number: str, amount: Decimal, currency: str, email: str
) -> CardPaymentSession:
    """A PaymentIntent for this order number and amount, created once and reused.

    The PaymentIntent is authorised only (capture_method "manual") and carries the order
    number in its metadata. Calling again with the same order number and amount returns
    the same PaymentIntent while it can still be paid; a new amount, or a PaymentIntent
    cancelled or already used, gives a new one (the previous one is cancelled)."""
    if not stripe_enabled():
        raise StripeUnavailable(_("Card payments are not available."))
    order_number = str(order_number)
    amount = Decimal(amount)
    if amount <= 0:
        raise UnableToTakePayment(_("There is nothing to pay by card."))
    minor = to_minor_units(amount, currency)
    latest = (
        StripePaymentIntent.objects.filter(order_number=order_number).order_by("-attempt").first()
    )
    attempt = 1
    if latest is not None:
        attempt = latest.attempt + 1
        intent = gateway.retrieve_payment_intent(latest.payment_intent_id)
        same = (
            int(intent["amount"]) == minor and str(intent["currency"]).lower() == currency.lower()
        )
        if same and intent["status"] in _OPEN_STATUSES | {"requires_capture"}:
            return _session(intent, amount=amount, currency=currency)
        if intent["status"] in _OPEN_STATUSES | {"requires_capture"}:
            _release_quietly(intent["id"])
    intent = gateway.create_payment_intent(
        amount=minor,
        currency=currency,
        metadata={"order_number": order_number, "email": email},
        idempotency_key=f"panier:pi:{order_number}:{attempt}:{minor}:{currency.lower()}",
    )
    try:
        with transaction.atomic():
            StripePaymentIntent.objects.get_or_create(
                payment_intent_id=intent["id"],
                defaults={
                    "order_number": order_number,
                    "attempt": attempt,
                    "amount": amount,
                    "currency": currency.upper(),
                },
            )
    except IntegrityError:
        # A concurrent request took this attempt number for another amount: the
        # PaymentIntent is still valid, only not the one reused next time.
        logger.info("PaymentIntent %s for order %s not remembered", intent["id"], order_number)
    return _session(intent, amount=amount, currency=currency)


def _card_label(payment_intent: stripe.PaymentIntent) -> str:
    charge = gateway.field(payment_intent, "latest_charge")
    if isinstance(charge, str):  # not expanded: no label rather than another call
        return ""
    card = gateway.field(gateway.field(charge, "payment_method_details"), "card")
    if not card:
        return ""
    brand, last4 = gateway.field(card, "brand", ""), gateway.field(card, "last4", "")
    return f"{brand} •••• {last4}".strip() if last4 else str(brand)


def verify_card_authorization(
    *, payment_intent_id: str, order_number: str, amount: Decimal
) -> CardAuthorization:
    """Re-read the PaymentIntent from Stripe: it must be authorised (requires_capture) for
    this order number, amount and currency. Raises UnableToTakePayment otherwise (declined,
    authentication to complete, cancelled, mismatch), PaymentError if Stripe fails."""
    order_number = str(order_number)
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    known = StripePaymentIntent.objects.filter(payment_intent_id=payment_intent_id).first()
    currency = known.currency if known else settings.OSCAR_DEFAULT_CURRENCY
    metadata = gateway.field(intent, "metadata", {})
    if (
        gateway.field(metadata, "order_number") != order_number
        or str(intent["currency"]).lower() != currency.lower()
        or int(intent["amount"]) != to_minor_units(Decimal(amount), currency)
    ):
        logger.warning("PaymentIntent %s does not match order %s", payment_intent_id, order_number)
        raise UnableToTakePayment(
            _("This card payment does not match your order. Please pay again.")
        )
    status = intent["status"]
    if status == "requires_capture":
        return CardAuthorization(
            payment_intent_id=intent["id"],
            order_number=order_number,
            amount=Decimal(amount).quantize(Decimal("0.01")),
            currency=currency.upper(),
            label=_card_label(intent),
        )
    if status == "requires_action":
        raise UnableToTakePayment(
            _("Your bank asks you to confirm this payment. Please complete the verification.")
        )
    error = gateway.field(intent, "last_payment_error")
    if status == "requires_payment_method" and error:
        code, decline_code = (
            gateway.field(error, "code", ""),
            gateway.field(error, "decline_code", ""),
        )
        logger.info("PaymentIntent %s declined: %s %s", payment_intent_id, code, decline_code)
        raise UnableToTakePayment(gateway.decline_message(code, decline_code))
    if status == "canceled":
        raise UnableToTakePayment(_("This card payment was cancelled. Please pay again."))
    if status == "succeeded":
        raise UnableToTakePayment(_("This card payment has already been taken."))
    raise UnableToTakePayment(_("Your card payment is not complete. Please try again."))


def record_card_authorization(*, order: Order, authorization: CardAuthorization) -> None:
    """Record the authorised card payment on the placed order (once): a Stripe Source
    with the amount allocated, an "Authorise" transaction and an "Authorised" event."""
    if authorization.order_number != str(order.number):
        raise ValueError(f"Authorisation for {authorization.order_number}, not {order.number}")
    with transaction.atomic():
        locked = ledger.lock_order(order)
        if locked.sources.filter(reference=authorization.payment_intent_id).exists():
            return
        source = Source.objects.create(
            order=locked,
            source_type=ledger.source_type(PaymentMethod.CARD),
            currency=authorization.currency,
            amount_allocated=authorization.amount,
            reference=authorization.payment_intent_id,
            label=authorization.label,
        )
        pi_id = authorization.payment_intent_id
        ledger.add_transaction(
            source, ledger.TXN_AUTHORISE, authorization.amount, pi_id, "requires_capture"
        )
        ledger.add_event(
            locked, ledger.EVENT_AUTHORISED, authorization.amount, pi_id, all_lines=True
        )
        ledger.audit(locked, PaymentAudit.Action.AUTHORISE, authorization.amount, note=pi_id)


def release_card_authorization(*, payment_intent_id: str, order_number: str) -> None:
    """Cancel the PaymentIntent of an order that could not be placed (no order exists,
    so not `cancel_card_payment`): the customer is not charged. Best effort: a failure
    is logged and the authorisation expires on its own after a few days."""
    intent_order = (
        StripePaymentIntent.objects.filter(payment_intent_id=payment_intent_id)
        .values_list("order_number", flat=True)
        .first()
    )
    if intent_order is not None and intent_order != str(order_number):
        raise ValueError(f"{payment_intent_id} belongs to order {intent_order}")
    _release_quietly(payment_intent_id)


def complete_card_checkout(*, order: Order, authorization: CardAuthorization) -> bool:
    """Record the authorisation, then capture at once if STRIPE_CAPTURE_AT_CHECKOUT.

    Returns True when the order is paid. A capture that fails leaves the order authorised
    ("awaiting payment"): staff capture it later, or the webhook records it."""
    record_card_authorization(order=order, authorization=authorization)
    if not settings.STRIPE_CAPTURE_AT_CHECKOUT:
        return False
    try:
        capture_card_payment(order=order)
    except PaymentError:
        logger.exception("Capture at checkout failed for order %s", order.number)
        return False
    return order.status == statuses.PAID


# --- card: after the order ----------------------------------------------------------


def _card_source(order: Order, *, lock: bool = False) -> Source:
    source = ledger.stripe_source(order, lock=lock)
    if source is None:
        raise UnableToTakePayment(_("This order was not paid by card."))
    return source


def capture_card_payment(*, order: Order, amount: Decimal | None = None, user: Any = None) -> None:
    """Capture the authorised card payment (all of it, or `amount`); the order is paid.

    Idempotent: the Stripe call's key is derived from (order number, PaymentIntent,
    amount), and a capture already recorded is not attempted again."""
    source = _card_source(order)
    payment_intent_id = source.reference
    if ledger.has_transaction(source, ledger.TXN_CAPTURE):
        return
    if ledger.has_transaction(source, ledger.TXN_CANCEL):
        raise UnableToTakePayment(_("This card payment was cancelled."))
    amount = source.amount_allocated if amount is None else Decimal(amount)
    if amount <= 0 or amount > source.amount_allocated:
        raise UnableToTakePayment(
            _("The amount to capture must be more than zero and at most %(amount)s.")
            % {"amount": source.amount_allocated}
        )
    minor = to_minor_units(amount, source.currency)
    key = f"panier:capture:{order.number}:{payment_intent_id}:{minor}"
    try:
        intent = gateway.capture_payment_intent(
            payment_intent_id, amount=minor, idempotency_key=key
        )
    except StripeRefusal:
        # Already captured (a lost answer, the Stripe dashboard)? Trust Stripe's state.
        intent = gateway.retrieve_payment_intent(payment_intent_id)
        if intent["status"] != "succeeded":
            raise
        amount = gateway.captured_amount(intent, currency=source.currency)
    releases = []
    if amount < source.amount_allocated:
        # Right after a partial capture, any refund Stripe lists is the uncaptured rest.
        releases = [
            (refund["id"], from_minor_units(refund["amount"], source.currency))
            for refund in gateway.list_refunds(payment_intent_id)
        ]
    ledger.record_capture(
        order,
        payment_intent_id=payment_intent_id,
        amount=amount,
        releases=releases,
        user=user,
    )


def cancel_card_payment(*, order: Order, user: Any = None) -> None:
    """Cancel the card authorisation (nothing captured yet); the order is cancelled."""
    source = _card_source(order)
    payment_intent_id = source.reference
    if ledger.has_transaction(source, ledger.TXN_CAPTURE):
        raise UnableToTakePayment(_("This payment has been captured: refund it instead."))
    if ledger.has_transaction(source, ledger.TXN_CANCEL):
        return
    key = f"panier:cancel:{order.number}:{payment_intent_id}"
    try:
        gateway.cancel_payment_intent(payment_intent_id, idempotency_key=key)
    except StripeRefusal:
        intent = gateway.retrieve_payment_intent(payment_intent_id)
        if intent["status"] != "canceled":
            raise
    ledger.record_cancel(order, payment_intent_id=payment_intent_id, user=user)
    # The order will not be paid: what the wallet paid of it goes back there.
    wallet.order_wallet_part_refund(order=order, by=user)


def refund_card_payment(*, order: Order, amount: Decimal, user: Any, note: str = "") -> None:
    """Refund `amount` (all or part of what was captured and not yet refunded) to the card.

    The refund is written down (with its idempotency key) before Stripe is called: if the
    call times out, asking again for the same amount reuses the key, so Stripe refunds
    once; the webhook confirms it either way."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0:
        raise UnableToTakePayment(_("The amount to refund must be more than zero."))
    source = _card_source(order)
    payment_intent_id = source.reference
    if not ledger.has_transaction(source, ledger.TXN_CAPTURE):
        raise UnableToTakePayment(_("Nothing has been captured: cancel the authorisation instead."))
    try:
        with transaction.atomic():
            locked = ledger.lock_order(order)
            source = _card_source(locked, lock=True)
            pending = StripeRefund.objects.filter(
                order=locked, status=StripeRefund.Status.REQUESTED
            )
            row = pending.filter(amount=amount).order_by("pk").first()
            others = pending if row is None else pending.exclude(pk=row.pk)
            in_flight = others.aggregate(total=Sum("amount"))["total"] or Decimal("0")
            available = source.amount_debited - source.amount_refunded - in_flight
            # Nor more than the order's payments less all its refunds (to the wallet too).
            reused = row.amount if row is not None else Decimal("0")
            available = min(available, ledger.order_refundable(locked) + reused)
            if amount > available:
                raise UnableToTakePayment(
                    _("You can refund at most %(amount)s.") % {"amount": max(available, 0)}
                )
            if row is None:
                sequence = StripeRefund.objects.filter(order=locked).count() + 1
                minor = to_minor_units(amount, source.currency)
                row = StripeRefund.objects.create(
                    order=locked,
                    payment_intent_id=payment_intent_id,
                    idempotency_key=(
                        f"panier:refund:{order.number}:{payment_intent_id}:{sequence}:{minor}"
                    ),
                    amount=amount,
                    status=StripeRefund.Status.REQUESTED,
                    requested_by=user if getattr(user, "is_authenticated", False) else None,
                )
    except IntegrityError as exc:
        raise UnableToTakePayment(_("Another refund of this order is in progress.")) from exc
    key = row.idempotency_key
    try:
        refund = gateway.create_refund(
            payment_intent_id,
            amount=to_minor_units(amount, source.currency),
            metadata={"order_number": order.number, "refund_key": key},
            idempotency_key=key,
        )
    except StripeRefusal:
        StripeRefund.objects.filter(pk=row.pk).update(status=StripeRefund.Status.FAILED)
        raise
    ledger.record_card_refund(
        order,
        payment_intent_id=payment_intent_id,
        refund_id=refund["id"],
        amount=from_minor_units(refund["amount"], source.currency),
        idempotency_key=key,
        user=user,
        note=note,
    )


# --- orders never paid ------------------------------------------------------------------


def order_cancel_unpaid(*, order: Order) -> bool:
    """Cancel an order still awaiting payment (its payment deadline passed): the status
    moves through the pipeline under the order's lock; what the wallet paid of it goes
    back there. Returns whether it moved."""
    with transaction.atomic():
        locked = ledger.lock_order(order)
        moved = ledger.move_status(locked, statuses.CANCELLED)
        if locked.status == statuses.CANCELLED:
            wallet.order_wallet_part_refund(order=locked)
        ledger.sync_instance(order, locked)
    return moved
