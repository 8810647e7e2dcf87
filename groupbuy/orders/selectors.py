"""Reads shared by the group buying pages and the live progress endpoint.

The cost of a group order page is a fixed number of queries (aggregates per offer, one
query per kind of row), whatever the number of offers, members and commitments.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal

from django.db.models import Count, Max, Prefetch, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model
from oscar.templatetags.currency_filters import currency

from .allocation import Progress, Reason, offer_progress
from .models import (
    Allocation,
    BuyingGroup,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderState,
    Membership,
)
from .services import terms_of

S = GroupOrderState
StockRecord = get_model("partner", "StockRecord")

# States a group order is "current" in; the others are past.
CURRENT_STATES = (S.DRAFT, S.OPEN, S.CLOSED, S.CONFIRMED, S.READY)
PAST_STATES = (S.COMPLETED, S.CANCELLED)
EDITABLE_STATES = (S.DRAFT, S.OPEN)
CLOSED_STATES = (S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED)


# --- groups -----------------------------------------------------------------------


def group_members(group: BuyingGroup) -> list[Membership]:
    """Active members, coordinators first."""
    return list(
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "pk")  # "coordinator" < "member"
    )


def pending_requests(group: BuyingGroup) -> list[Membership]:
    return list(
        group.memberships.filter(status=Membership.Status.PENDING)
        .select_related("user")
        .order_by("joined_at", "pk")
    )


def group_orders_of(group: BuyingGroup, *, include_drafts: bool) -> tuple[list, list]:
    """(current, past) group orders of a group; drafts only for coordinators."""
    orders = group.group_orders.select_related("pickup_point").annotate(offer_count=Count("offers"))
    if not include_drafts:
        orders = orders.exclude(state=S.DRAFT)
    current = list(orders.filter(state__in=CURRENT_STATES).order_by("closes_at", "pk"))
    past = list(orders.filter(state__in=PAST_STATES).order_by("-closes_at", "-pk")[:20])
    return current, past


# --- offers and live progress -----------------------------------------------------


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


def group_order_progress(
    group_order: GroupOrder, *, offers: Sequence[GroupOrderProduct] | None = None
) -> dict[int, dict]:
    """The live numbers of every offer: {offer pk: progress dict}.

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
        result[offer.pk] = _progress_dict(offer, progress, row.get("members") or 0)
    return result


def _progress_dict(offer: GroupOrderProduct, progress: Progress, members: int) -> dict:
    case_size = offer.case_size
    in_case = progress.firm % case_size
    max_reached = offer.max_units is not None and progress.firm >= offer.max_units
    return {
        "offer": offer.pk,
        "case_size": case_size,
        "min_units": offer.min_units,
        "max_units": offer.max_units,
        "members": members,
        "firm": progress.firm,
        "tolerance": progress.tolerance,
        "cases_filled": progress.cases_filled,
        "units_in_current_case": in_case,
        "case_percent": round(100 * in_case / case_size),
        "missing_to_next_case": progress.missing_to_next_case,
        "missing_to_minimum": progress.missing_to_minimum,
        "max_reached": max_reached,
        "current_price": progress.current_price,
        "next_tier": (
            {"units": progress.next_tier[0], "price": progress.next_tier[1]}
            if progress.next_tier
            else None
        ),
        "has_tiers": bool(offer.tiers.all()),
    }


def next_tier_text(progress: dict) -> str:
    next_tier = progress["next_tier"]
    if next_tier:
        return ngettext(
            "%(count)s more unit to get %(price)s",
            "%(count)s more units to get %(price)s",
            next_tier["units"],
        ) % {"count": next_tier["units"], "price": currency(next_tier["price"])}
    if progress["has_tiers"]:
        return _("Best price reached")
    return ""


def next_tier_formats() -> dict[str, str]:
    """The next-tier sentence with `{units}` and `{price}` placeholders, for a live
    client that rebuilds it from numbers ("one": 1 unit, "other": several)."""
    placeholders = {"count": "{units}", "price": "{price}"}
    return {
        "one": ngettext(
            "%(count)s more unit to get %(price)s", "%(count)s more units to get %(price)s", 1
        )
        % placeholders,
        "other": ngettext(
            "%(count)s more unit to get %(price)s", "%(count)s more units to get %(price)s", 2
        )
        % placeholders,
        "best": _("Best price reached"),
    }


def progress_fields(progress: dict) -> dict[str, str]:
    """The texts of the page's `data-field` elements for one offer: bare numbers (the
    words around them are outside the element, so a live update only swaps numbers),
    the formatted price and the next-tier sentence."""
    return {
        "firm": str(progress["firm"]),
        "tolerance": str(progress["tolerance"]),
        "cases": str(progress["cases_filled"]),
        "missing-case": str(progress["missing_to_next_case"]),
        "missing-minimum": str(progress["missing_to_minimum"]),
        "price": currency(progress["current_price"]),
        "next-tier": next_tier_text(progress),
    }


def live_fields(progress: dict) -> dict:
    """One offer in the live message shape of `groupbuy.live` (numbers, prices as
    decimal strings, the next tier as {"missing", "price"} or null)."""
    next_tier = progress["next_tier"]
    return {
        "firm": progress["firm"],
        "tolerance": progress["tolerance"],
        "cases": progress["cases_filled"],
        "missing-case": progress["missing_to_next_case"],
        "missing-minimum": progress["missing_to_minimum"],
        "price": f"{progress['current_price']:.2f}",
        "next-tier": (
            {"missing": next_tier["units"], "price": f"{next_tier['price']:.2f}"}
            if next_tier
            else None
        ),
    }


def progress_json(group_order: GroupOrder, progress: dict[int, dict]) -> dict:
    """What /progression.json returns: the live message (same shape as the websocket's,
    so the page resyncs with the same code), plus the page's texts and raw details."""
    return {
        "type": "progress",
        "group_order": group_order.pk,
        "offers": {str(pk): live_fields(numbers) for pk, numbers in progress.items()},
        "state": group_order.state,
        "accepts_commitments": group_order.accepts_commitments,
        "closes_at": group_order.closes_at.isoformat(),
        "texts": {str(pk): progress_fields(numbers) for pk, numbers in progress.items()},
        "details": {
            str(pk): {
                key: (str(value) if isinstance(value, Decimal) else value)
                for key, value in numbers.items()
                if key != "next_tier"
            }
            for pk, numbers in progress.items()
        },
    }


# --- a member's own lines -----------------------------------------------------------


def member_commitments(group_order: GroupOrder, user) -> dict[int, dict]:
    """{offer pk: {"quantity", "tolerance"}} of one member, in one query."""
    if not user.is_authenticated:
        return {}
    rows = (
        Commitment.objects.filter(offer__group_order=group_order, member=user)
        .order_by()
        .values("offer_id", "tolerance")
        .annotate(quantity=Sum("parts__quantity"))
    )
    return {
        row["offer_id"]: {"quantity": row["quantity"] or 0, "tolerance": row["tolerance"]}
        for row in rows
    }


def member_allocations(group_order: GroupOrder, user) -> dict[int, Allocation]:
    if not user.is_authenticated:
        return {}
    return {
        allocation.offer_id: allocation
        for allocation in Allocation.objects.filter(offer__group_order=group_order, member=user)
    }


def commitment_refusal(group_order: GroupOrder, now: datetime.datetime | None = None) -> str:
    """Why commitments cannot change now ("" when they can). Same rule and messages as
    `services.commitment_set`, which checks again on the server when the form is sent."""
    now = now or timezone.now()
    if group_order.state == S.DRAFT or now < group_order.opens_at:
        return _("This group order is not open yet.")
    if group_order.state != S.OPEN or now >= group_order.closes_at:
        closed = group_order.closed_at or group_order.closes_at  # closed early, or due
        return _("This group order closed on %(date)s: commitments can no longer change.") % {
            "date": timezone.localtime(closed).strftime("%d/%m/%Y %H:%M")
        }
    return ""


def explain_allocation(allocation: Allocation, offer: GroupOrderProduct) -> str:
    """The sentence a member reads under a line after closing."""
    numbers = {
        "requested": allocation.requested,
        "allocated": allocation.allocated,
        "tolerance": allocation.tolerance,
        "extra": max(allocation.allocated - allocation.requested, 0),
        "case_size": offer.case_size,
        "min_units": offer.min_units,
        "max_units": offer.max_units or 0,
    }
    reason = allocation.reason
    if reason == Reason.FULL and allocation.requested == 0:
        return (
            _(
                "You had only offered a tolerance of %(tolerance)s: it was not needed to complete "
                "a case, so you receive nothing."
            )
            % numbers
        )
    if reason == Reason.FULL:
        return _("You asked for %(requested)s, you receive %(allocated)s: all of it.") % numbers
    if reason == Reason.TOLERANCE_USED:
        return (
            ngettext(
                "You asked for %(requested)s, you receive %(allocated)s: %(extra)s unit of your "
                "tolerance completed the last case.",
                "You asked for %(requested)s, you receive %(allocated)s: %(extra)s units of your "
                "tolerance completed the last case.",
                numbers["extra"],
            )
            % numbers
        )
    if reason == Reason.CASE_ROUNDING:
        return (
            ngettext(
                "You asked for %(requested)s, you receive %(allocated)s: the last case of "
                "%(case_size)s unit could not be completed, and the units that came last in the "
                "queue were released.",
                "You asked for %(requested)s, you receive %(allocated)s: the last case of "
                "%(case_size)s units could not be completed, and the units that came last in the "
                "queue were released.",
                numbers["case_size"],
            )
            % numbers
        )
    if reason == Reason.CAPPED_BY_MAXIMUM:
        if allocation.allocated == 0 and not numbers["max_units"] // offer.case_size:
            return (
                _(
                    "You asked for %(requested)s, you receive %(allocated)s: the producer cannot "
                    "supply even one case."
                )
                % numbers
            )
        return (
            _(
                "You asked for %(requested)s, you receive %(allocated)s: the producer can supply "
                "at most %(max_units)s units, and earlier commitments came first."
            )
            % numbers
        )
    if reason == Reason.BELOW_MINIMUM:
        return (
            _(
                "You asked for %(requested)s, you receive %(allocated)s: the product was dropped "
                "because the group did not reach its minimum of %(min_units)s units."
            )
            % numbers
        )
    if reason == Reason.NO_FULL_CASE:
        return (
            _(
                "You asked for %(requested)s, you receive %(allocated)s: the product was dropped "
                "because not even one case of %(case_size)s units was filled."
            )
            % numbers
        )
    return _("You asked for %(requested)s, you receive %(allocated)s.") % numbers


# --- after closing: the coordinator's totals ---------------------------------------


def allocation_totals(
    group_order: GroupOrder, offers: Iterable[GroupOrderProduct]
) -> dict[int, dict]:
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
        totals[offer.pk] = {
            "cases": units // offer.case_size,
            "units": units,
            "requested": row.get("requested") or 0,
            "members": row.get("members") or 0,
            "unit_price": unit_price,
            "total": unit_price * units,
            "dropped": units == 0,
        }
    return totals


def grand_total(totals: dict[int, dict]) -> Decimal:
    return sum((line["total"] for line in totals.values()), Decimal("0"))
