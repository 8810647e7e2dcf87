"""Two votes of the same member on the same claim at once, on real PostgreSQL: the claim
row lock (and the unique constraint behind it) lets exactly one opinion land."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connections

from community.guarantee import services
from community.models import ClaimOpinion

from .guarantee_helpers import college_member, producer_claim

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROUNDS = 5


def race_two_votes(claim, member) -> tuple[list[str], list[Exception]]:
    start = threading.Barrier(2)
    outcomes: list[str] = []
    errors: list[Exception] = []
    lock = threading.Lock()

    def vote(verdict):
        try:
            start.wait()
            services.claim_opinion_record(
                claim=claim, member=member, verdict=verdict, comment="En même temps."
            )
        except ValidationError:
            with lock:
                outcomes.append("refused")
        except Exception as error:  # anything else is a bug
            errors.append(error)
        else:
            with lock:
                outcomes.append("saved")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=vote, args=(v,)) for v in ("confirm", "dispute")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes, errors


def test_two_simultaneous_votes_by_one_member_leave_exactly_one_opinion():
    for _round in range(ROUNDS):
        claim = producer_claim()
        member = college_member("consumers")
        outcomes, errors = race_two_votes(claim, member)
        assert errors == []
        assert sorted(outcomes) == ["refused", "saved"]
        assert ClaimOpinion.objects.filter(claim=claim, member=member).count() == 1
