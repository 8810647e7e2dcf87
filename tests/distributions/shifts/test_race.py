"""Parallel sign-ups for the last place of a role: the row lock lets one through."""

import pytest

from shop.distributions.shifts import services
from shop.distributions.shifts.models import ShiftRole
from tests.factories import UserFactory, make_distribution
from tests.helpers.concurrency import run_together


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_for_the_last_place_succeed_once():
    distribution = make_distribution()
    role = distribution.shift_roles.get(label="Pesée")
    ShiftRole.objects.filter(pk=role.pk).update(places=2)
    services.shift_sign_up(role=role, user=UserFactory())  # one place left
    workers = 4
    users = [UserFactory() for _ in range(workers)]
    outcomes = run_together(
        [lambda user=user: services.shift_sign_up(role=role, user=user) for user in users]
    )

    signed_up = [o for o in outcomes if o.error is None]
    refused = [o for o in outcomes if isinstance(o.error, services.ShiftError)]
    assert (len(signed_up), len(refused)) == (1, workers - 1)
    assert role.signups.active().count() == 2
