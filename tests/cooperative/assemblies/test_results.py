"""Results weighted by college, checked by hand, the quorum and the turnout.

Colleges weigh 50 (consumers), 30 (producers), 20 (employees). On the first resolution:
- consumers: 1 for, 3 against        → 25 % for among expressed
- producers: 2 for                    → 100 %
- employees: 1 for, 1 against, 1 abst → 50 % (the abstention is not expressed)
Weighted: 25 × 0.5 + 100 × 0.3 + 50 × 0.2 = 12.5 + 30 + 10 = 52.5 % → adopted (ordinary).
One member, one vote: 4 for out of 8 expressed = 50 % → it would NOT pass (> 50 %).
"""

from __future__ import annotations

from decimal import Decimal

import pytest

from community.cooperative import services as cooperative
from community.cooperative.assemblies import results, services
from community.cooperative.assemblies.models import Assembly

from .conftest import A, F, N, convene, member_in

pytestmark = pytest.mark.django_db

VOTES = {  # college → choices on resolution 1 (resolution 2: everyone abstains)
    "consommateurs": [F, A, A, A],
    "producteurs": [F, F],
    "salaries": [F, A, N],
}
ABSENT = {"consommateurs": 2}  # members who do not vote


def _hold(staff, kind=Assembly.Kind.ORDINARY):
    voters = {code: [member_in(staff, code) for _ in choices] for code, choices in VOTES.items()}
    for code, count in ABSENT.items():
        for _ in range(count):
            member_in(staff, code)
    assembly = convene(staff, kind=kind)
    first, second = assembly.resolutions.all()
    for code, choices in VOTES.items():
        for member, choice in zip(voters[code], choices, strict=True):
            services.ballot_cast(
                assembly=assembly, by=member.user, choices={first.pk: choice, second.pk: N}
            )
    return results.assembly_results(assembly)


def test_weighted_result_checked_by_hand(rules, staff, weights):
    outcome = _hold(staff)
    first, second = outcome.resolutions
    by_code = {tally.college.code: tally for tally in first.colleges}
    assert (by_code["consommateurs"].for_, by_code["consommateurs"].against) == (1, 3)
    assert by_code["salaries"].abstain == 1 and by_code["salaries"].expressed == 2
    assert by_code["consommateurs"].share_for == Decimal("25")
    assert first.weighted_for == Decimal("52.5")
    assert first.one_member_one_vote == Decimal("50")
    assert first.passes_majority and first.adopted
    # Everyone abstained: nothing expressed, nothing adopted.
    assert second.weighted_for is None and not second.adopted


def test_an_extraordinary_resolution_needs_two_thirds(rules, staff, weights):
    first, _ = _hold(staff, kind=Assembly.Kind.EXTRAORDINARY).resolutions
    assert first.weighted_for == Decimal("52.5") and not first.adopted


def test_quorum_and_turnout_per_college(rules, staff, weights):
    outcome = _hold(staff)
    assert (outcome.electorate, outcome.voters) == (11, 9)
    assert outcome.quorum_required == Decimal("25.00") and outcome.quorum_reached
    turnout = {row.college.code: (row.electorate, row.voters) for row in outcome.turnout}
    assert turnout == {"consommateurs": (6, 4), "producteurs": (2, 2), "salaries": (3, 3)}


def test_a_quorum_not_reached_adopts_nothing(rules, staff, weights):
    members = [member_in(staff) for _ in range(4)]
    assembly = convene(staff, kind=Assembly.Kind.EXTRAORDINARY, resolutions=1)
    services.ballot_cast(
        assembly=assembly,
        by=members[0].user,
        choices={assembly.resolutions.get().pk: F},
    )
    outcome = results.assembly_results(assembly)
    assert outcome.participation == Decimal("25")  # below 33.33 %
    assert not outcome.quorum_reached
    (only,) = outcome.resolutions
    assert only.weighted_for == Decimal("100") and only.passes_majority and not only.adopted
    cooperative.rules_update(by=staff, quorum_extraordinary=Decimal("25.00"))
    assert results.assembly_results(assembly).resolutions[0].adopted


def test_votes_by_proxy_count_for_the_quorum(rules, staff, weights):
    giver, holder, _absent, _other = (member_in(staff) for _ in range(4))
    assembly = convene(staff, resolutions=1)
    services.proxy_give(assembly=assembly, by=giver.user, holder_number=holder.number)
    services.ballot_cast(
        assembly=assembly,
        by=holder.user,
        choices={assembly.resolutions.get().pk: F},
        on_behalf_of=giver,
    )
    outcome = results.assembly_results(assembly)
    assert (outcome.voters, outcome.by_proxy, outcome.participation) == (1, 1, Decimal("25"))
    assert outcome.quorum_reached  # ordinary: 25 %


def test_without_weights_one_member_one_vote(rules, staff):
    from community.cooperative.models import College

    College.objects.update(vote_weight=None)
    first, _ = _hold(staff).resolutions
    assert first.weighted_for == Decimal("50") and not first.adopted
