"""The member's card for a group order (Stripe), set up when they commit. Without
Stripe, members pay at pickup.

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
the authorised amount no longer covers the maximum. Taking the payment at confirmation,
and renewing authorizations about to lapse, is `collection`'s.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from groupbuy.orders.models import GroupOrder
from shop.payments import gateway, services
from shop.payments.gateway import StripeRefusal, StripeUnavailable, to_minor_units

from .models import GroupPayment, StripeCustomer
from .selectors import card_payments_enabled, member_max_amount, order_number

logger = logging.getLogger(__name__)

Mode = GroupPayment.Mode
Status = GroupPayment.Status
AUTHORIZATION_LIFETIME = datetime.timedelta(days=7)  # Stripe's, for online card payments
_UNCONFIRMED = {"requires_payment_method", "requires_confirmation", "requires_action"}


def authorization_window() -> datetime.timedelta:
    return datetime.timedelta(days=settings.GROUPBUY_AUTHORIZATION_MAX_DAYS)


def currency() -> str:
    return settings.OSCAR_DEFAULT_CURRENCY


# --- Stripe calls not in shop.payments.gateway -----------------------------------------


def client():
    return gateway.get_client()


def stripe_call(description: str, func, *args):
    # gateway._call turns Stripe's errors into StripeRefusal / StripeUnavailable.
    return gateway._call(description, func, *args)


def stripe_customer_id(user) -> str:
    """The member's Stripe customer, created once (idempotency key per user)."""
    existing = StripeCustomer.objects.filter(user=user).values_list("customer_id", flat=True)
    if existing:
        return existing[0]
    customer = stripe_call(
        "customer creation",
        client().v1.customers.create,
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


def group_card_prepare(
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
        intent = stripe_call(
            "SetupIntent retrieval", client().v1.setup_intents.retrieve, row.setup_intent_id
        )
        if intent["status"] != "canceled":
            return CardSetup("setup", intent["client_secret"], _pk(), amount, row)
    customer = stripe_customer_id(member)
    intent = stripe_call(
        "SetupIntent creation",
        client().v1.setup_intents.create,
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
            cancel_quietly(intent["id"])
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


def cancel_quietly(payment_intent_id: str) -> bool:
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


def group_card_confirm(*, group_order: GroupOrder, member) -> GroupPayment:
    """After the Payment Element: re-read Stripe and record the card as ready.
    Raises UnableToTakePayment with a message for the member otherwise."""
    row = GroupPayment.objects.filter(group_order=group_order, member=member).first()
    if row is None:
        raise UnableToTakePayment(_("Your card payment is not complete. Please try again."))
    if row.mode == Mode.SAVED_CARD:
        intent = stripe_call(
            "SetupIntent retrieval", client().v1.setup_intents.retrieve, row.setup_intent_id
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


def group_card_choose_pickup(*, group_order: GroupOrder, member) -> GroupPayment:
    """The member prefers to pay at pickup: any authorization is released."""
    row = _payment_row(group_order, member, Mode.PICKUP)
    if row.payment_intent_id and row.status != Status.CAPTURED:
        cancel_quietly(row.payment_intent_id)
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
