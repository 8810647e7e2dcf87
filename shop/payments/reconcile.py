"""Bring an order in line with what Stripe says now.

Webhook events only say that something changed: they may arrive twice, late or out of
order. So an event is never applied as such; the PaymentIntent is re-read from Stripe
and the order is reconciled with that state (capture recorded once, cancellation
recorded once, every Stripe refund recorded once by its id).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from . import gateway, ledger, wallet
from .gateway import from_minor_units
from .models import PaymentAudit, StripeRefund

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
    from oscar.apps.payment.models import Source
else:
    Order = get_model("order", "Order")
    Source = get_model("payment", "Source")


def order_for_payment_intent(payment_intent_id: str) -> Order | None:
    """The order whose card payment is this PaymentIntent (None before the order exists,
    or for an abandoned PaymentIntent)."""
    source = (
        Source.objects.filter(
            source_type__code=ledger.STRIPE_SOURCE_CODE, reference=payment_intent_id
        )
        .select_related("order")
        .order_by("-pk")
        .first()
    )
    return source.order if source else None


def reconcile_payment_intent(payment_intent_id: str, *, reason: str = "") -> list[str]:
    """Re-read the PaymentIntent and record on its order whatever is not yet recorded.

    Returns what changed (empty when the order was already up to date)."""
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    order = order_for_payment_intent(payment_intent_id)
    if order is None:
        return ["no order for this payment"]
    source = ledger.stripe_source(order)
    if source is None:  # not reached: the order was found through its Stripe source
        return ["no order for this payment"]
    status = intent["status"]
    changes: list[str] = []
    if status == "succeeded":
        refunds = sorted(gateway.list_refunds(payment_intent_id), key=lambda r: r["created"])
        if not ledger.has_transaction(source, ledger.TXN_CAPTURE):
            amount = gateway.captured_amount(intent, currency=source.currency)
            releases = _releases(refunds, source=source, captured=amount)
            if ledger.record_capture(
                order,
                payment_intent_id=payment_intent_id,
                amount=amount,
                releases=releases,
                note=reason,
            ):
                changes.append("capture recorded")
        changes += _record_refunds(order, source, refunds, reason=reason)
    elif status == "canceled" and ledger.record_cancel(
        order, payment_intent_id=payment_intent_id, note=reason
    ):
        changes.append("cancellation recorded")
        if wallet.order_wallet_part_refund(order=order, note=reason):
            changes.append("wallet part refunded")
    return changes


def _releases(refunds, *, source: Source, captured: Decimal) -> list[tuple[str, Decimal]]:
    """A partial capture made outside the shop: the refund of exactly the uncaptured
    rest, not asked by us, is the released remainder (where Stripe lists one)."""
    remainder = source.amount_allocated - captured
    if remainder <= 0:
        return []
    for refund in refunds:
        amount = from_minor_units(refund["amount"], source.currency)
        if amount == remainder and not gateway.field(refund["metadata"], "refund_key"):
            return [(refund["id"], amount)]
    return []


def _record_refunds(order: Order, source: Source, refunds, *, reason: str) -> list[str]:
    changes = []
    known = set(
        StripeRefund.objects.filter(
            refund_id__in=[refund["id"] for refund in refunds],
            status__in=[StripeRefund.Status.RECORDED, StripeRefund.Status.RELEASE],
        ).values_list("refund_id", flat=True)
    )
    for refund in refunds:
        if refund["id"] in known or refund["status"] not in ("succeeded", "pending"):
            continue
        amount = from_minor_units(refund["amount"], source.currency)
        if ledger.record_card_refund(
            order,
            payment_intent_id=source.reference,
            refund_id=refund["id"],
            amount=amount,
            idempotency_key=gateway.field(refund["metadata"], "refund_key") or None,
            note=reason,
        ):
            changes.append(f"refund {refund['id']} recorded")
    return changes


def note_payment_problem(payment_intent_id: str, *, event_name: str, reason: str) -> list[str]:
    """A failed payment or a pending authentication, noted on the order if the re-read
    PaymentIntent still says so (a late event about an old attempt is ignored)."""
    intent = gateway.retrieve_payment_intent(payment_intent_id)
    if intent["status"] not in ("requires_payment_method", "requires_action"):
        return []
    order = order_for_payment_intent(payment_intent_id)
    if order is None:
        return ["no order for this payment"]
    amount = from_minor_units(intent["amount"], intent["currency"])
    ledger.add_event(order, event_name, amount, reason)
    return [f"{event_name} noted"]


def record_dispute(dispute, *, reason: str) -> list[str]:
    """A chargeback opened: a "Disputed" payment event and an e-mail to staff."""
    payment_intent_id = gateway.field(dispute, "payment_intent")
    if not payment_intent_id and gateway.field(dispute, "charge"):
        charge = dispute["charge"]
        if isinstance(charge, str):
            charge = gateway.retrieve_charge(charge)
        payment_intent_id = gateway.field(charge, "payment_intent")
    order = order_for_payment_intent(payment_intent_id) if payment_intent_id else None
    if order is None:
        return ["no order for this dispute"]
    dispute_id = dispute["id"]
    amount = from_minor_units(gateway.field(dispute, "amount", 0), order.currency)
    with transaction.atomic():
        locked = ledger.lock_order(order)
        if locked.payment_events.filter(
            event_type__name=ledger.EVENT_DISPUTED, reference=dispute_id
        ).exists():
            return []
        ledger.add_event(locked, ledger.EVENT_DISPUTED, amount, dispute_id)
        ledger.audit(
            locked,
            PaymentAudit.Action.DISPUTE,
            amount,
            note=f"{dispute_id} {gateway.field(dispute, 'reason', '')} {reason}".strip(),
        )
    transaction.on_commit(
        lambda: _mail_staff_about_dispute(order, amount, gateway.field(dispute, "reason", ""))
    )
    return ["dispute recorded"]


def _staff_emails() -> list[str]:
    admins = [email for _name, email in settings.ADMINS]
    if admins:
        return admins
    users = get_user_model().objects.filter(is_staff=True, is_active=True).exclude(email="")
    return list(users.values_list("email", flat=True))


def _mail_staff_about_dispute(order: Order, amount: Decimal, reason: str) -> None:
    recipients = _staff_emails()
    if not recipients:
        logger.error("Card payment of order %s disputed, and no staff e-mail", order.number)
        return
    subject = _("Card payment disputed: order %(number)s") % {"number": order.number}
    body = _(
        "The customer's bank has opened a dispute on the card payment of order %(number)s "
        "(%(amount)s %(currency)s). Reason given: %(reason)s.\n\n"
        "Answer it from the Stripe dashboard before the deadline Stripe shows."
    ) % {
        "number": order.number,
        "amount": amount,
        "currency": order.currency,
        "reason": reason or "-",
    }
    send_mail(
        f"[{settings.OSCAR_SHOP_NAME}] {subject}",
        body,
        settings.SERVER_EMAIL,
        recipients,
    )
