"""Reads of the settlement: order numbers, what each offer's order lines carry, a
member's orders and card, what the group order page shows of them, and where released
units would go."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Sum
from oscar.core.loading import get_model

from groupbuy.orders import allocation
from groupbuy.orders.models import (
    CLOSED_STATES,
    SETTLED_STATES,
    Allocation,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
)
from shop.payments.methods import PaymentMethod, stripe_enabled
from shop.payments.services import order_due
from shop.payments.statuses import PENDING_PAYMENT
from shop.wallet.models import EURO, AccountKind, Posting
from shop.wallet.selectors import spendable_of

from .models import GroupOrderSettlement, GroupPayment

if TYPE_CHECKING:
    from oscar.apps.order.models import Line

    from shop.partner.models import Partner
else:
    Line = get_model("order", "Line")
    Partner = get_model("partner", "Partner")

SP = GroupOrderSettlement.PaymentState
LINE_REFERENCE = "groupbuy-offer-{}"  # Line.partner_line_reference of an offer's lines


# `user`, `member` are the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


def order_number(group_order_id: int, member_id: int, sequence: int = 0) -> str:
    """Deterministic: the same member of the same group order always gets the same
    number (so a retried confirmation can never create a second order)."""
    base = f"G{group_order_id}-{member_id}"
    return base if sequence == 0 else f"{base}-R{sequence}"


def offer_id_of(reference: str) -> int:
    """The offer of an order line, from its `partner_line_reference`."""
    return int(reference.rsplit("-", 1)[1])


def grace_period() -> datetime.timedelta:
    return datetime.timedelta(hours=settings.GROUPBUY_PAYMENT_GRACE_HOURS)


def card_payments_enabled() -> bool:
    return stripe_enabled()


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


# --- a member's share -------------------------------------------------------------------


def member_settlements(group_order: GroupOrder, user: Any) -> list[GroupOrderSettlement]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        GroupOrderSettlement.objects.filter(group_order=group_order, member=user)
        .select_related("order")
        .order_by("sequence")
    )


def member_max_amount(*, group_order: GroupOrder, member: Any) -> Decimal:
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


# --- wallet prepayments (keys "group:<group order>:<member>:…" in shop.wallet) ------------


def prefix_of(group_order_id: int, member_id: int) -> str:
    return f"group:{group_order_id}:{member_id}:"


def member_prepaid(*, group_order: GroupOrder, member: Any) -> Decimal:
    """What the member prepaid from their wallet for the group order and did not get
    back yet."""
    total = Posting.objects.filter(
        transfer__key__startswith=prefix_of(group_order.pk, member.pk),
        account__kind=AccountKind.MEMBER,
        account__user=member,
        account__currency=EURO,
    ).aggregate(total=Sum("amount"))["total"]
    return -(total or Decimal("0.00"))


def prepay_due(*, group_order: GroupOrder, member: Any) -> Decimal:
    """What prepaying the member's commitments from the wallet would take now."""
    due = member_max_amount(group_order=group_order, member=member)
    return max(due - member_prepaid(group_order=group_order, member=member), Decimal("0.00"))


def prepaid_member_ids(*, group_order: GroupOrder) -> set[int]:
    prefix = f"group:{group_order.pk}:"
    rows = (
        Posting.objects.filter(transfer__key__startswith=prefix, account__kind=AccountKind.MEMBER)
        .values("account__user_id")
        .annotate(total=Sum("amount"))
    )
    return {row["account__user_id"] for row in rows if row["total"] < 0}


def payable_settlement(*, group_order: GroupOrder, member: Any) -> GroupOrderSettlement | None:
    """The member's card order whose charge failed: they may still pay it."""
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


@dataclass(frozen=True)
class SettlementPanel:
    """What the group order page shows of the settlement: the viewer's orders and card,
    and the coordinators' documents."""

    my_settlements: list[GroupOrderSettlement]
    card_payments: bool
    my_card: GroupPayment | None
    my_card_short: bool  # an authorization below what the member may now receive
    producers: list  # Partner: one purchase order each
    has_pickup_list: bool
    # The member's orders their wallet may pay now: (settlement, amount due, default).
    wallet_payable: list = field(default_factory=list)
    wallet_available: Decimal = Decimal("0.00")
    # Prepaying commitments from the wallet while the group order takes them.
    wallet_prepaid: Decimal = Decimal("0.00")
    wallet_prepay_due: Decimal = Decimal("0.00")


def producers_shipping(group_order: GroupOrder) -> list:
    """The producers who ship something in this group order."""
    infos = offer_infos(group_order)
    ids = {infos[o].partner_id for o in shipped_units(group_order) if infos[o].partner_id}
    return list(Partner.objects.filter(pk__in=ids).order_by("name"))


def shipped_units(group_order: GroupOrder) -> dict[int, tuple[int, Decimal]]:
    """offer → (units shipped, unit price), for the offers not dropped."""
    shipped = {}
    for offer_id, units, price in (
        Allocation.objects.filter(offer__group_order=group_order)
        .values("offer_id", "unit_price_incl_tax")
        .annotate(units=Sum("allocated"))
        .values_list("offer_id", "units", "unit_price_incl_tax")
    ):
        if units:
            shipped[offer_id] = (units, price)
    return shipped


def settlement_panel(
    *, group_order: GroupOrder, user: Any, is_coordinator: bool
) -> SettlementPanel:
    card_payments = card_payments_enabled() and group_order.accepts_commitments
    card, short = None, False
    if card_payments and user.is_authenticated:
        card = group_order.payments.filter(member=user).first()
        short = bool(
            card
            and card.mode == GroupPayment.Mode.AUTHORIZATION
            and card.amount < member_max_amount(group_order=group_order, member=user)
        )
    documents = is_coordinator and group_order.state in CLOSED_STATES
    mine = member_settlements(group_order, user)
    available = spendable_of(user)
    prepaid = prepay = Decimal("0.00")
    if user.is_authenticated:
        prepaid = member_prepaid(group_order=group_order, member=user)
        if group_order.accepts_commitments and available > 0:
            prepay = prepay_due(group_order=group_order, member=user)
    return SettlementPanel(
        wallet_prepaid=prepaid,
        wallet_prepay_due=prepay,
        my_settlements=mine,
        wallet_payable=wallet_payable(mine, available),
        wallet_available=available,
        card_payments=card_payments,
        my_card=card,
        my_card_short=short,
        producers=producers_shipping(group_order) if documents else [],
        has_pickup_list=documents and group_order.state in SETTLED_STATES,
    )


def wallet_payable(settlements: list[GroupOrderSettlement], available: Decimal) -> list:
    """(settlement, due, default amount) for the member's orders awaiting payment that
    the wallet may pay (none when the wallet holds nothing)."""
    if available <= 0:
        return []
    rows = []
    for settlement in settlements:
        if settlement.payment_state not in (SP.PENDING, SP.FAILED):
            continue
        if settlement.order.status != PENDING_PAYMENT:
            continue
        due = order_due(settlement.order)
        if due > 0:
            rows.append((settlement, due, min(due, available)))
    return rows


# --- released units ---------------------------------------------------------------------


def released_units_reallocation(
    *, group_order: GroupOrder, released_units: dict[int, int], excluded: set[int]
) -> dict[int, dict[int, int]]:
    """Where each offer's released units go: the members still queued for them.

    The queue is the allocation's own (groupbuy/orders/allocation.py): firm parts oldest
    first, then tolerances in the order they were set, released members left out.
    Walking it, each member's entries already covered by what they received are
    skipped; the first entries not covered get the released units. So the units go to
    whoever the allocation cut last (case rounding, producer's maximum, tolerance not
    needed), never beyond what they committed, and never beyond the cases already
    ordered: the total shipped does not change. Units nobody is queued for stay with the
    coordinator (the pickup list shows them). Returns offer → member → extra units."""
    offer_ids = [offer_id for offer_id, units in released_units.items() if units > 0]
    if not offer_ids:
        return {}
    received: dict[tuple[int, int], int] = defaultdict(int)
    for offer_id, member_id, allocated in Allocation.objects.filter(
        offer_id__in=offer_ids
    ).values_list("offer_id", "member_id", "allocated"):
        received[(offer_id, member_id)] += allocated
    for reference, member_id, quantity in Line.objects.filter(
        order__group_settlement__group_order=group_order,
        order__group_settlement__sequence__gt=0,
        partner_line_reference__in=[LINE_REFERENCE.format(pk) for pk in offer_ids],
    ).values_list("partner_line_reference", "order__user_id", "quantity"):
        received[(offer_id_of(reference), member_id)] += quantity
    parts: dict[int, list[allocation.Part]] = defaultdict(list)
    for offer_id, member_id, quantity, created_at, pk in CommitmentPart.objects.filter(
        commitment__offer_id__in=offer_ids
    ).values_list("commitment__offer_id", "commitment__member_id", "quantity", "created_at", "pk"):
        if member_id not in excluded:
            parts[offer_id].append(allocation.Part(member_id, quantity, created_at, pk))
    tolerances: dict[int, list[allocation.Tolerance]] = defaultdict(list)
    for offer_id, member_id, quantity, since, pk in Commitment.objects.filter(
        offer_id__in=offer_ids, tolerance__gt=0
    ).values_list("offer_id", "member_id", "tolerance", "tolerance_since", "pk"):
        if member_id not in excluded:
            tolerances[offer_id].append(allocation.Tolerance(member_id, quantity, since, pk))
    extra: dict[int, dict[int, int]] = {}
    for offer_id in offer_ids:
        left = released_units[offer_id]
        covered = {m: units for (o, m), units in received.items() if o == offer_id}
        queue: list[allocation.Part | allocation.Tolerance] = [
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
