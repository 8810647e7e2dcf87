"""Closing while members commit, on real PostgreSQL row locks: every commitment lands
before the close (and is allocated) or is refused with the deadline message; none is
lost or half-written, and closing twice at once allocates once."""

import random
import threading
import time
from collections import defaultdict

import pytest
from django.core.exceptions import ValidationError
from django.db import connections
from django.db.models import Sum
from django.utils import timezone

from groupbuy.models import (
    Allocation,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderState,
    StateTransition,
)
from groupbuy.orders import services
from groupbuy.settlement import services as settlement
from tests.factories import TERMS_VERSION, UserFactory, create_group_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

MEMBERS = 8
ROUNDS = 25


def _in_thread(target, errors, *args):
    def run():
        try:
            target(*args)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    return threading.Thread(target=run)


def test_commitments_racing_the_close_are_either_allocated_or_refused():
    members = [UserFactory() for _ in range(MEMBERS)]
    group_order = create_group_order(
        members=members, offers=[{"case_size": 6}, {"case_size": 4, "position": 1}]
    )
    offers = list(GroupOrderProduct.objects.filter(group_order=group_order))
    start = threading.Barrier(MEMBERS + 2)
    last_saved: dict[tuple[int, int], int] = {}
    refusals: list[str] = []
    lock = threading.Lock()
    errors: list[Exception] = []

    def member_loop(member, seed):
        rng = random.Random(seed)
        start.wait()
        for _round in range(ROUNDS):
            offer = rng.choice(offers)
            quantity = rng.randint(0, 9)
            try:
                services.commitment_set(
                    offer=offer,
                    member=member,
                    quantity=quantity,
                    tolerance=rng.randint(0, 2),
                    terms_version=TERMS_VERSION,
                )
            except ValidationError as error:
                with lock:
                    refusals.append(error.messages[0])
            else:
                with lock:
                    last_saved[(offer.pk, member.pk)] = quantity

    def closer(delay):
        start.wait()
        time.sleep(delay)
        services.group_order_close(group_order=GroupOrder.objects.get(pk=group_order.pk))

    threads = [_in_thread(member_loop, errors, m, i) for i, m in enumerate(members)]
    # Two closers at once: the second must find the group order closed and do nothing.
    threads += [_in_thread(closer, errors, 0.15), _in_thread(closer, errors, 0.15)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    assert errors == []

    group_order.refresh_from_db()
    assert group_order.state == GroupOrderState.CLOSED
    # The race did happen: some commitments landed, some were refused.
    assert last_saved and refusals
    assert len(set(refusals)) == 1
    assert timezone.localtime(group_order.closes_at).strftime("%d/%m/%Y") in refusals[0]

    # Nothing lost or half-written: what each member last saw accepted is what the
    # database holds, and the allocation counted exactly those parts.
    held = defaultdict(int)
    for offer_id, member_id, quantity in CommitmentPart.objects.values_list(
        "commitment__offer_id", "commitment__member_id", "quantity"
    ):
        held[(offer_id, member_id)] += quantity
    assert {key: qty for key, qty in held.items() if qty} == {
        key: qty for key, qty in last_saved.items() if qty
    }
    requested = {
        (a.offer_id, a.member_id): a.requested for a in Allocation.objects.all() if a.requested
    }
    assert requested == {key: qty for key, qty in held.items() if qty}
    for offer in offers:
        parts = CommitmentPart.objects.filter(commitment__offer=offer).aggregate(n=Sum("quantity"))
        allocated = Allocation.objects.filter(offer=offer).aggregate(n=Sum("requested"))
        assert (parts["n"] or 0) == (allocated["n"] or 0)
    assert StateTransition.objects.filter(group_order=group_order, to_state="closed").count() == 1


def test_confirming_twice_at_once_writes_each_order_once():
    members = [UserFactory() for _ in range(6)]
    group_order = create_group_order(members=members, offers=[{"case_size": 2}])
    offer = group_order.offers.get()
    for member in members:
        services.commitment_set(offer=offer, member=member, quantity=2, terms_version=TERMS_VERSION)
    services.group_order_close(group_order=group_order)
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def confirm():
        start.wait()
        settlement.group_order_confirm(
            group_order=GroupOrder.objects.get(pk=group_order.pk), notify=False
        )

    threads = [_in_thread(confirm, errors), _in_thread(confirm, errors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert group_order.settlements.count() == 6
    assert (
        StateTransition.objects.filter(group_order=group_order, to_state="confirmed").count() == 1
    )
