"""Allocation of a group order at closing: deterministic, explained, linear.

For each product offered (an *offer*), with case size ``s``, members' firm units ``F``
(sum of their commitments) and tolerances ``T`` (extra units members accept to
complete a case):

1. **Cases.** ``F // s`` full cases from firm units alone; one more case when the
   firm remainder ``F % s`` is not zero and the tolerances can complete it
   (``F % s + T >= s``). Every case therefore holds at least one firm unit: tolerance
   only ever completes the last case, it never opens one.
2. **Maximum.** The number of cases is capped at ``max_units // s`` (what the producer
   can supply).
3. **Minimum.** If the units to ship (``cases × s``) are below the offer's minimum, or
   no case is filled at all, the product is dropped and nobody receives it.
4. **Queue.** Units are handed out oldest first: every firm part in the order it was
   committed (a member keeps its place for units committed early; units added later
   form a new part that queues behind everyone who committed before), then the
   tolerances in the order they were set. Firm units always come before tolerance units.
5. **Price.** The unit price is that of the highest price tier whose threshold the
   shipped total reaches, for everybody; otherwise the offer's base price.

Each member's line carries a reason code that the page turns into a sentence
("vous aviez demandé 5, vous recevez 4 : …"). The work per offer is one sort of its
parts and one pass over them: O(n log n) in the number of commitments, no database.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal


class Reason:
    """Why a member received what they received (stable codes, stored with results)."""

    FULL = "full"  # everything they asked for
    TOLERANCE_USED = "tolerance_used"  # more than their firm units, to complete a case
    CASE_ROUNDING = "case_rounding"  # the last case could not be completed
    CAPPED_BY_MAXIMUM = "capped_by_maximum"  # the producer cannot supply more
    BELOW_MINIMUM = "below_minimum"  # the product was dropped: minimum not reached
    NO_FULL_CASE = "no_full_case"  # the product was dropped: not even one case


@dataclass(frozen=True)
class Part:
    """Firm units a member added at one moment."""

    member_id: int
    quantity: int
    created_at: datetime.datetime
    pk: int  # tie-breaker: two parts at the same instant keep insertion order


@dataclass(frozen=True)
class Tolerance:
    member_id: int
    quantity: int
    since: datetime.datetime
    pk: int


@dataclass(frozen=True)
class Terms:
    case_size: int
    min_units: int = 0
    max_units: int | None = None
    unit_price: Decimal = Decimal("0")
    tiers: Sequence[tuple[int, Decimal]] = ()  # (threshold in units, unit price)


@dataclass
class MemberResult:
    member_id: int
    requested: int = 0
    tolerance: int = 0
    allocated: int = 0
    reason: str = Reason.FULL

    @property
    def tolerance_used(self) -> int:
        return max(self.allocated - self.requested, 0)


@dataclass
class OfferResult:
    cases: int
    units: int
    unit_price: Decimal
    dropped: bool
    members: dict[int, MemberResult] = field(default_factory=dict)

    @property
    def total_price(self) -> Decimal:
        return self.unit_price * self.units


def case_count(firm: int, tolerance: int, case_size: int) -> int:
    """Cases that firm units fill, plus the last one if tolerances complete it."""
    full, remainder = divmod(firm, case_size)
    return full + (1 if remainder and remainder + tolerance >= case_size else 0)


def tier_price(terms: Terms, units: int) -> Decimal:
    price = terms.unit_price
    for threshold, tier_unit_price in sorted(terms.tiers):
        if units >= threshold:
            price = tier_unit_price
    return price


def allocate_offer(
    terms: Terms, parts: Iterable[Part], tolerances: Iterable[Tolerance]
) -> OfferResult:
    parts = sorted(parts, key=lambda p: (p.created_at, p.pk))
    tolerances = sorted((t for t in tolerances if t.quantity), key=lambda t: (t.since, t.pk))
    members: dict[int, MemberResult] = {}
    for part in parts:
        members.setdefault(part.member_id, MemberResult(part.member_id)).requested += part.quantity
    for tolerance in tolerances:
        members.setdefault(
            tolerance.member_id, MemberResult(tolerance.member_id)
        ).tolerance += tolerance.quantity

    firm = sum(p.quantity for p in parts)
    cases = case_count(firm, sum(t.quantity for t in tolerances), terms.case_size)
    capped = False
    if terms.max_units is not None and cases > terms.max_units // terms.case_size:
        cases, capped = terms.max_units // terms.case_size, True
    units = cases * terms.case_size
    dropped_reason = None
    if cases == 0:
        dropped_reason = Reason.CAPPED_BY_MAXIMUM if capped else Reason.NO_FULL_CASE
    elif units < terms.min_units:
        dropped_reason = Reason.BELOW_MINIMUM
    if dropped_reason:
        for member in members.values():
            member.reason = dropped_reason
        return OfferResult(0, 0, tier_price(terms, 0), True, members)

    remaining = units
    for queue in (parts, tolerances):
        for entry in queue:
            given = min(entry.quantity, remaining)
            members[entry.member_id].allocated += given
            remaining -= given
    for member in members.values():
        member.reason = _reason(member, capped)
    return OfferResult(cases, units, tier_price(terms, units), False, members)


def _reason(member: MemberResult, capped: bool) -> str:
    if member.allocated > member.requested:
        return Reason.TOLERANCE_USED
    if member.allocated == member.requested:
        return Reason.FULL
    return Reason.CAPPED_BY_MAXIMUM if capped else Reason.CASE_ROUNDING


@dataclass(frozen=True)
class Progress:
    """What the group order page shows live for one offer."""

    firm: int
    tolerance: int
    cases_filled: int  # full cases from firm units alone
    missing_to_next_case: int  # firm units still needed to fill the next case
    missing_to_minimum: int
    current_price: Decimal  # the price if the order closed now
    next_tier: tuple[int, Decimal] | None  # (units still needed, its unit price)


def offer_progress(terms: Terms, firm: int, tolerance: int) -> Progress:
    """Live figures for one offer. The next tier is counted in firm units still to
    commit (tolerances included) and is never one the producer's maximum rules out."""
    size = terms.case_size
    max_cases = None if terms.max_units is None else terms.max_units // size
    full, remainder = divmod(firm, size)
    cases = case_count(firm, tolerance, size)
    if max_cases is not None:
        cases, full = min(cases, max_cases), min(full, max_cases)
    units = cases * size
    shipped = units if units >= terms.min_units else 0
    return Progress(
        firm=firm,
        tolerance=tolerance,
        cases_filled=full,
        missing_to_next_case=size - remainder,
        missing_to_minimum=max(terms.min_units - firm, 0),
        current_price=tier_price(terms, shipped),
        next_tier=_next_tier(terms, firm, tolerance, units, max_cases),
    )


def _next_tier(
    terms: Terms, firm: int, tolerance: int, units: int, max_cases: int | None
) -> tuple[int, Decimal] | None:
    size = terms.case_size
    for threshold, price in sorted(terms.tiers):
        needed_cases = -(-max(threshold, terms.min_units) // size)  # ceiling
        if units >= threshold and units >= terms.min_units:
            continue
        if max_cases is not None and needed_cases > max_cases:
            return None  # the producer cannot supply that much
        extra = 0
        while case_count(firm + extra, tolerance, size) < needed_cases:
            extra += 1
        return (extra, price)
    return None
