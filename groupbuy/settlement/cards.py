"""Card payments of group orders (Stripe). Without Stripe, members pay at pickup.

At commitment (the member's card page, linked from the group order page):

* the closing is at most GROUPBUY_AUTHORIZATION_MAX_DAYS (4) days away → an
  **authorization**: a PaymentIntent with manual capture for the member's maximum
  (firm units + tolerance at the base price; tier prices are only ever lower). Its
  metadata carries the order number the member's order will have (``G<go>-<member>``),
  so that `shop.payments.services` verifies, records and captures it like any other
  order's authorization;
* otherwise → the card is **saved** (a SetupIntent on the member's Stripe customer) and
  charged off-session at confirmation, for the exact amount.

Re-opening the page after the commitments grew updates the PaymentIntent's amount while
it is not confirmed, or replaces it (new amount version, so a new idempotency key) when
the authorised amount no longer covers the maximum.

At confirmation (`collect_card_payments`, called by the settlement): capture exactly the
order total on the authorization (a partial capture: Stripe releases the rest), or
create and capture an off-session PaymentIntent on the saved card. A refusal or an
authentication request marks the settlement failed and the member pays on
`GroupOrderPayView` (a new PaymentIntent through `prepare_card_payment`, as the checkout
does) before the grace period ends. Members who receive nothing: authorization cancelled.

No authorization is left to expire: `renew_authorizations` (command
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
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F, Sum
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from shop.payments import gateway, services
from shop.payments.gateway import StripeRefusal, StripeUnavailable, to_minor_units
from shop.payments.methods import PaymentMethod, stripe_enabled

from .models import (
    Commitment,
    GroupOrder,
    GroupOrderSettlement,
    GroupOrderState,
    GroupPayment,
    StripeCustomer,
)

logger = logging.getLogger(__name__)

S = GroupOrderState
Mode = GroupPayment.Mode
Status = GroupPayment.Status
SP = GroupOrderSettlement.PaymentState
AUTHORIZATION_LIFETIME = datetime.timedelta(days=7)  # Stripe's, for online card payments
_UNCONFIRMED = {"requires_payment_method", "requires_confirmation", "requires_action"}


def card_payments_enabled() -> bool:
    return stripe_enabled()


def authorization_window() -> datetime.timedelta:
    return datetime.timedelta(days=getattr(settings, "GROUPBUY_AUTHORIZATION_MAX_DAYS", 4))


def currency() -> str:
    return settings.OSCAR_DEFAULT_CURRENCY


# --- what a member may owe ------------------------------------------------------------


def member_max_amount(*, group_order: GroupOrder, member) -> Decimal:
    """Firm units plus tolerance, at each offer's base price: the most the member can
    receive (tier prices are lower than the base price)."""
    total = Decimal("0")
    for commitment in (
        Commitment.objects.filter(offer__group_order=group_order, member=member)
        .select_related("offer")
        .annotate(firm=Sum("parts__quantity"))
    ):
        units = (commitment.firm or 0) + commitment.tolerance
        total += units * commitment.offer.unit_price_incl_tax
    return total.quantize(Decimal("0.01"))


# --- Stripe calls not in shop.payments.gateway -----------------------------------------


def _client():
    return gateway.get_client()


def _stripe(description: str, func, *args):
    # gateway._call turns Stripe's errors into StripeRefusal / StripeUnavailable.
    return gateway._call(description, func, *args)


def stripe_customer_id(user) -> str:
    """The member's Stripe customer, created once (idempotency key per user)."""
    existing = StripeCustomer.objects.filter(user=user).values_list("customer_id", flat=True)
    if existing:
        return existing[0]
    customer = _stripe(
        "customer creation",
        _client().v1.customers.create,
        {"email": user.email, "metadata": {"user_id": str(user.pk)}},
        {"idempotency_key": f"panier:customer:{user.pk}"},
    )
    row, _created = StripeCustomer.objects.get_or_create(
        user=user, defaults={"customer_id": customer["id"]}
    )
    return row.customer_id


# --- the member's card page -----------------------------------------------------------


@dataclass(frozen=True)
class CardSetup:
    """What the card page needs to mount the Payment Element."""

    kind: str  # "payment" (authorization) or "setup" (saved card)
    client_secret: str
    publishable_key: str
    amount: Decimal
    payment: GroupPayment


def _payment_row(group_order: GroupOrder, member, mode: str) -> GroupPayment:
    row, _created = GroupPayment.objects.get_or_create(
        group_order=group_order, member=member, defaults={"mode": mode}
    )
    return row


def prepare_group_card(
    *, group_order: GroupOrder, member, now: datetime.datetime | None = None
) -> CardSetup:
    """Create or update what the member's card page confirms: an authorization for
    their maximum when the closing is near, otherwise a SetupIntent."""
    if not card_payments_enabled():
        raise StripeUnavailable(_("Card payments are not available."))
    now = now or timezone.now()
    if not group_order.accepts_commitments:
        raise UnableToTakePayment(_("This group order no longer accepts commitments."))
    amount = member_max_amount(group_order=group_order, member=member)
    if amount <= 0:
        raise UnableToTakePayment(_("Commit to at least one product first."))
    near = group_order.closes_at - now <= authorization_window()
    with transaction.atomic():
        row = _payment_row(group_order, member, Mode.AUTHORIZATION if near else Mode.SAVED_CARD)
        row = GroupPayment.objects.select_for_update().get(pk=row.pk)
        if row.mode == Mode.PICKUP or row.status in (Status.CANCELED, Status.FAILED):
            row.mode = Mode.AUTHORIZATION if near else Mode.SAVED_CARD
            row.status = Status.REQUIRES_CARD
            row.save(update_fields=["mode", "status", "updated_at"])
    if row.mode == Mode.SAVED_CARD:
        return _prepare_setup(row, member, amount)
    return _prepare_authorization(row, member, amount)


def _prepare_setup(row: GroupPayment, member, amount: Decimal) -> CardSetup:
    if row.setup_intent_id:
        intent = _stripe(
            "SetupIntent retrieval", _client().v1.setup_intents.retrieve, row.setup_intent_id
        )
        if intent["status"] != "canceled":
            return CardSetup("setup", intent["client_secret"], _pk(), amount, row)
    customer = stripe_customer_id(member)
    intent = _stripe(
        "SetupIntent creation",
        _client().v1.setup_intents.create,
        {
            "customer": customer,
            "usage": "off_session",
            "payment_method_types": ["card"],
            "metadata": {"group_order": str(row.group_order_id), "member": str(member.pk)},
        },
        {"idempotency_key": f"panier:group-setup:{row.group_order_id}:{member.pk}:{row.pk}"},
    )
    GroupPayment.objects.filter(pk=row.pk).update(
        setup_intent_id=intent["id"], amount=amount, updated_at=timezone.now()
    )
    row.setup_intent_id = intent["id"]
    return CardSetup("setup", intent["client_secret"], _pk(), amount, row)


def _pk() -> str:
    return settings.STRIPE_PUBLISHABLE_KEY


def _prepare_authorization(row: GroupPayment, member, amount: Decimal) -> CardSetup:
    from .settlement import order_number

    minor = to_minor_units(amount, currency())
    if row.payment_intent_id:
        intent = gateway.retrieve_payment_intent(row.payment_intent_id)
        status = intent["status"]
        if int(intent["amount"]) == minor and status in _UNCONFIRMED | {"requires_capture"}:
            return CardSetup("payment", intent["client_secret"], _pk(), amount, row)
        if status in _UNCONFIRMED and status != "requires_action":
            intent = gateway.update_payment_intent_amount(
                intent["id"],
                amount=minor,
                idempotency_key=f"panier:group-auth-amount:{intent['id']}:{minor}",
            )
            _remember_amount(row, amount, intent["id"])
            return CardSetup("payment", intent["client_secret"], _pk(), amount, row)
        if status == "requires_capture" and int(intent["amount"]) >= minor:
            return CardSetup("payment", intent["client_secret"], _pk(), amount, row)
        if status in _UNCONFIRMED | {"requires_capture"}:
            _cancel_quietly(intent["id"])
        row.amount_version += 1
    number = order_number(row.group_order_id, member.pk)
    intent = gateway.create_payment_intent(
        amount=minor,
        currency=currency(),
        metadata={
            "order_number": number,
            "email": member.email,
            "group_order": str(row.group_order_id),
        },
        idempotency_key=(
            f"panier:group-auth:{row.group_order_id}:{member.pk}:{row.amount_version}:{minor}"
        ),
    )
    GroupPayment.objects.filter(pk=row.pk).update(
        payment_intent_id=intent["id"],
        amount=amount,
        amount_version=row.amount_version,
        status=Status.REQUIRES_CARD,
        capture_before=None,
        updated_at=timezone.now(),
    )
    row.payment_intent_id, row.amount, row.status = intent["id"], amount, Status.REQUIRES_CARD
    return CardSetup("payment", intent["client_secret"], _pk(), amount, row)


def _remember_amount(row: GroupPayment, amount: Decimal, payment_intent_id: str) -> None:
    GroupPayment.objects.filter(pk=row.pk).update(
        amount=amount,
        payment_intent_id=payment_intent_id,
        amount_version=F("amount_version") + 1,
        updated_at=timezone.now(),
    )
    row.amount, row.payment_intent_id = amount, payment_intent_id


def _cancel_quietly(payment_intent_id: str) -> bool:
    try:
        gateway.cancel_payment_intent(
            payment_intent_id, idempotency_key=f"panier:group-auth-cancel:{payment_intent_id}"
        )
    except StripeRefusal:
        intent = gateway.retrieve_payment_intent(payment_intent_id)
        return intent["status"] == "canceled"
    except PaymentError:
        logger.warning("Could not cancel the group authorization %s", payment_intent_id)
        return False
    return True


def confirm_group_card(*, group_order: GroupOrder, member) -> GroupPayment:
    """After the Payment Element: re-read Stripe and record the card as ready.
    Raises UnableToTakePayment with a message for the member otherwise."""
    row = GroupPayment.objects.filter(group_order=group_order, member=member).first()
    if row is None:
        raise UnableToTakePayment(_("Your card payment is not complete. Please try again."))
    if row.mode == Mode.SAVED_CARD:
        intent = _stripe(
            "SetupIntent retrieval", _client().v1.setup_intents.retrieve, row.setup_intent_id
        )
        if intent["status"] != "succeeded":
            raise UnableToTakePayment(_("Your card could not be saved. Please try again."))
        method = intent["payment_method"]
        method = method if isinstance(method, str) else method["id"]
        GroupPayment.objects.filter(pk=row.pk).update(
            status=Status.READY, payment_method_id=method, updated_at=timezone.now()
        )
        row.status, row.payment_method_id = Status.READY, method
        return row
    intent = gateway.retrieve_payment_intent(row.payment_intent_id)
    if intent["status"] != "requires_capture":
        # The same messages as the checkout (declined, authentication, …).
        services.verify_card_authorization(
            payment_intent_id=row.payment_intent_id,
            order_number=gateway.field(gateway.field(intent, "metadata", {}), "order_number"),
            amount=gateway.from_minor_units(intent["amount"], currency()),
        )
    capture_before = capture_deadline(intent)
    GroupPayment.objects.filter(pk=row.pk).update(
        status=Status.READY, capture_before=capture_before, updated_at=timezone.now()
    )
    row.status, row.capture_before = Status.READY, capture_before
    return row


def choose_pickup(*, group_order: GroupOrder, member) -> GroupPayment:
    """The member prefers to pay at pickup: any authorization is released."""
    row = _payment_row(group_order, member, Mode.PICKUP)
    if row.payment_intent_id and row.status != Status.CAPTURED:
        _cancel_quietly(row.payment_intent_id)
    GroupPayment.objects.filter(pk=row.pk).update(
        mode=Mode.PICKUP, status=Status.READY, updated_at=timezone.now()
    )
    row.mode, row.status = Mode.PICKUP, Status.READY
    return row


def capture_deadline(intent) -> datetime.datetime:
    """When Stripe stops honouring the authorization: the card's `capture_before`, else
    the PaymentIntent's creation plus 7 days."""
    charge = gateway.field(intent, "latest_charge")
    if charge is not None and not isinstance(charge, str):
        card = gateway.field(gateway.field(charge, "payment_method_details"), "card")
        deadline = gateway.field(card, "capture_before")
        if deadline:
            return datetime.datetime.fromtimestamp(int(deadline), tz=datetime.UTC)
    created = datetime.datetime.fromtimestamp(int(intent["created"]), tz=datetime.UTC)
    return created + AUTHORIZATION_LIFETIME


# --- at confirmation --------------------------------------------------------------------


def collect_card_payments(*, group_order: GroupOrder, outcome) -> None:
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
        result = collect_payment(settlement=settlement)
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
        if _cancel_quietly(row.payment_intent_id):
            GroupPayment.objects.filter(pk=row.pk).update(
                status=Status.CANCELED, updated_at=timezone.now()
            )
            outcome.authorizations_released += 1


def collect_payment(*, settlement: GroupOrderSettlement) -> str:
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
    from .settlement import mark_failed, mark_paid

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
        mark_failed(settlement, str(error))
        if row is not None:
            GroupPayment.objects.filter(pk=row.pk).update(
                status=Status.FAILED, updated_at=timezone.now()
            )
        return SP.FAILED
    except PaymentError:
        logger.warning("Stripe unavailable for %s: retry by confirming again", order.number)
        return SP.PENDING
    mark_paid(settlement)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CAPTURED, updated_at=timezone.now())
    return SP.PAID


def _charge_saved_card(row: GroupPayment, order) -> tuple[str, Decimal]:
    """An off-session PaymentIntent on the saved card for exactly the order total,
    authorised now (manual capture) so that the usual ledger records it."""
    amount = order.total_incl_tax
    minor = to_minor_units(amount, order.currency)
    customer = stripe_customer_id(row.member)
    try:
        intent = _stripe(
            "off-session PaymentIntent",
            _client().v1.payment_intents.create,
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
            _("Your card was declined. Please pay with another card.")
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


def payable_settlement(*, group_order: GroupOrder, member) -> GroupOrderSettlement | None:
    return (
        GroupOrderSettlement.objects.filter(
            group_order=group_order,
            member=member,
            payment_state=SP.FAILED,
            payment_method=PaymentMethod.CARD.value,
        )
        .select_related("order")
        .first()
    )


def prepare_settlement_payment(*, settlement: GroupOrderSettlement):
    """A PaymentIntent for the order total, as the checkout's card step makes."""
    order = settlement.order
    return services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=settlement.member.email,
    )


def complete_settlement_payment(
    *, settlement: GroupOrderSettlement, payment_intent_id: str
) -> None:
    """The member paid on the payment page: record and capture; the order is paid."""
    from .settlement import mark_paid

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
        mark_paid(locked)
    settlement.payment_state = locked.payment_state


def release_member_authorization(*, group_order: GroupOrder, member) -> None:
    """Cancel whatever authorization of the member is still open (after a release)."""
    row = GroupPayment.objects.filter(group_order=group_order, member=member).first()
    if row is None or not row.payment_intent_id or row.status == Status.CAPTURED:
        return
    try:
        intent = gateway.retrieve_payment_intent(row.payment_intent_id)
    except PaymentError:
        return
    if intent["status"] in _UNCONFIRMED | {"requires_capture"}:
        _cancel_quietly(row.payment_intent_id)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CANCELED, updated_at=timezone.now())


# --- authorizations about to expire ---------------------------------------------------------


def renew_authorizations(
    *, now: datetime.datetime | None = None, within: datetime.timedelta | None = None
) -> dict[str, int]:
    """Act on every authorization whose capture deadline is near (see module doc)."""
    if not card_payments_enabled():
        return {}
    now = now or timezone.now()
    hours = getattr(settings, "GROUPBUY_RENEW_WITHIN_HOURS", 24)
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
        result = collect_payment(settlement=settlement)
        return "captured" if result == SP.PAID else "failed"
    if group_order.state in (S.OPEN, S.CLOSED):
        # Not confirmed yet: the authorization would lapse first. Save the card instead.
        _cancel_quietly(row.payment_intent_id)
        GroupPayment.objects.filter(pk=row.pk).update(
            mode=Mode.SAVED_CARD,
            status=Status.REQUIRES_CARD,
            payment_intent_id="",
            capture_before=None,
            amount_version=F("amount_version") + 1,
            updated_at=timezone.now(),
        )
        _send_card_needed_email(row)
        return "switched"
    _cancel_quietly(row.payment_intent_id)
    GroupPayment.objects.filter(pk=row.pk).update(status=Status.CANCELED, updated_at=timezone.now())
    return "cancelled"


def _send_card_needed_email(row: GroupPayment) -> None:
    from .settlement import absolute_url

    member = row.member
    if not member.email:
        return
    group_order = row.group_order
    with translation.override(settings.LANGUAGE_CODE):
        context = {
            "member": member,
            "group_order": group_order,
            "card_url": absolute_url(
                reverse(
                    "groupbuy:group-order-card",
                    kwargs={"slug": group_order.group.slug, "pk": group_order.pk},
                )
            ),
        }
        subject = render_to_string("groupbuy/settlement/card_needed_subject.txt", context)
        body = render_to_string("groupbuy/settlement/card_needed_body.txt", context)
    EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[member.email],
    ).send()
