"""The allocation rules on hand-computed cases (groupbuy/allocation.py)."""

import datetime
from decimal import Decimal

import pytest

from groupbuy.orders.allocation import (
    Part,
    Reason,
    Terms,
    Tolerance,
    allocate_offer,
    case_count,
    offer_progress,
)

T0 = datetime.datetime(2026, 11, 1, 9, 0, tzinfo=datetime.UTC)
ALICE, BOB, CHLOE, DAVID = 1, 2, 3, 4


def at(minutes: int) -> datetime.datetime:
    return T0 + datetime.timedelta(minutes=minutes)


def part(member, quantity, minute, pk=None):
    return Part(member, quantity, at(minute), pk or minute)


def tol(member, quantity, minute, pk=None):
    return Tolerance(member, quantity, at(minute), pk or minute)


def allocated(result):
    return {m: r.allocated for m, r in result.members.items()}


def test_full_cases_from_firm_units():
    result = allocate_offer(Terms(case_size=6), [part(ALICE, 4, 1), part(BOB, 8, 2)], [])
    assert (result.cases, result.units) == (2, 12)
    assert allocated(result) == {ALICE: 4, BOB: 8}
    assert {r.reason for r in result.members.values()} == {Reason.FULL}


def test_tolerance_completes_the_last_case():
    # 6 + 3 firm = 9: one full case and 3 over; Chloé's 3 tolerance completes a second.
    result = allocate_offer(
        Terms(case_size=6),
        [part(ALICE, 6, 1), part(BOB, 3, 2), part(CHLOE, 1, 3)],
        [tol(CHLOE, 2, 3)],
    )
    assert (result.cases, result.units) == (2, 12)
    assert allocated(result) == {ALICE: 6, BOB: 3, CHLOE: 3}
    assert result.members[CHLOE].reason == Reason.TOLERANCE_USED
    assert result.members[CHLOE].tolerance_used == 2


def test_tolerance_never_opens_a_case_on_its_own():
    # 6 firm units fill one case exactly; 5 units of tolerance do not open a second one.
    result = allocate_offer(Terms(case_size=6), [part(ALICE, 6, 1)], [tol(BOB, 5, 2)])
    assert result.cases == 1
    assert allocated(result) == {ALICE: 6, BOB: 0}
    assert case_count(firm=0, tolerance=12, case_size=6) == 0


def test_case_rounding_serves_the_oldest_commitments_first():
    # 6 + 3 = 9 firm, no tolerance: one case; Bob committed last and gets nothing.
    result = allocate_offer(Terms(case_size=6), [part(ALICE, 5, 1), part(BOB, 4, 2)], [])
    assert allocated(result) == {ALICE: 5, BOB: 1}
    assert result.members[BOB].reason == Reason.CASE_ROUNDING
    assert result.members[ALICE].reason == Reason.FULL


def test_early_units_keep_their_place_and_a_later_increase_queues_behind():
    # Alice commits 2 at 9:01, Bob 3 at 9:02, Alice adds 3 at 9:03: 8 firm, case of 6.
    parts = [part(ALICE, 2, 1), part(BOB, 3, 2), part(ALICE, 3, 3)]
    result = allocate_offer(Terms(case_size=6), parts, [])
    # Queue: Alice 2, Bob 3, then Alice's later 3 of which only 1 fits.
    assert allocated(result) == {ALICE: 3, BOB: 3}
    assert result.members[ALICE].requested == 5
    assert result.members[ALICE].reason == Reason.CASE_ROUNDING


def test_firm_units_come_before_tolerance_units():
    # Bob's tolerance was set before Chloé's firm units, yet her firm units come first.
    result = allocate_offer(
        Terms(case_size=4),
        [part(ALICE, 2, 1), part(CHLOE, 1, 5)],
        [tol(BOB, 3, 2)],
    )
    # Bob has no firm unit: he only receives through tolerance, after every firm unit.
    assert result.units == 4
    assert allocated(result) == {ALICE: 2, CHLOE: 1, BOB: 1}


def test_product_below_its_minimum_is_dropped():
    result = allocate_offer(
        Terms(case_size=6, min_units=18), [part(ALICE, 6, 1), part(BOB, 6, 2)], []
    )
    assert result.dropped and result.units == 0
    assert allocated(result) == {ALICE: 0, BOB: 0}
    assert {r.reason for r in result.members.values()} == {Reason.BELOW_MINIMUM}


def test_product_without_a_single_case_is_dropped():
    result = allocate_offer(Terms(case_size=12), [part(ALICE, 5, 1)], [tol(BOB, 2, 2)])
    assert result.dropped
    assert result.members[ALICE].reason == Reason.NO_FULL_CASE


def test_maximum_caps_the_cases_and_serves_the_queue():
    result = allocate_offer(
        Terms(case_size=6, max_units=13),  # at most 2 cases
        [part(ALICE, 6, 1), part(BOB, 6, 2), part(CHLOE, 6, 3)],
        [],
    )
    assert (result.cases, result.units) == (2, 12)
    assert allocated(result) == {ALICE: 6, BOB: 6, CHLOE: 0}
    assert result.members[CHLOE].reason == Reason.CAPPED_BY_MAXIMUM


def test_tier_reached_gives_its_price_to_everybody():
    terms = Terms(
        case_size=6,
        unit_price=Decimal("4.00"),
        tiers=[(12, Decimal("3.60")), (24, Decimal("3.20"))],
    )
    result = allocate_offer(terms, [part(ALICE, 6, 1), part(BOB, 7, 2)], [tol(BOB, 0, 2)])
    assert result.units == 12
    assert result.unit_price == Decimal("3.60")
    assert result.total_price == Decimal("43.20")
    below = allocate_offer(terms, [part(ALICE, 6, 1)], [])
    assert below.unit_price == Decimal("4.00")


def test_same_input_same_output_whatever_the_order_given():
    parts = [part(ALICE, 2, 1), part(BOB, 3, 2), part(CHLOE, 4, 2, pk=99), part(DAVID, 2, 4)]
    tolerances = [tol(DAVID, 3, 4), tol(ALICE, 1, 1)]
    first = allocate_offer(Terms(case_size=6), parts, tolerances)
    second = allocate_offer(Terms(case_size=6), list(reversed(parts)), tolerances[::-1])
    assert allocated(first) == allocated(second)


@pytest.mark.parametrize(
    ("firm", "tolerance", "expected"),
    [
        # firm, tolerance -> (cases filled, missing to next case, missing to minimum)
        (0, 0, (0, 6, 12)),
        (4, 0, (0, 2, 8)),
        (6, 0, (1, 6, 6)),
        (13, 5, (2, 5, 0)),
    ],
)
def test_progress_shown_on_the_page(firm, tolerance, expected):
    progress = offer_progress(Terms(case_size=6, min_units=12), firm, tolerance)
    assert (
        progress.cases_filled,
        progress.missing_to_next_case,
        progress.missing_to_minimum,
    ) == expected


def test_progress_shows_current_and_next_tier():
    terms = Terms(case_size=6, unit_price=Decimal("4.00"), tiers=[(12, Decimal("3.60"))])
    progress = offer_progress(terms, firm=7, tolerance=5)  # 2 cases if it closed now
    assert progress.current_price == Decimal("3.60")
    assert progress.next_tier is None
    progress = offer_progress(terms, firm=6, tolerance=0)
    assert progress.current_price == Decimal("4.00")
    assert progress.next_tier == (6, Decimal("3.60"))


def test_next_tier_counts_the_firm_units_still_needed():
    terms = Terms(
        case_size=6, min_units=12, unit_price=Decimal("4.00"), tiers=[(12, Decimal("3.60"))]
    )
    # 9 committed: 3 more firm units fill the second case and reach both minimum and tier.
    assert offer_progress(terms, firm=9, tolerance=0).next_tier == (3, Decimal("3.60"))
    # With 2 units of tolerance, one more firm unit is enough.
    assert offer_progress(terms, firm=9, tolerance=2).next_tier == (1, Decimal("3.60"))


def test_next_tier_beyond_the_maximum_is_not_announced():
    terms = Terms(case_size=6, max_units=12, unit_price=Decimal("4"), tiers=[(18, Decimal("3"))])
    progress = offer_progress(terms, firm=12, tolerance=0)
    assert progress.next_tier is None
    assert progress.cases_filled == 2
    assert offer_progress(terms, firm=30, tolerance=0).cases_filled == 2
