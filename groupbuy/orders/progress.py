"""Live progress of a group order's offers: numbers only (the page and its live client
word them). Shared by the group order page, `/progression.json` and the websocket.

The cost is a fixed number of queries (aggregates per offer), whatever the number of
offers, members and commitments.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Sum

from .allocation import Terms, offer_progress
from .models import Commitment, CommitmentPart, GroupOrder, GroupOrderProduct


@dataclass(frozen=True)
class OfferLiveProgress:
    """What the page shows live for one offer while commitments are open."""

    offer_id: int
    case_size: int
    min_units: int
    max_units: int | None
    members: int
    firm: int
    tolerance: int
    cases_filled: int
    units_in_current_case: int
    case_percent: int
    missing_to_next_case: int
    missing_to_minimum: int
    max_reached: bool
    current_price: Decimal
    next_tier_units: int | None  # firm units still needed for a better price (None: none left)
    next_tier_price: Decimal | None
    has_tiers: bool


def terms_of(offer: GroupOrderProduct) -> Terms:
    return Terms(
        case_size=offer.case_size,
        min_units=offer.min_units,
        max_units=offer.max_units,
        unit_price=offer.unit_price_incl_tax,
        tiers=[(tier.min_units, tier.unit_price_incl_tax) for tier in offer.tiers.all()],
    )


def group_order_progress(
    group_order: GroupOrder, *, offers: Sequence[GroupOrderProduct] | None = None
) -> dict[int, OfferLiveProgress]:
    """The live numbers of every offer: {offer pk: progress}.

    Two aggregate queries (firm units per offer, tolerance and members per offer), plus
    two to load the offers and their tiers when the caller has not.
    """
    if offers is None:
        offers = list(group_order.offers.prefetch_related("tiers").order_by("position", "pk"))
    firm = dict(
        CommitmentPart.objects.filter(commitment__offer__group_order=group_order)
        .order_by()
        .values("commitment__offer_id")
        .annotate(total=Sum("quantity"))
        .values_list("commitment__offer_id", "total")
    )
    per_offer = {
        row["offer_id"]: row
        for row in Commitment.objects.filter(offer__group_order=group_order)
        .order_by()
        .values("offer_id")
        .annotate(tolerance=Sum("tolerance"), members=Count("pk"))
    }
    result = {}
    for offer in offers:
        row = per_offer.get(offer.pk, {})
        progress = offer_progress(
            terms_of(offer), firm.get(offer.pk) or 0, row.get("tolerance") or 0
        )
        in_case = progress.firm % offer.case_size
        result[offer.pk] = OfferLiveProgress(
            offer_id=offer.pk,
            case_size=offer.case_size,
            min_units=offer.min_units,
            max_units=offer.max_units,
            members=row.get("members") or 0,
            firm=progress.firm,
            tolerance=progress.tolerance,
            cases_filled=progress.cases_filled,
            units_in_current_case=in_case,
            case_percent=round(100 * in_case / offer.case_size),
            missing_to_next_case=progress.missing_to_next_case,
            missing_to_minimum=progress.missing_to_minimum,
            max_reached=offer.max_units is not None and progress.firm >= offer.max_units,
            current_price=progress.current_price,
            next_tier_units=progress.next_tier[0] if progress.next_tier else None,
            next_tier_price=progress.next_tier[1] if progress.next_tier else None,
            has_tiers=bool(offer.tiers.all()),
        )
    return result


def live_fields(progress: OfferLiveProgress) -> dict:
    """One offer in the live message shape of `groupbuy.orders.live` (numbers, prices as
    decimal strings, the next tier as {"missing", "price"} or null)."""
    return {
        "firm": progress.firm,
        "tolerance": progress.tolerance,
        "cases": progress.cases_filled,
        "missing-case": progress.missing_to_next_case,
        "missing-minimum": progress.missing_to_minimum,
        "price": f"{progress.current_price:.2f}",
        "next-tier": (
            {"missing": progress.next_tier_units, "price": f"{progress.next_tier_price:.2f}"}
            if progress.next_tier_units is not None
            else None
        ),
    }


def progress_details(progress: OfferLiveProgress) -> dict:
    """Every number of one offer, JSON-ready (decimals as strings)."""
    return {
        key: (str(value) if isinstance(value, Decimal) else value)
        for key, value in dataclasses.asdict(progress).items()
    }


def progress_message(
    group_order: GroupOrder, progress: dict[int, OfferLiveProgress] | None = None
) -> dict:
    """The live message: the websocket's snapshot and updates, and the base of
    `/progression.json` (so a page resyncs with the same code)."""
    if progress is None:
        progress = group_order_progress(group_order)
    return {
        "type": "progress",
        "group_order": group_order.pk,
        "offers": {str(pk): live_fields(numbers) for pk, numbers in progress.items()},
    }
