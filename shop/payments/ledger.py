"""Writing the money trail: Oscar's Source, Transaction and PaymentEvent, our audit rows
and the order status, always under a row lock on the order.

Each `record_*` function is idempotent: it looks at what is already recorded (under the
lock) and does nothing the second time, so a service call, its retry and a webhook
telling the same story can all run, in any order, and leave one record.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from decimal import Decimal
from typing import TYPE_CHECKING, Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import Model, Sum
from oscar.core.loading import get_model

from . import statuses
from .methods import PaymentMethod
from .models import PaymentAudit, StripeRefund

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from oscar.apps.order.models import (
        Order,
        PaymentEvent,
        PaymentEventQuantity,
        PaymentEventType,
    )
    from oscar.apps.payment.models import Source, SourceType, Transaction
else:
    Order = get_model("order", "Order")
    PaymentEvent = get_model("order", "PaymentEvent")
    PaymentEventType = get_model("order", "PaymentEventType")
    PaymentEventQuantity = get_model("order", "PaymentEventQuantity")
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")
    Transaction = get_model("payment", "Transaction")

# Transaction types (Oscar's Transaction.txn_type).
TXN_AUTHORISE = "Authorise"
TXN_CAPTURE = "Capture"
TXN_CANCEL = "Cancel"
TXN_DEBIT = "Debit"
TXN_REFUND = "Refund"

# Payment event types (Oscar's PaymentEventType.name).
EVENT_AUTHORISED = "Authorised"
EVENT_CAPTURED = "Captured"
EVENT_CANCELLED = "Cancelled"
EVENT_PENDING = "Pending"
EVENT_PAID = "Paid"
EVENT_REFUNDED = "Refunded"
EVENT_DISPUTED = "Disputed"
EVENT_FAILED = "Payment failed"
EVENT_ACTION_REQUIRED = "Authentication required"

# Source types: code → name shown in the dashboard.
SOURCE_TYPES = {
    PaymentMethod.CARD: ("stripe", "Stripe"),
    PaymentMethod.PICKUP: ("paiement-au-retrait", "Paiement au retrait"),
    PaymentMethod.TRANSFER: ("virement-bancaire", "Virement bancaire"),
}
STRIPE_SOURCE_CODE = SOURCE_TYPES[PaymentMethod.CARD][0]
OFFLINE_SOURCE_CODES = [SOURCE_TYPES[m][0] for m in (PaymentMethod.PICKUP, PaymentMethod.TRANSFER)]


_M = TypeVar("_M", bound=Model)


def _get_or_create(model: type[_M], *, defaults: dict[str, Any] | None = None, **lookup: Any) -> _M:
    """get_or_create that survives a concurrent creation of the same unique row."""
    try:
        with transaction.atomic():
            obj, _created = model._default_manager.get_or_create(defaults=defaults, **lookup)
    except IntegrityError:
        obj = model._default_manager.get(**lookup)
    return obj


def source_type(method: PaymentMethod) -> SourceType:
    code, name = SOURCE_TYPES[PaymentMethod(method)]
    return _get_or_create(SourceType, code=code, defaults={"name": name})


def event_type(name: str) -> PaymentEventType:
    return _get_or_create(PaymentEventType, name=name)


def method_of(source: Source) -> PaymentMethod | None:
    """The payment method a Source stands for (None for a source of another kind)."""
    for method, (code, _name) in SOURCE_TYPES.items():
        if source.source_type.code == code:
            return method
    return None


def lock_order(order: Order) -> Order:
    """A fresh copy of the order, locked until the end of the transaction."""
    return Order.objects.select_for_update().get(pk=order.pk)


def stripe_source(order: Order, *, lock: bool = False) -> Source | None:
    sources = order.sources.filter(source_type__code=STRIPE_SOURCE_CODE).select_related(
        "source_type"
    )
    if lock:
        sources = sources.select_for_update()
    return sources.order_by("-pk").first()


def offline_source(order: Order, *, lock: bool = False) -> Source | None:
    sources = order.sources.filter(source_type__code__in=OFFLINE_SOURCE_CODES).select_related(
        "source_type"
    )
    if lock:
        sources = sources.select_for_update()
    return sources.order_by("-pk").first()


def order_refundable(order: Order) -> Decimal:
    """What was paid on all the order's sources (card, offline, wallet) and not given
    back yet, less the card refunds asked of Stripe and not confirmed: the most any
    further refund may give back, whichever way it goes."""
    totals = order.sources.aggregate(paid=Sum("amount_debited"), back=Sum("amount_refunded"))
    in_flight = StripeRefund.objects.filter(
        order=order, status=StripeRefund.Status.REQUESTED
    ).aggregate(total=Sum("amount"))["total"]
    zero = Decimal("0.00")
    return max((totals["paid"] or zero) - (totals["back"] or zero) - (in_flight or zero), zero)


def order_fully_refunded(order: Order) -> bool:
    """Everything paid, on all sources, has been given back."""
    totals = order.sources.aggregate(paid=Sum("amount_debited"), back=Sum("amount_refunded"))
    paid = totals["paid"] or 0
    return paid > 0 and (totals["back"] or 0) >= paid


def has_transaction(source: Source, txn_type: str) -> bool:
    return source.transactions.filter(txn_type=txn_type).exists()


def add_transaction(
    source: Source, txn_type: str, amount: Decimal, reference: str = "", status: str = ""
) -> Transaction:
    return source.transactions.create(
        txn_type=txn_type, amount=amount, reference=reference[:128], status=status[:128]
    )


def add_event(
    order: Order,
    name: str,
    amount: Decimal,
    reference: str = "",
    *,
    all_lines: bool = False,
) -> PaymentEvent:
    """A payment event on the order; `all_lines` links every line with its quantity."""
    event = PaymentEvent.objects.create(
        order=order, event_type=event_type(name), amount=amount, reference=reference[:128]
    )
    if all_lines:
        PaymentEventQuantity.objects.bulk_create(
            PaymentEventQuantity(event=event, line=line, quantity=line.quantity)
            for line in order.lines.all()
        )
    return event


def audit(order: Order, action: str, amount: Decimal, *, user=None, note: str = "") -> PaymentAudit:
    user = user if getattr(user, "is_authenticated", False) else None
    return PaymentAudit.objects.create(
        order=order, action=action, amount=amount, user=user, note=note
    )


def move_status(order: Order, status: str) -> bool:
    """Move the (locked) order to `status` if the pipeline allows it; True if it moved."""
    if order.status == status:
        return False
    if status in order.available_statuses():
        order.set_status(status)
        return True
    logger.warning(
        "Order %s stays %r: the pipeline does not lead to %r", order.number, order.status, status
    )
    return False


def sync_instance(order: Order, locked: Order) -> None:
    """Copy what a service changed on the locked copy back to the caller's instance."""
    order.status = locked.status


# --- card ---------------------------------------------------------------------------


def record_capture(
    order: Order,
    *,
    payment_intent_id: str,
    amount: Decimal,
    releases: Iterable[tuple[str, Decimal]] = (),
    user=None,
    note: str = "",
) -> bool:
    """Record the capture of the order's PaymentIntent once; the order becomes paid.

    `releases`: Stripe refunds (id, amount) that are only the uncaptured remainder of a
    partial capture, so that they are never counted as money given back."""
    with transaction.atomic():
        locked = lock_order(order)
        source = stripe_source(locked, lock=True)
        if source is None or source.reference != payment_intent_id:
            return False
        for refund_id, release_amount in releases:
            if not StripeRefund.objects.filter(refund_id=refund_id).exists():
                StripeRefund.objects.create(
                    order=locked,
                    payment_intent_id=payment_intent_id,
                    idempotency_key=f"stripe:{refund_id}",
                    refund_id=refund_id,
                    amount=release_amount,
                    status=StripeRefund.Status.RELEASE,
                )
        if has_transaction(source, TXN_CAPTURE):
            sync_instance(order, locked)
            return False
        source.amount_debited += amount
        source.save(update_fields=["amount_debited"])
        add_transaction(source, TXN_CAPTURE, amount, payment_intent_id, "succeeded")
        add_event(locked, EVENT_CAPTURED, amount, payment_intent_id, all_lines=True)
        move_status(locked, statuses.PAID)
        audit(locked, PaymentAudit.Action.CAPTURE, amount, user=user, note=note)
        sync_instance(order, locked)
    return True


def record_cancel(order: Order, *, payment_intent_id: str, user=None, note: str = "") -> bool:
    """Record the cancellation of the order's (uncaptured) PaymentIntent once."""
    with transaction.atomic():
        locked = lock_order(order)
        source = stripe_source(locked, lock=True)
        if source is None or source.reference != payment_intent_id:
            return False
        if has_transaction(source, TXN_CANCEL) or has_transaction(source, TXN_CAPTURE):
            sync_instance(order, locked)
            return False
        amount = source.amount_allocated
        add_transaction(source, TXN_CANCEL, amount, payment_intent_id, "canceled")
        add_event(locked, EVENT_CANCELLED, amount, payment_intent_id)
        move_status(locked, statuses.CANCELLED)
        audit(locked, PaymentAudit.Action.CANCEL, amount, user=user, note=note)
        sync_instance(order, locked)
    return True


def record_card_refund(
    order: Order,
    *,
    payment_intent_id: str,
    refund_id: str,
    amount: Decimal,
    idempotency_key: str | None = None,
    user=None,
    note: str = "",
) -> bool:
    """Record a Stripe refund once (by its id); fully refunded orders become refunded."""
    with transaction.atomic():
        locked = lock_order(order)
        source = stripe_source(locked, lock=True)
        if source is None or source.reference != payment_intent_id:
            return False
        if StripeRefund.objects.filter(
            refund_id=refund_id,
            status__in=[StripeRefund.Status.RECORDED, StripeRefund.Status.RELEASE],
        ).exists():
            sync_instance(order, locked)
            return False
        row = None
        if idempotency_key:
            row = StripeRefund.objects.filter(order=locked, idempotency_key=idempotency_key).first()
        if row is not None:
            row.refund_id = refund_id
            row.amount = amount
            row.status = StripeRefund.Status.RECORDED
            row.save(update_fields=["refund_id", "amount", "status"])
            user = user or row.requested_by
        else:
            StripeRefund.objects.create(
                order=locked,
                payment_intent_id=payment_intent_id,
                idempotency_key=idempotency_key or f"stripe:{refund_id}",
                refund_id=refund_id,
                amount=amount,
                status=StripeRefund.Status.RECORDED,
                requested_by=user if getattr(user, "is_authenticated", False) else None,
            )
        source.refund(amount, reference=refund_id, status="succeeded")
        add_event(locked, EVENT_REFUNDED, amount, refund_id)
        audit(locked, PaymentAudit.Action.CARD_REFUND, amount, user=user, note=note)
        if order_fully_refunded(locked):
            move_status(locked, statuses.REFUNDED)
        sync_instance(order, locked)
    return True
