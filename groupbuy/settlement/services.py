"""Settlement of a group order: from the allocation to ordinary Oscar orders and payments.

`group_order_confirm` moves a closed group order to "confirmed" and, for every member
who receives at least one unit, writes ONE Oscar order (number ``G<group order>-<member>``)
whose lines are the member's allocation at the reached tier price, with the group order's
pickup point and date as its `OrderPickup`. A `GroupOrderSettlement` row links the
member, the group order and the order: it is what makes confirming twice harmless (rows
that exist are skipped) and it carries the payment's state.

The orders are written in bulk (a fixed number of queries whatever the number of
members), in one transaction under the group order's row lock. Then the payments:

* pay at pickup (no Stripe, or the member has no card ready): the order waits in
  "awaiting payment" with a "Paiement au retrait" source, exactly what
  `shop.payments.services.record_offline_order` writes, recorded here in bulk;
* card (groupbuy/payment.py): the member's authorization is captured for exactly the
  order total (Stripe releases the rest), or their saved card is charged off-session.
  Stripe is called outside the transaction, one member at a time; a refusal or an
  authentication to complete marks the settlement "failed" with a deadline
  (GROUPBUY_PAYMENT_GRACE_HOURS) and the member gets an e-mail with a link to a payment
  page; Stripe unreachable leaves it "awaiting payment" and confirming again retries it
  (same idempotency keys).

Members who receive nothing have their authorization cancelled.

`release_unpaid` (command `groupbuy_release_unpaid`) releases, after the deadline, the
orders still unpaid: the order is cancelled and its units are offered to the members
still queued for them (see `reallocate_released`).
"""

from __future__ import annotations

import datetime
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.payments import ledger, statuses
from shop.payments.methods import PaymentMethod
from shop.payments.models import PaymentAudit
from shop.shipping.models import OrderPickup

from . import allocation, locks, services
from .models import (
    Allocation,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderSettlement,
    GroupOrderState,
    GroupPayment,
)

logger = logging.getLogger(__name__)

Order = get_model("order", "Order")
Line = get_model("order", "Line")
PaymentEvent = get_model("order", "PaymentEvent")
PaymentEventType = get_model("order", "PaymentEventType")
Source = get_model("payment", "Source")

S = GroupOrderState
SP = GroupOrderSettlement.PaymentState
CENT = Decimal("0.01")
BATCH = 2000
SETTLED_STATES = (S.CONFIRMED, S.READY, S.COMPLETED)


def order_number(group_order_id: int, member_id: int, sequence: int = 0) -> str:
    """Deterministic: the same member of the same group order always gets the same
    number (so a retried confirmation can never create a second order)."""
    base = f"G{group_order_id}-{member_id}"
    return base if sequence == 0 else f"{base}-R{sequence}"


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(hours=getattr(settings, "GROUPBUY_PAYMENT_GRACE_HOURS", 48))


# --- prices -------------------------------------------------------------------------


def excl_tax(amount_incl_tax: Decimal, vat_rate: Decimal) -> Decimal:
    return (Decimal(amount_incl_tax) / (1 + Decimal(vat_rate))).quantize(CENT, ROUND_HALF_UP)


@dataclass(frozen=True)
class OfferInfo:
    """What an order line needs to know about an offer (loaded once per group order)."""

    offer_id: int
    product_id: int
    title: str
    upc: str
    vat_rate: Decimal
    partner_id: int | None
    partner_name: str
    partner_sku: str
    stockrecord_id: int | None
    case_size: int


def offer_infos(group_order: GroupOrder) -> dict[int, OfferInfo]:
    """Each offer's product, VAT rate and producer (its first stock record's partner)."""
    offers = GroupOrderProduct.objects.filter(group_order=group_order).select_related(
        "product__product_class", "product__parent__product_class"
    )
    offers = offers.prefetch_related("product__stockrecords__partner")
    infos = {}
    for offer in offers:
        product = offer.product
        product_class = product.get_product_class()
        records = sorted(product.stockrecords.all(), key=lambda record: record.pk)
        record = records[0] if records else None
        infos[offer.pk] = OfferInfo(
            offer_id=offer.pk,
            product_id=product.pk,
            title=product.get_title(),
            upc=product.upc or "",
            vat_rate=getattr(product_class, "vat_rate", None) or Decimal("0"),
            partner_id=record.partner_id if record else None,
            partner_name=record.partner.name if record else "",
            partner_sku=(record.partner_sku if record else "") or product.upc or str(product.pk),
            stockrecord_id=record.pk if record else None,
            case_size=offer.case_size,
        )
    return infos


@dataclass
class LineDraft:
    offer_id: int
    quantity: int
    unit_price_incl_tax: Decimal


@dataclass
class Outcome:
    """What a confirmation (or a re-run) did."""

    group_order: GroupOrder
    created: list[GroupOrderSettlement] = field(default_factory=list)
    paid: list[GroupOrderSettlement] = field(default_factory=list)
    failed: list[GroupOrderSettlement] = field(default_factory=list)
    authorizations_released: int = 0

    @property
    def orders_created(self) -> int:
        return len(self.created)


# --- confirmation -------------------------------------------------------------------


def group_order_confirm(
    *, group_order: GroupOrder, user=None, notify: bool = True, collect_payments: bool = True
) -> Outcome:
    """Confirm a closed group order: one Oscar order per member who receives something,
    then the payments. Idempotent: confirming again creates nothing twice and only
    retries card payments that could not reach Stripe."""
    group_order, created = _write_orders(group_order=group_order, user=user)
    outcome = Outcome(group_order=group_order, created=created)
    if collect_payments:
        from . import payment

        payment.collect_card_payments(group_order=group_order, outcome=outcome)
    if notify:
        settlements = {s.pk: s for s in [*created, *outcome.failed]}
        transaction.on_commit(lambda: send_settlement_emails(list(settlements.values())))
    return outcome


@transaction.atomic
def _write_orders(*, group_order: GroupOrder, user=None):
    locked = locks.lock_group_order(group_order.pk)
    if locked.state not in SETTLED_STATES:
        # closed → confirmed; any other state is refused with the state machine's message.
        locked = services.group_order_transition(
            group_order=locked, to_state=S.CONFIRMED, user=user
        )
    done = set(
        GroupOrderSettlement.objects.filter(group_order=locked, sequence=0).values_list(
            "member_id", flat=True
        )
    )
    drafts: dict[int, list[LineDraft]] = defaultdict(list)
    rows = (
        Allocation.objects.filter(offer__group_order=locked, allocated__gt=0)
        .order_by("member_id", "offer__position", "offer_id")
        .values_list("member_id", "offer_id", "allocated", "unit_price_incl_tax")
    )
    for member_id, offer_id, allocated, price in rows.iterator(chunk_size=BATCH):
        if member_id not in done:
            drafts[member_id].append(LineDraft(offer_id, allocated, price))
    if not drafts:
        return locked, []
    methods = _payment_methods(locked, list(drafts))
    created = create_orders(
        group_order=locked,
        drafts={(member_id, 0): lines for member_id, lines in drafts.items()},
        methods=methods,
    )
    return locked, created


def _payment_methods(group_order: GroupOrder, member_ids: list[int]) -> dict[int, str]:
    """Card for members whose card is ready (authorised or saved), pickup for the rest."""
    from .payment import card_payments_enabled

    methods = dict.fromkeys(member_ids, PaymentMethod.PICKUP.value)
    if card_payments_enabled():
        ready = GroupPayment.objects.filter(
            group_order=group_order,
            status=GroupPayment.Status.READY,
            mode__in=[GroupPayment.Mode.AUTHORIZATION, GroupPayment.Mode.SAVED_CARD],
        ).values_list("member_id", flat=True)
        for member_id in ready:
            if member_id in methods:
                methods[member_id] = PaymentMethod.CARD.value
    return methods


def create_orders(
    *,
    group_order: GroupOrder,
    drafts: dict[tuple[int, int], list[LineDraft]],
    methods: dict[int, str],
    infos: dict[int, OfferInfo] | None = None,
) -> list[GroupOrderSettlement]:
    """Write the Oscar orders (with lines, pickup, settlement row and, for pay at
    pickup, the offline payment records) of `drafts` ((member, sequence) → lines), in
    bulk. The caller holds the group order's lock."""
    infos = infos or offer_infos(group_order)
    now = timezone.now()
    currency = settings.OSCAR_DEFAULT_CURRENCY
    shipping_method = (_("Group order: %(title)s") % {"title": group_order.title})[:128]
    orders, lines_by_number = [], {}
    for (member_id, sequence), lines in drafts.items():
        number = order_number(group_order.pk, member_id, sequence)
        line_rows, total_incl, total_excl = [], Decimal("0"), Decimal("0")
        for draft in lines:
            info = infos[draft.offer_id]
            unit_incl = Decimal(draft.unit_price_incl_tax)
            line_incl = (unit_incl * draft.quantity).quantize(CENT)
            line_excl = excl_tax(line_incl, info.vat_rate)
            total_incl += line_incl
            total_excl += line_excl
            line_rows.append(
                Line(
                    partner_id=info.partner_id,
                    partner_name=info.partner_name[:128],
                    partner_sku=info.partner_sku[:128],
                    partner_line_reference=f"groupbuy-offer-{info.offer_id}",
                    stockrecord_id=info.stockrecord_id,
                    product_id=info.product_id,
                    title=info.title[:255],
                    upc=info.upc or None,
                    quantity=draft.quantity,
                    line_price_incl_tax=line_incl,
                    line_price_excl_tax=line_excl,
                    line_price_before_discounts_incl_tax=line_incl,
                    line_price_before_discounts_excl_tax=line_excl,
                    unit_price_incl_tax=unit_incl,
                    unit_price_excl_tax=excl_tax(unit_incl, info.vat_rate),
                    num_allocated=draft.quantity,
                )
            )
        orders.append(
            Order(
                number=number,
                site_id=getattr(settings, "SITE_ID", None),
                user_id=member_id,
                currency=currency,
                total_incl_tax=total_incl,
                total_excl_tax=total_excl,
                shipping_incl_tax=Decimal("0"),
                shipping_excl_tax=Decimal("0"),
                shipping_method=shipping_method,
                shipping_code="groupbuy-pickup",
                status=statuses.PENDING_PAYMENT,
                date_placed=now,
            )
        )
        lines_by_number[number] = line_rows
    Order.objects.bulk_create(orders, batch_size=BATCH)
    by_number = _orders_by_number(list(lines_by_number))
    all_lines = []
    for number, line_rows in lines_by_number.items():
        for line in line_rows:
            line.order_id = by_number[number].pk
            all_lines.append(line)
    Line.objects.bulk_create(all_lines, batch_size=BATCH)
    if group_order.pickup_point_id:  # (an OrderPickup without a point means home delivery)
        OrderPickup.objects.bulk_create(
            [
                OrderPickup(
                    order_id=order.pk,
                    point_id=group_order.pickup_point_id,
                    day=group_order.pickup_date,
                )
                for order in by_number.values()
            ],
            batch_size=BATCH,
        )
    settlements = [
        GroupOrderSettlement(
            group_order=group_order,
            member_id=member_id,
            sequence=sequence,
            order=by_number[order_number(group_order.pk, member_id, sequence)],
            payment_method=PaymentMethod.PICKUP.value if sequence else methods[member_id],
            payment_state=SP.PENDING,
        )
        for member_id, sequence in drafts
    ]
    GroupOrderSettlement.objects.bulk_create(settlements, batch_size=BATCH)
    offline = [s.order for s in settlements if s.payment_method == PaymentMethod.PICKUP.value]
    record_offline_orders(orders=offline, method=PaymentMethod.PICKUP)
    by_pk = {order.pk for order in by_number.values()}
    return [
        row
        for row in GroupOrderSettlement.objects.filter(group_order=group_order)
        .select_related("order", "member")
        .order_by("pk")
        if row.order_id in by_pk
    ]


def _orders_by_number(numbers: list[str]) -> dict[str, Order]:
    found = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start : start + BATCH]
        found.update((o.number, o) for o in Order.objects.filter(number__in=chunk))
    return found


def record_offline_orders(*, orders: Iterable[Order], method: PaymentMethod) -> None:
    """`shop.payments.services.record_offline_order` for many new orders at once: the same
    Source, "Pending" payment event and audit row, written in a few bulk queries instead
    of about ten per order (tests/groupbuy/test_settlement.py checks both write the same).
    Only for orders just created by the caller (nothing recorded yet, status pending)."""
    orders = list(orders)
    if not orders:
        return
    method = PaymentMethod(method)
    source_type = ledger.source_type(method)
    event_type, _created = PaymentEventType.objects.get_or_create(name=ledger.EVENT_PENDING)
    Source.objects.bulk_create(
        [
            Source(
                order=order,
                source_type=source_type,
                currency=order.currency,
                amount_allocated=order.total_incl_tax,
                reference="",
                label=str(method.label),
            )
            for order in orders
        ],
        batch_size=BATCH,
    )
    PaymentEvent.objects.bulk_create(
        [
            PaymentEvent(
                order=order, event_type=event_type, amount=order.total_incl_tax, reference=""
            )
            for order in orders
        ],
        batch_size=BATCH,
    )
    PaymentAudit.objects.bulk_create(
        [
            PaymentAudit(
                order=order,
                action=PaymentAudit.Action.OFFLINE_PENDING,
                amount=order.total_incl_tax,
                note=method.value,
            )
            for order in orders
        ],
        batch_size=BATCH,
    )


# --- payment states -----------------------------------------------------------------


def mark_paid(settlement: GroupOrderSettlement) -> None:
    GroupOrderSettlement.objects.filter(
        pk=settlement.pk, payment_state__in=[SP.PENDING, SP.FAILED]
    ).update(payment_state=SP.PAID, failure_message="", updated_at=timezone.now())
    settlement.payment_state = SP.PAID


def mark_failed(settlement: GroupOrderSettlement, message: str) -> None:
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


# --- release after the grace period ---------------------------------------------------


def release_unpaid(*, now: datetime.datetime | None = None, notify: bool = True) -> list:
    """Release every settlement still unpaid after its deadline (cron-safe)."""
    now = now or timezone.now()
    due = (
        GroupOrderSettlement.objects.filter(payment_state=SP.FAILED, payment_due_at__lte=now)
        .values_list("group_order_id", flat=True)
        .distinct()
    )
    released = []
    for group_order_id in sorted(set(due)):
        released.extend(_release_group_order(group_order_id, now=now, notify=notify))
    return released


def _release_group_order(group_order_id: int, *, now, notify: bool) -> list:
    from . import payment

    with transaction.atomic():
        group_order = locks.lock_group_order(group_order_id)
        settlements = list(
            GroupOrderSettlement.objects.select_for_update()
            .filter(group_order=group_order, payment_state=SP.FAILED, payment_due_at__lte=now)
            .select_related("order", "member")
            .order_by("pk")
        )
        if not settlements:
            return []
        released_units: dict[int, int] = defaultdict(int)
        released_members = set()
        for settlement in settlements:
            order = ledger.lock_order(settlement.order)
            for offer_ref, quantity in order.lines.values_list(
                "partner_line_reference", "quantity"
            ):
                released_units[_offer_id(offer_ref)] += quantity
            ledger.move_status(order, statuses.CANCELLED)
            settlement.order.status = order.status
            settlement.payment_state = SP.RELEASED
            settlement.save(update_fields=["payment_state", "updated_at"])
            released_members.add(settlement.member_id)
        excluded = set(
            GroupOrderSettlement.objects.filter(
                group_order=group_order, payment_state=SP.RELEASED
            ).values_list("member_id", flat=True)
        )
        extra = reallocate_released(
            group_order=group_order, released_units=released_units, excluded=excluded
        )
        supplements = _write_supplements(group_order, extra)
    for settlement in settlements:
        payment.release_member_authorization(group_order=group_order, member=settlement.member)
    if notify:
        transaction.on_commit(
            lambda: send_release_emails(released=settlements, supplements=supplements)
        )
    return settlements


def _offer_id(reference: str) -> int:
    return int(reference.rsplit("-", 1)[1])


def reallocate_released(
    *, group_order: GroupOrder, released_units: dict[int, int], excluded: set[int]
) -> dict[int, dict[int, int]]:
    """Offer each offer's released units to the members still queued for it.

    The queue is the allocation's own (groupbuy/allocation.py): firm parts oldest first,
    then tolerances in the order they were set, released members left out. Walking it,
    each member's entries already covered by what they received are skipped; the first
    entries not covered get the released units. So the units go to whoever the
    allocation cut last (case rounding, producer's maximum, tolerance not needed), never
    beyond what they committed, and never beyond the cases already ordered: the total
    shipped does not change. Units nobody is queued for stay with the coordinator (the
    pickup list shows them). Returns offer → member → extra units."""
    offer_ids = [offer_id for offer_id, units in released_units.items() if units > 0]
    if not offer_ids:
        return {}
    received: dict[tuple[int, int], int] = defaultdict(int)
    for offer_id, member_id, allocated in Allocation.objects.filter(
        offer_id__in=offer_ids
    ).values_list("offer_id", "member_id", "allocated"):
        received[(offer_id, member_id)] += allocated
    for settlement_lines in Line.objects.filter(
        order__group_settlement__group_order=group_order,
        order__group_settlement__sequence__gt=0,
        partner_line_reference__in=[f"groupbuy-offer-{pk}" for pk in offer_ids],
    ).values_list("partner_line_reference", "order__user_id", "quantity"):
        reference, member_id, quantity = settlement_lines
        received[(_offer_id(reference), member_id)] += quantity
    parts = defaultdict(list)
    for offer_id, member_id, quantity, created_at, pk in CommitmentPart.objects.filter(
        commitment__offer_id__in=offer_ids
    ).values_list("commitment__offer_id", "commitment__member_id", "quantity", "created_at", "pk"):
        if member_id not in excluded:
            parts[offer_id].append(allocation.Part(member_id, quantity, created_at, pk))
    tolerances = defaultdict(list)
    for offer_id, member_id, quantity, since, pk in Commitment.objects.filter(
        offer_id__in=offer_ids, tolerance__gt=0
    ).values_list("offer_id", "member_id", "tolerance", "tolerance_since", "pk"):
        if member_id not in excluded:
            tolerances[offer_id].append(allocation.Tolerance(member_id, quantity, since, pk))
    extra: dict[int, dict[int, int]] = {}
    for offer_id in offer_ids:
        left = released_units[offer_id]
        covered = {m: units for (o, m), units in received.items() if o == offer_id}
        queue = [
            *sorted(parts[offer_id], key=lambda p: (p.created_at, p.pk)),
            *sorted(tolerances[offer_id], key=lambda t: (t.since, t.pk)),
        ]
        given: dict[int, int] = defaultdict(int)
        for entry in queue:
            if left == 0:
                break
            already = min(entry.quantity, covered.get(entry.member_id, 0))
            covered[entry.member_id] = covered.get(entry.member_id, 0) - already
            take = min(entry.quantity - already, left)
            if take > 0:
                given[entry.member_id] += take
                left -= take
        if given:
            extra[offer_id] = dict(given)
    return extra


def _write_supplements(group_order: GroupOrder, extra: dict[int, dict[int, int]]) -> list:
    """A supplementary order (paid at pickup) per member who receives released units, at
    the price of the allocation."""
    if not extra:
        return []
    prices = dict(
        Allocation.objects.filter(offer_id__in=list(extra))
        .values_list("offer_id", "unit_price_incl_tax")
        .distinct()
    )
    by_member: dict[int, list[LineDraft]] = defaultdict(list)
    for offer_id, members in extra.items():
        for member_id, units in members.items():
            by_member[member_id].append(LineDraft(offer_id, units, prices[offer_id]))
    sequences = defaultdict(int)
    for member_id, sequence in GroupOrderSettlement.objects.filter(
        group_order=group_order, member_id__in=list(by_member)
    ).values_list("member_id", "sequence"):
        sequences[member_id] = max(sequences[member_id], sequence)
    drafts = {
        (member_id, sequences[member_id] + 1): lines for member_id, lines in by_member.items()
    }
    return create_orders(
        group_order=group_order, drafts=drafts, methods=dict.fromkeys(by_member, "pickup")
    )


# --- e-mails ------------------------------------------------------------------------


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _settlement_context(settlement: GroupOrderSettlement) -> dict:
    from .selectors import explain_allocation

    group_order = settlement.group_order
    order = settlement.order
    lines = list(order.lines.order_by("pk"))
    allocations = {
        a.offer_id: a
        for a in Allocation.objects.filter(
            offer__group_order=group_order, member_id=settlement.member_id
        ).select_related("offer")
    }
    rows = []
    for line in lines:
        offer_id = _offer_id(line.partner_line_reference)
        alloc = allocations.get(offer_id)
        explanation = ""
        if settlement.sequence == 0 and alloc is not None:
            explanation = explain_allocation(alloc, alloc.offer)
        rows.append({"line": line, "explanation": explanation})
    return {
        "settlement": settlement,
        "group_order": group_order,
        "group": group_order.group,
        "order": order,
        "rows": rows,
        "member": settlement.member,
        "paid": settlement.payment_state == SP.PAID,
        "failed": settlement.payment_state == SP.FAILED,
        "pay_at_pickup": settlement.payment_method == PaymentMethod.PICKUP.value,
        "supplement": settlement.sequence > 0,
        "pay_url": absolute_url(
            reverse(
                "groupbuy:group-order-pay",
                kwargs={"slug": group_order.group.slug, "pk": group_order.pk},
            )
        ),
        "order_url": absolute_url(reverse("customer:order", kwargs={"order_number": order.number})),
        "group_order_url": absolute_url(group_order.get_absolute_url()),
    }


def _email(template: str, context: dict, to: str) -> EmailMultiAlternatives:
    subject = render_to_string(f"groupbuy/settlement/{template}_subject.txt", context)
    body = render_to_string(f"groupbuy/settlement/{template}_body.txt", context)
    return EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
    )


def send_settlement_emails(settlements: list[GroupOrderSettlement]) -> int:
    """One e-mail per settlement: the order, each line with its explanation, and how to
    pay (paid by card, pay at pickup, or the link to pay after a failed charge)."""
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for settlement in settlements:
            settlement = GroupOrderSettlement.objects.select_related(
                "order", "member", "group_order__group", "group_order__pickup_point"
            ).get(pk=settlement.pk)
            if not settlement.member.email:
                continue
            context = _settlement_context(settlement)
            template = "payment_failed" if context["failed"] else "order_placed"
            messages.append(_email(template, context, settlement.member.email))
    if messages:
        get_connection().send_messages(messages)
    return len(messages)


def send_release_emails(*, released: list, supplements: list) -> int:
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for settlement in released:
            settlement = GroupOrderSettlement.objects.select_related(
                "order", "member", "group_order__group"
            ).get(pk=settlement.pk)
            if settlement.member.email:
                context = _settlement_context(settlement)
                messages.append(_email("released", context, settlement.member.email))
    if messages:
        get_connection().send_messages(messages)
    return len(messages) + send_settlement_emails(supplements)


def member_settlements(group_order: GroupOrder, user) -> list[GroupOrderSettlement]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        GroupOrderSettlement.objects.filter(group_order=group_order, member=user)
        .select_related("order")
        .order_by("sequence")
    )
