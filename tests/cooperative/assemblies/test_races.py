"""On real PostgreSQL: the same member's vote sent twice at the same moment (two tabs,
or the member and the holder of their proxy) is cast once."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from community.cooperative.assemblies import services
from community.cooperative.assemblies.models import Ballot
from tests.cooperative.test_races import _run_together

from .conftest import A, F, all_, convene, member_in

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

TRIES = 6


@pytest.fixture
def setting(rules, staff):
    members = [member_in(staff) for _ in range(3)]
    return members, convene(staff)


def test_one_vote_sent_many_times_at_once_is_cast_once(setting):
    (member, *_), assembly = setting
    outcomes: list[str] = []

    def cast(choice: str) -> None:
        try:
            services.ballot_cast(assembly=assembly, by=member.user, choices=all_(assembly, choice))
            outcomes.append("cast")
        except ValidationError:
            outcomes.append("refused")

    errors = _run_together([lambda c=(F if i % 2 else A): cast(c) for i in range(TRIES)])
    assert errors == []
    assert sorted(outcomes) == ["cast"] + ["refused"] * (TRIES - 1)
    assert Ballot.objects.filter(voter=member).count() == 2
    assert len(set(Ballot.objects.values_list("choice", flat=True))) == 1


def test_a_proxy_given_while_voting_leaves_one_vote(setting):
    (giver, holder, _), assembly = setting
    outcomes: list[str] = []

    def vote() -> None:
        try:
            services.ballot_cast(assembly=assembly, by=giver.user, choices=all_(assembly, F))
            outcomes.append("voted")
        except ValidationError:
            outcomes.append("vote refused")

    def give() -> None:
        try:
            services.proxy_give(assembly=assembly, by=giver.user, holder_number=holder.number)
            outcomes.append("proxy")
        except ValidationError:
            outcomes.append("proxy refused")

    assert _run_together([vote, give]) == []
    assert sorted(outcomes) in (["proxy", "vote refused"], ["proxy refused", "voted"])
