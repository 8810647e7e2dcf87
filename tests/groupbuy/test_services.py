"""Group order services: the state machine, commitments and their deadline, closing."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from groupbuy.models import Allocation, CommitmentPart, GroupOrderState, StateTransition
from groupbuy.orders import services
from groupbuy.orders.allocation import Reason
from tests.factories import TERMS_VERSION, UserFactory, create_group_order

pytestmark = pytest.mark.django_db
S = GroupOrderState


@pytest.fixture
def alice():
    return UserFactory(first_name="Alice")


@pytest.fixture
def bob():
    return UserFactory(first_name="Bob")


@pytest.fixture
def group_order(alice, bob):
    return create_group_order(members=[alice, bob], offers=[{"case_size": 6}])


@pytest.mark.parametrize(
    ("start", "target"),
    [
        (S.DRAFT, S.CONFIRMED),
        (S.OPEN, S.READY),
        (S.CLOSED, S.OPEN),
        (S.CANCELLED, S.OPEN),
        (S.COMPLETED, S.OPEN),
        (S.CONFIRMED, S.CANCELLED),
    ],
)
def test_invalid_transitions_are_refused_with_a_message(alice, start, target):
    group_order = create_group_order(members=[alice], state=start)
    with pytest.raises(ValidationError) as error:
        services.group_order_transition(group_order=group_order, to_state=target)
    assert "ne peut pas passer" in error.value.messages[0]
    group_order.refresh_from_db()
    assert group_order.state == start


def test_every_transition_is_logged_with_who_and_when(alice):
    group_order = create_group_order(members=[alice], state=S.DRAFT)
    coordinator = group_order.created_by
    for state in (S.OPEN, S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED):
        services.group_order_transition(group_order=group_order, to_state=state, user=coordinator)
    log = list(StateTransition.objects.filter(group_order=group_order))
    assert [(t.from_state, t.to_state) for t in log] == [
        (S.DRAFT, S.OPEN),
        (S.OPEN, S.CLOSED),
        (S.CLOSED, S.CONFIRMED),
        (S.CONFIRMED, S.READY),
        (S.READY, S.COMPLETED),
    ]
    assert all(t.user == coordinator and t.at for t in log)


def test_commitment_increase_is_a_new_part_and_decrease_gives_back_latest(group_order, alice):
    offer = group_order.offers.get()
    t0 = timezone.now()
    services.commitment_set(
        offer=offer, member=alice, quantity=2, now=t0, terms_version=TERMS_VERSION
    )
    services.commitment_set(
        offer=offer,
        member=alice,
        quantity=5,
        now=t0 + datetime.timedelta(1),
        terms_version=TERMS_VERSION,
    )
    parts = list(CommitmentPart.objects.values_list("quantity", flat=True))
    assert parts == [2, 3]
    services.commitment_set(
        offer=offer,
        member=alice,
        quantity=1,
        now=t0 + datetime.timedelta(2),
        terms_version=TERMS_VERSION,
    )
    assert list(CommitmentPart.objects.values_list("quantity", flat=True)) == [1]


def test_no_change_after_the_deadline(group_order, alice):
    offer = group_order.offers.get()
    after = group_order.closes_at + datetime.timedelta(seconds=1)
    with pytest.raises(ValidationError) as error:
        services.commitment_set(
            offer=offer, member=alice, quantity=2, now=after, terms_version=TERMS_VERSION
        )
    assert "ne peuvent plus changer" in error.value.messages[0]


def test_only_members_commit(group_order):
    with pytest.raises(PermissionDenied):
        services.commitment_set(
            offer=group_order.offers.get(),
            member=UserFactory(),
            quantity=1,
            terms_version=TERMS_VERSION,
        )


def test_closing_allocates_and_is_idempotent(group_order, alice, bob):
    offer = group_order.offers.get()
    t0 = timezone.now()
    services.commitment_set(
        offer=offer, member=alice, quantity=4, now=t0, terms_version=TERMS_VERSION
    )
    services.commitment_set(
        offer=offer,
        member=bob,
        quantity=1,
        tolerance=2,
        now=t0 + datetime.timedelta(1),
        terms_version=TERMS_VERSION,
    )
    services.group_order_close(group_order=group_order)
    results = {a.member_id: (a.allocated, a.reason) for a in Allocation.objects.all()}
    assert results == {alice.pk: (4, Reason.FULL), bob.pk: (2, Reason.TOLERANCE_USED)}

    services.group_order_close(group_order=group_order)  # a second run changes nothing
    assert Allocation.objects.count() == 2
    assert StateTransition.objects.filter(to_state=S.CLOSED).count() == 1


def test_close_due_group_orders_only_closes_past_deadlines(alice):
    now = timezone.now()
    due = create_group_order(
        members=[alice],
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now - datetime.timedelta(minutes=1),
    )
    not_due = create_group_order(members=[alice])
    closed = services.group_orders_close_due()
    assert [g.pk for g in closed] == [due.pk]
    not_due.refresh_from_db()
    assert not_due.state == S.OPEN
    assert services.group_orders_close_due() == []


def test_reaching_an_offers_minimum_sends_the_event_once(
    alice, bob, django_capture_on_commit_callbacks
):
    from groupbuy import events

    group_order = create_group_order(
        members=[alice, bob], offers=[{"case_size": 6, "min_units": 6}]
    )
    offer = group_order.offers.get()
    received = []

    def listener(sender, group_order, offer, **kwargs):
        received.append(offer.pk)

    events.group_order_minimum_reached.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            services.commitment_set(
                offer=offer, member=alice, quantity=4, terms_version=TERMS_VERSION
            )
        assert received == []
        with django_capture_on_commit_callbacks(execute=True):
            services.commitment_set(
                offer=offer, member=bob, quantity=3, terms_version=TERMS_VERSION
            )  # 7 >= 6
        with django_capture_on_commit_callbacks(execute=True):
            services.commitment_set(
                offer=offer, member=bob, quantity=4, terms_version=TERMS_VERSION
            )  # still above
        assert received == [offer.pk]
    finally:
        events.group_order_minimum_reached.disconnect(listener)


def test_closing_also_runs_as_a_scheduled_task(alice):
    from groupbuy.tasks import close_due_group_orders as close_task

    now = timezone.now()
    due = create_group_order(
        members=[alice],
        opens_at=now - datetime.timedelta(days=5),
        closes_at=now - datetime.timedelta(minutes=1),
    )
    result = close_task.enqueue()  # the immediate backend runs it at once
    assert result.return_value == [due.pk]
    due.refresh_from_db()
    assert due.state == S.CLOSED
    assert close_task.enqueue().return_value == []  # idempotent
