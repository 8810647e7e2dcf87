"""Reads of group orders: the group order page as one typed value, lists of a group's
group orders, a member's lines. Numbers and codes only: the templates word them.

The cost of a group order page is a fixed number of queries (aggregates per offer, one
query per kind of row), whatever the number of offers, members and commitments.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from groupbuy.groups.models import BuyingGroup, Membership
from groupbuy.settlement.selectors import SettlementPanel, settlement_panel
from shop.geo import Point
from shop.impact.selectors import attach_product_profiles

from .models import (
    CLOSED_STATES,
    CURRENT_STATES,
    EDITABLE_STATES,
    PAST_STATES,
    Allocation,
    Commitment,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderState,
)
from .progress import OfferLiveProgress, group_order_progress

S = GroupOrderState
if TYPE_CHECKING:
    from oscar.apps.partner.models import StockRecord
else:
    StockRecord = get_model("partner", "StockRecord")


# `user` is the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


class Refusal(StrEnum):
    """Why commitments cannot change now (the page words it)."""

    NONE = ""
    NOT_OPEN = "not_open"
    CLOSED = "closed"


@dataclass(frozen=True)
class MyCommitment:
    quantity: int
    tolerance: int


@dataclass(frozen=True)
class AllocationLine:
    """What a member receives of one offer after closing, and why: `reason` is an
    `allocation.Reason` code, the numbers are those the explanation quotes."""

    offer_id: int
    requested: int
    tolerance: int
    allocated: int
    unit_price: Decimal
    reason: str
    case_size: int
    min_units: int
    max_units: int  # 0: no maximum

    @property
    def extra(self) -> int:
        """Units received beyond the firm request (from the tolerance)."""
        return max(self.allocated - self.requested, 0)

    @property
    def line_total(self) -> Decimal:
        return self.unit_price * self.allocated

    @property
    def supply_cases(self) -> int:
        """Whole cases the producer's maximum allows (0 also when there is no maximum)."""
        return self.max_units // self.case_size


@dataclass(frozen=True)
class OfferTotals:
    """The coordinator's totals of one offer after closing."""

    cases: int
    units: int
    requested: int
    members: int
    unit_price: Decimal
    total: Decimal
    dropped: bool


@dataclass(frozen=True)
class OfferProgress:
    """One product card of the group order page."""

    offer: GroupOrderProduct  # product (with its impact profile), tiers, case size, bounds
    live: OfferLiveProgress | None  # while commitments are open
    mine: MyCommitment | None
    allocation: AllocationLine | None  # after closing, the viewer's line
    totals: OfferTotals | None  # after closing, for coordinators


@dataclass(frozen=True)
class GroupOrderPage:
    group_order: GroupOrder
    offers: tuple[OfferProgress, ...]
    live: bool
    editable: bool
    closed: bool
    refusal: Refusal
    closed_on: datetime.datetime  # the closing (early) or the deadline
    has_allocations: bool
    my_total: Decimal
    grand_total: Decimal | None  # coordinators, after closing
    settlement: SettlementPanel  # the viewer's orders and card, the coordinators' documents


# --- groups' group orders -------------------------------------------------------------


def is_group_order_member(group_order: GroupOrder, user: Any) -> bool:
    """An active member of the group that runs this group order."""
    return Membership.objects.filter(
        group_id=group_order.group_id, user=user, status=Membership.Status.ACTIVE
    ).exists()


def group_orders_of(group: BuyingGroup, *, include_drafts: bool) -> tuple[list, list]:
    """(current, past) group orders of a group; drafts only for coordinators."""
    orders = group.group_orders.select_related("pickup_point").annotate(offer_count=Count("offers"))
    if not include_drafts:
        orders = orders.exclude(state=S.DRAFT)
    current = list(orders.filter(state__in=CURRENT_STATES).order_by("closes_at", "pk"))
    past = list(orders.filter(state__in=PAST_STATES).order_by("-closes_at", "-pk")[:20])
    return current, past


# --- the group order page ---------------------------------------------------------------


def offers_for_page(group_order: GroupOrder) -> list[GroupOrderProduct]:
    """The offers of a group order with what their cards show, in a fixed number of
    queries: product and class, tiers, stock records with their producer."""
    return list(
        group_order.offers.select_related("product__product_class", "product__parent")
        .prefetch_related(
            "tiers",
            Prefetch(
                "product__stockrecords", queryset=StockRecord.objects.select_related("partner")
            ),
        )
        .order_by("position", "pk")
    )


def commitment_refusal(group_order: GroupOrder, now: datetime.datetime | None = None) -> Refusal:
    """Why commitments cannot change now. Same rule as `services.commitment_set`, which
    checks again on the server when the form is sent."""
    now = now or timezone.now()
    if group_order.state == S.DRAFT or now < group_order.opens_at:
        return Refusal.NOT_OPEN
    if group_order.state != S.OPEN or now >= group_order.closes_at:
        return Refusal.CLOSED
    return Refusal.NONE


def member_commitments(group_order: GroupOrder, user: Any) -> dict[int, MyCommitment]:
    """{offer pk: commitment} of one member, in one query."""
    if not user.is_authenticated:
        return {}
    rows = (
        Commitment.objects.filter(offer__group_order=group_order, member=user)
        .order_by()
        .values("offer_id", "tolerance")
        .annotate(units=Sum("parts__quantity"))  # not "quantity": Commitment's property
    )
    return {row["offer_id"]: MyCommitment(row["units"] or 0, row["tolerance"]) for row in rows}


def allocation_line(allocation: Allocation, offer: GroupOrderProduct) -> AllocationLine:
    return AllocationLine(
        offer_id=offer.pk,
        requested=allocation.requested,
        tolerance=allocation.tolerance,
        allocated=allocation.allocated,
        unit_price=allocation.unit_price_incl_tax,
        reason=allocation.reason,
        case_size=offer.case_size,
        min_units=offer.min_units,
        max_units=offer.max_units or 0,
    )


def member_allocation_lines(group_order: GroupOrder, member_id: int) -> dict[int, AllocationLine]:
    """{offer pk: line} of one member after closing (one query)."""
    return {
        allocation.offer_id: allocation_line(allocation, allocation.offer)
        for allocation in Allocation.objects.filter(
            offer__group_order=group_order, member_id=member_id
        ).select_related("offer")
    }


def allocation_totals(
    group_order: GroupOrder, offers: Iterable[GroupOrderProduct]
) -> dict[int, OfferTotals]:
    """Per offer: cases, units, unit price, total and members served (one query)."""
    rows = {
        row["offer_id"]: row
        for row in Allocation.objects.filter(offer__group_order=group_order)
        .order_by()
        .values("offer_id")
        .annotate(
            units=Sum("allocated"),
            requested=Sum("requested"),
            members=Count("pk", filter=Q(allocated__gt=0)),
            unit_price=Max("unit_price_incl_tax"),
        )
    }
    totals = {}
    for offer in offers:
        row = rows.get(offer.pk, {})
        units = row.get("units") or 0
        unit_price = row.get("unit_price") or offer.unit_price_incl_tax
        totals[offer.pk] = OfferTotals(
            cases=units // offer.case_size,
            units=units,
            requested=row.get("requested") or 0,
            members=row.get("members") or 0,
            unit_price=unit_price,
            total=unit_price * units,
            dropped=units == 0,
        )
    return totals


def group_order_page(
    *, group_order: GroupOrder, user: Any, is_coordinator: bool, origin: Point | None = None
) -> GroupOrderPage:
    """Everything the group order page shows about its offers, for this viewer."""
    offers = offers_for_page(group_order)
    attach_product_profiles([offer.product for offer in offers], origin=origin)
    live = group_order.state in EDITABLE_STATES
    closed = group_order.state in CLOSED_STATES
    progress = group_order_progress(group_order, offers=offers) if live else {}
    mine = member_commitments(group_order, user)
    lines = {}
    if closed and user.is_authenticated:
        by_offer = {offer.pk: offer for offer in offers}
        lines = {
            allocation.offer_id: allocation_line(allocation, by_offer[allocation.offer_id])
            for allocation in Allocation.objects.filter(offer__group_order=group_order, member=user)
        }
    totals = allocation_totals(group_order, offers) if closed and is_coordinator else {}
    cards = tuple(
        OfferProgress(
            offer=offer,
            live=progress.get(offer.pk),
            mine=mine.get(offer.pk),
            allocation=lines.get(offer.pk),
            totals=totals.get(offer.pk),
        )
        for offer in offers
    )
    return GroupOrderPage(
        group_order=group_order,
        offers=cards,
        live=live,
        editable=group_order.state in EDITABLE_STATES,
        closed=closed,
        refusal=commitment_refusal(group_order),
        closed_on=group_order.closed_at or group_order.closes_at,
        has_allocations=bool(lines),
        my_total=sum((line.line_total for line in lines.values()), Decimal("0")),
        grand_total=(
            sum((line.total for line in totals.values()), Decimal("0")) if totals else None
        ),
        settlement=settlement_panel(
            group_order=group_order, user=user, is_coordinator=is_coordinator
        ),
    )
