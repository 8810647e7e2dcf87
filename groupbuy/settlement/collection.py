"""Taking group order card payments (Stripe), and the payment states of settlements.

At confirmation (`card_payments_collect`, called by the settlement): capture exactly the
order total on the authorization (a partial capture: Stripe releases the rest), or
create and capture an off-session PaymentIntent on the saved card. A refusal or an
authentication request marks the settlement failed and the member pays on the payment
page (a new PaymentIntent through `settlement_payment_prepare`, as the checkout does)
before the grace period ends. Members who receive nothing: authorization cancelled.

No authorization is left to expire: `authorizations_renew` (command
`groupbuy_renew_authorizations`, hourly) acts on every authorization whose
`capture_before` is less than GROUPBUY_RENEW_WITHIN_HOURS (24) away: confirmed → its
payment is collected now; nothing to pay (cancelled, nothing allocated) → cancelled;
not confirmed yet → cancelled and the member is switched to a saved card (e-mail with the
link to the card page). Authorizations of a cancelled group order are released at the
next run, whatever their deadline.
"""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from groupbuy.orders.models import GroupOrder, GroupOrderState
from shop.payments import gateway, services
from shop.payments.gateway import StripeRefusal, decline_message, to_minor_units
from shop.payments.methods import PaymentMethod

from .cards import cancel_quietly, capture_deadline, client, stripe_call, stripe_customer_id
from .emails import send_card_needed_email
from .models import GroupOrderSettlement, GroupPayment
from .selectors import card_payments_enabled, grace_period

logger = logging.getLogger(__name__)

S = GroupOrderState
Mode = GroupPayment.Mode
Status = GroupPayment.Status
SP = GroupOrderSettlement.PaymentState
_UNCONFIRMED = {"requires_payment_method", "requires_confirmation", "requires_action"}


# --- payment states -----------------------------------------------------------------


def settlement_mark_paid(*, settlement: GroupOrderSettlement) -> None:
    GroupOrderSettlement.objects.filter(
        pk=settlement.pk, payment_state__in=[SP.PENDING, SP.FAILED]
    ).update(payment_state=SP.PAID, failure_message="", updated_at=timezone.now())
    settlement.payment_state = SP.PAID


def settlement_mark_failed(*, settlement: GroupOrderSettlement, message: str) -> None:
    """A card payment was refused or needs the member: they have the grace period."""
    due = settlement.payment_due_at or timezone.now() + grace_period()
    GroupOrderSettlement.objects.filter(pk=settlement.pk).update(
        payment_state=SP.FAILED,
        payment_due_at=due,
        failure_message=str(message)[:255],
        updated_at=timezone.now(),
    )
    settlement.payment_state, settlement.payment_due_at = SP.FAILED, due
    settlement.failure_message = str(message)[:255]


# --- at confirmation --------------------------------------------------------------------


def card_payments_collect(*, group_order: GroupOrder, outcome) -> None:
    """Capture (or charge) every card settlement still awaiting payment; cancel the
    authorizations of members who receive nothing. One member at a time, outside any
    transaction of ours: Stripe calls are slow and each one has its own idempotency key."""
    if not card_payments_enabled():
        return
    pending = GroupOrderSettlement.objects.filter(
        group_order=group_order,
        sequence=0,
        payment_method=PaymentMethod.CARD.value,
        payment_state=SP.PENDING,
    ).select_related("order", "member")
    for settlement in pending.order_by("pk"):
        result = settlement_payment_collect(settlement=settlement)
        if result == SP.PAID:
            outcome.paid.append(settlement)
        elif result == SP.FAILED:
            outcome.failed.append(settlement)
    settled = GroupOrderSettlement.objects.filter(group_order=group_order).values("member_id")
    unused = GroupPayment.objects.filter(
        group_order=group_order,
        mode=Mode.AUTHORIZATION,
        status__in=[Status.READY, Status.REQUIRES_CARD],
    ).exclude(member_id__in=settled)
    for row in unused.exclude(payment_intent_id=""):
        if cancel_quietly(row.payment_intent_id):
            GroupPayment.objects.filter(pk=row.pk).update(
                status=Status.CANCELED, updated_at=timezone.now()
            )
            outcome.authorizations_released += 1


def settlement_payment_collect(*, settlement: GroupOrderSettlement) -> str:
    """Take exactly the order total on the member's card. Returns the settlement's new
    payment state (unchanged "pending_payment" when Stripe could not be reached).

    Under the settlement's row lock: two confirmations running at once (or the renewal
    job) cannot both charge the member."""
    with transaction.atomic():
        locked = (
            GroupOrderSettlement.objects.select_for_update()
            .filter(pk=settlement.pk, payment_state=SP.PENDING)
            .select_related("order", "member")
            .first()
        )
        if locked is None:  # someone else collected it meanwhile
            return GroupOrderSettlement.objects.get(pk=settlement.pk).payment_state
        state = _collect_locked(locked)
    settlement.payment_state = state
    return state


def _collect_locked(settlement: GroupOrderSettlement) -> str:
    order = settlement.order
    row = GroupPayment.objects.filter(
        group_order_id=settlement.group_order_id, member_id=settlement.member_id
    ).first()
    try:
        if row is None or row.status != Status.READY:
            raise UnableToTakePayment(_("No card is ready for this payment."))
        if row.mode == Mode.SAVED_CARD:
            payment_intent_id, authorized = _charge_saved_card(row, order)
        else:
            payment_intent_id = row.payment_intent_id
            authorized = row.amount
        authorization = services.verify_card_authorization(
            payment_intent_id=payment_intent_id, order_number=order.number, amount=authorized
        )
        services.record_card_authorization(order=order, authorization=authorization)
        services.capture_card_payment(order=order, amount=order.total_incl_tax)
    except UnableToTakePayment as error:
        logger.info("Group order payment of %s failed: %s", order.number, error)
        settlement_mark_failed(settlement=settlement, message=str(error))
        if row is not None:
            GroupPayment.objects.filter(pk=row.pk).update(
                status=Status.FAILED, updated_at=timezone.now()
            )
        return SP.FAILED
    except PaymentError:
        logger.warning("Stripe unavailable for %s: retry by confirming again", order.number)
        return SP.PENDING
    settlement_mark_paid(settlement=settlement)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CAPTURED, updated_at=timezone.now())
    return SP.PAID


def _charge_saved_card(row: GroupPayment, order) -> tuple[str, Decimal]:
    """An off-session PaymentIntent on the saved card for exactly the order total,
    authorised now (manual capture) so that the usual ledger records it."""
    amount = order.total_incl_tax
    minor = to_minor_units(amount, order.currency)
    customer = stripe_customer_id(row.member)
    try:
        intent = stripe_call(
            "off-session PaymentIntent",
            client().v1.payment_intents.create,
            {
                "amount": minor,
                "currency": order.currency.lower(),
                "customer": customer,
                "payment_method": row.payment_method_id,
                "capture_method": "manual",
                "confirm": True,
                "off_session": True,
                "metadata": {"order_number": order.number, "email": row.member.email},
            },
            {"idempotency_key": f"panier:group-offsession:{order.number}:{minor}"},
        )
    except StripeRefusal as refusal:
        raise UnableToTakePayment(
            decline_message(
                refusal.code,
                refusal.decline_code,
                default=_("Your card was declined. Please pay with another card."),
            )
        ) from refusal
    GroupPayment.objects.filter(pk=row.pk).update(
        payment_intent_id=intent["id"], updated_at=timezone.now()
    )
    if intent["status"] == "requires_action":
        raise UnableToTakePayment(
            _("Your bank asks you to confirm this payment. Please pay on the group order page.")
        )
    return intent["id"], amount


# --- after a failure: the member's payment page ----------------------------------------


def settlement_payment_prepare(*, settlement: GroupOrderSettlement):
    """A PaymentIntent for the order total, as the checkout's card step makes."""
    order = settlement.order
    return services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=settlement.member.email,
    )


def settlement_payment_complete(
    *, settlement: GroupOrderSettlement, payment_intent_id: str
) -> None:
    """The member paid on the payment page: record and capture; the order is paid."""
    order = settlement.order
    authorization = services.verify_card_authorization(
        payment_intent_id=payment_intent_id,
        order_number=order.number,
        amount=order.total_incl_tax,
    )
    with transaction.atomic():
        # Under the settlement's lock, which the release job takes too: a payment and a
        # release of the same lines cannot both happen.
        locked = GroupOrderSettlement.objects.select_for_update().get(pk=settlement.pk)
        if locked.payment_state != SP.FAILED:
            services.release_card_authorization(
                payment_intent_id=payment_intent_id, order_number=order.number
            )
            raise UnableToTakePayment(
                _("It is too late to pay: your lines were released to other members.")
            )
        services.record_card_authorization(order=order, authorization=authorization)
        services.capture_card_payment(order=order, amount=order.total_incl_tax)
        settlement_mark_paid(settlement=locked)
    settlement.payment_state = locked.payment_state


def member_authorization_release(*, group_order: GroupOrder, member) -> None:
    """Cancel whatever authorization of the member is still open (after a release)."""
    row = GroupPayment.objects.filter(group_order=group_order, member=member).first()
    if row is None or not row.payment_intent_id or row.status == Status.CAPTURED:
        return
    try:
        intent = gateway.retrieve_payment_intent(row.payment_intent_id)
    except PaymentError:
        return
    if intent["status"] in _UNCONFIRMED | {"requires_capture"}:
        cancel_quietly(row.payment_intent_id)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CANCELED, updated_at=timezone.now())


# --- authorizations about to expire ---------------------------------------------------------


def authorizations_renew(
    *, now: datetime.datetime | None = None, within: datetime.timedelta | None = None
) -> dict[str, int]:
    """Act on every authorization whose capture deadline is near (see module doc)."""
    if not card_payments_enabled():
        return {}
    now = now or timezone.now()
    hours = settings.GROUPBUY_RENEW_WITHIN_HOURS
    within = within if within is not None else datetime.timedelta(hours=hours)
    counts = {"captured": 0, "failed": 0, "cancelled": 0, "switched": 0}
    rows = GroupPayment.objects.filter(mode=Mode.AUTHORIZATION, status=Status.READY).select_related(
        "group_order", "member"
    )
    for row in rows.order_by("pk"):
        if row.group_order.state == S.CANCELLED:  # nothing will be bought: release now
            counts[_renew(row)] += 1
            continue
        deadline = row.capture_before
        if deadline is None:
            try:
                deadline = capture_deadline(gateway.retrieve_payment_intent(row.payment_intent_id))
            except PaymentError:
                continue
            GroupPayment.objects.filter(pk=row.pk).update(capture_before=deadline)
        if deadline - now > within:
            continue
        counts[_renew(row)] += 1
    return counts


def _renew(row: GroupPayment) -> str:
    group_order = row.group_order
    settlement = (
        GroupOrderSettlement.objects.filter(group_order=group_order, member=row.member, sequence=0)
        .select_related("order", "member")
        .first()
    )
    if settlement is not None and settlement.payment_state == SP.PENDING:
        result = settlement_payment_collect(settlement=settlement)
        return "captured" if result == SP.PAID else "failed"
    if group_order.state in (S.OPEN, S.CLOSED):
        # Not confirmed yet: the authorization would lapse first. Save the card instead.
        cancel_quietly(row.payment_intent_id)
        GroupPayment.objects.filter(pk=row.pk).update(
            mode=Mode.SAVED_CARD,
            status=Status.REQUIRES_CARD,
            payment_intent_id="",
            capture_before=None,
            amount_version=F("amount_version") + 1,
            updated_at=timezone.now(),
        )
        send_card_needed_email(row)
        return "switched"
    cancel_quietly(row.payment_intent_id)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CANCELED, updated_at=timezone.now())
    return "cancelled"
