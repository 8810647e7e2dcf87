"""Parallel sign-ups for the last place of a role: the row lock lets one through."""

import threading

import pytest
from django.db import connections

from shop.distributions.shifts import services
from shop.distributions.shifts.models import ShiftRole
from tests.factories import UserFactory, make_distribution


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_sign_ups_for_the_last_place_succeed_once():
    distribution = make_distribution()
    role = distribution.shift_roles.get(label="Pesée")
    ShiftRole.objects.filter(pk=role.pk).update(places=2)
    services.shift_sign_up(role=role, user=UserFactory())  # one place left
    workers = 4
    users = [UserFactory() for _ in range(workers)]
    connections.close_all()
    barrier = threading.Barrier(workers)
    outcomes: list = [None] * workers
    errors: list[BaseException] = []

    def sign_up(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            services.shift_sign_up(role=role, user=users[index])
            outcomes[index] = "ok"
        except services.ShiftError:
            outcomes[index] = "full"
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=sign_up, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(outcomes) == ["full", "full", "full", "ok"]
    assert role.signups.active().count() == 2
