"""AMAP contract lifecycle: subscribe, share, absences, waiting list, payments, renewal."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.contracts import selectors, services
from shop.contracts.models import ContractEvent, ContractStatus, Instalment, SubscriptionStatus
from shop.contracts.services import ContractError
from shop.wallet.services import wallet_top_up_cash
from tests.factories import UserFactory, make_distribution

from .helpers import make_contract, subscribe

pytestmark = pytest.mark.django_db


def test_publish_needs_options_and_distributions():
    contract = make_contract(publish=False)
    contract.distributions.clear()
    with pytest.raises(ContractError, match="distributions"):
        services.contract_publish(contract=contract, by=contract.coordinator)
    contract.distributions.add(make_distribution())
    published = services.contract_publish(contract=contract, by=contract.coordinator)
    assert published.status == ContractStatus.PUBLISHED
    assert published.events.filter(action=ContractEvent.Action.PUBLISH).exists()


def test_subscribe_draws_a_schedule_summing_to_the_season_price():
    contract = make_contract(weeks=4)
    big = contract.options.get(label="Grand panier")
    subscription = subscribe(contract, option=big, instalments=3)
    assert subscription.status == SubscriptionStatus.ACTIVE
    amounts = list(subscription.instalments.values_list("amount", flat=True))
    assert amounts == [Decimal("26.68"), Decimal("26.66"), Decimal("26.66")]
    assert sum(amounts) == Decimal("80.00")  # 4 distributions × 20.00


def test_subscribe_refuses_stale_terms_and_draft_contracts():
    contract = make_contract()
    with pytest.raises(ContractError, match="terms"):
        services.contract_subscribe(
            contract=contract,
            user=UserFactory(),
            option=contract.options.first(),
            terms_version=contract.terms_version - 1,
            instalments=1,
            method="cheque",
        )
    draft = make_contract(publish=False)
    with pytest.raises(ContractError, match="not open"):
        subscribe(draft)
    assert not draft.subscriptions.exists()


def test_subscribing_twice_is_refused():
    contract = make_contract()
    user = UserFactory()
    subscribe(contract, user)
    with pytest.raises(ContractError, match="already"):
        subscribe(contract, user)


@pytest.mark.parametrize(
    ("total", "n", "first"),
    [("100.00", 3, "33.34"), ("250.00", 10, "25.00"), ("0.05", 4, "0.02"), ("99.99", 12, "8.36")],
)
def test_instalment_schedule_sums_exactly_with_remainder_first(total, n, first):
    schedule = services.instalment_schedule(Decimal(total), n, datetime.date(2026, 1, 31))
    assert len(schedule) == n
    assert sum(amount for _, amount in schedule) == Decimal(total)
    assert schedule[0][1] == Decimal(first)
    assert len({amount for _, amount in schedule[1:]}) <= 1
    assert schedule[1][0] == datetime.date(2026, 2, 28) if n > 1 else True


def test_instalment_schedule_needs_one_instalment():
    with pytest.raises(ContractError):
        services.instalment_schedule(Decimal("10.00"), 0, datetime.date(2026, 1, 1))


def test_full_contract_puts_members_on_a_waiting_list_and_cancel_promotes_the_first():
    contract = make_contract(capacity=1)
    first = subscribe(contract)
    second = subscribe(contract)
    third = subscribe(contract)
    assert (second.status, second.waiting_position) == (SubscriptionStatus.WAITING, 1)
    assert (third.status, third.waiting_position) == (SubscriptionStatus.WAITING, 2)
    assert not second.instalments.exists()

    promoted = services.subscription_cancel(subscription=first, by=first.user)

    assert promoted == second
    second.refresh_from_db()
    first.refresh_from_db()
    assert second.status == SubscriptionStatus.ACTIVE and second.waiting_position is None
    assert second.instalments.exists()
    assert first.status == SubscriptionStatus.CANCELLED
    assert not first.instalments.filter(paid_at__isnull=True).exists()
    assert contract.events.filter(action=ContractEvent.Action.PROMOTE).exists()


def test_cancelling_a_waiting_subscription_promotes_nobody():
    contract = make_contract(capacity=1)
    subscribe(contract)
    waiting = subscribe(contract)
    assert services.subscription_cancel(subscription=waiting, by=waiting.user) is None
    assert contract.subscriptions.filter(status=SubscriptionStatus.ACTIVE).count() == 1


def test_shared_subscription_either_household_declares_absences_up_to_the_limit():
    contract = make_contract(weeks=4, max_absences=2)
    subscription = subscribe(contract)
    other = UserFactory()
    services.subscription_share(subscription=subscription, with_user=other)
    weeks = list(contract.distributions.order_by("starts_at"))

    services.absence_declare(subscription=subscription, distribution=weeks[0], by=other)
    services.absence_declare(subscription=subscription, distribution=weeks[1], by=subscription.user)
    with pytest.raises(ContractError, match="used up"):
        services.absence_declare(subscription=subscription, distribution=weeks[2], by=other)
    assert subscription.absences.count() == 2
    assert services.absences_left(subscription) == 0


def test_absence_refused_after_the_deadline_by_strangers_and_twice():
    contract = make_contract(weeks=2, max_absences=5)
    subscription = subscribe(contract)
    week = contract.distributions.first()
    with pytest.raises(ContractError, match="households"):
        services.absence_declare(subscription=subscription, distribution=week, by=UserFactory())
    services.absence_declare(subscription=subscription, distribution=week, by=subscription.user)
    with pytest.raises(ContractError, match="already"):
        services.absence_declare(subscription=subscription, distribution=week, by=subscription.user)
    soon = make_distribution(
        starts_in=datetime.timedelta(days=1), closes_in=datetime.timedelta(hours=12)
    )
    contract.distributions.add(soon)
    with pytest.raises(ContractError, match="at least 2 days"):
        services.absence_declare(subscription=subscription, distribution=soon, by=subscription.user)
    outside = make_distribution()
    with pytest.raises(ContractError, match="not covered"):
        services.absence_declare(
            subscription=subscription, distribution=outside, by=subscription.user
        )


def test_share_with_oneself_is_refused():
    subscription = subscribe(make_contract())
    with pytest.raises(ContractError):
        services.subscription_share(subscription=subscription, with_user=subscription.user)


def test_baskets_per_distribution_counts_sizes_minus_absences():
    contract = make_contract(weeks=2)
    small, big = contract.options.all()
    one = subscribe(contract, option=small)
    subscribe(contract, option=small)
    subscribe(contract, option=big)
    week1, week2 = contract.distributions.order_by("starts_at")
    services.absence_declare(subscription=one, distribution=week1, by=one.user)

    rows = selectors.baskets_per_distribution(contract)

    assert [row.distribution for row in rows] == [week1, week2]
    assert rows[0].counts == {"Petit panier": 1, "Grand panier": 1}
    assert rows[0].absent == 1
    assert rows[1].counts == {"Petit panier": 2, "Grand panier": 1}
    assert rows[1].total == 3


def test_member_calendar_includes_shared_subscriptions():
    contract = make_contract(weeks=2)
    subscription = subscribe(contract, instalments=2)
    other = UserFactory()
    services.subscription_share(subscription=subscription, with_user=other)
    week1 = contract.distributions.order_by("starts_at").first()
    services.absence_declare(subscription=subscription, distribution=week1, by=other)

    entries = selectors.member_calendar(other)

    assert [entry.kind for entry in entries].count("basket") == 2
    assert [entry.kind for entry in entries].count("instalment") == 2
    assert [entry.on for entry in entries] == sorted(entry.on for entry in entries)
    assert any(entry.absent and entry.distribution == week1 for entry in entries)
    assert selectors.member_calendar(UserFactory()) == []


def test_coordinator_records_cheque_others_may_not():
    contract = make_contract()
    instalment = subscribe(contract).instalments.get()
    with pytest.raises(ContractError, match="coordinator"):
        services.instalment_record_payment(
            instalment=instalment, method="cheque", by=instalment.subscription.user
        )
    paid = services.instalment_record_payment(
        instalment=instalment, method="cheque", by=contract.coordinator
    )
    assert paid.paid_at is not None and paid.recorded_by == contract.coordinator
    with pytest.raises(ContractError, match="already paid"):
        services.instalment_record_payment(
            instalment=instalment, method="transfer", by=contract.coordinator
        )


def test_wallet_payment_goes_through_the_wallet_once():
    contract = make_contract(weeks=2)
    subscription = subscribe(contract, method="wallet")
    instalment = subscription.instalments.get()
    wallet_top_up_cash(
        user=subscription.user, amount=Decimal("100.00"), by=UserFactory(is_staff=True), key="t1"
    )
    services.instalment_record_payment(instalment=instalment, method="wallet", by=subscription.user)
    from shop.wallet.models import Transfer

    transfer = Transfer.objects.get(key=f"contract:{instalment.pk}")
    assert transfer is not None
    assert Instalment.objects.get(pk=instalment.pk).paid_at is not None


def test_wallet_payment_refused_when_the_balance_is_short_leaves_it_unpaid():
    contract = make_contract(weeks=2)
    subscription = subscribe(contract, method="wallet")
    instalment = subscription.instalments.get()
    with pytest.raises(Exception, match="not enough"):
        services.instalment_record_payment(
            instalment=instalment, method="wallet", by=subscription.user
        )
    assert Instalment.objects.get(pk=instalment.pk).paid_at is None


def test_renewal_gives_last_seasons_subscribers_priority():
    contract = make_contract(weeks=1)
    old = subscribe(contract)
    sharer = UserFactory()
    services.subscription_share(subscription=old, with_user=sharer)
    next_weeks = [make_distribution(starts_in=datetime.timedelta(days=60))]
    renewal = services.contract_renew(
        contract=contract,
        season_start=datetime.date.today() + datetime.timedelta(days=50),
        season_end=datetime.date.today() + datetime.timedelta(days=80),
        distributions=next_weeks,
        by=contract.coordinator,
    )
    assert renewal.status == ContractStatus.DRAFT and renewal.renewed_from == contract
    assert list(renewal.options.values_list("label", flat=True)) == [
        "Petit panier",
        "Grand panier",
    ]
    assert list(selectors.renewal_invited(renewal)) == [old]
    renewal = services.contract_publish(contract=renewal, by=contract.coordinator)

    with pytest.raises(ContractError, match="reserved"):
        subscribe(renewal)
    assert subscribe(renewal, old.user).status == SubscriptionStatus.ACTIVE
    assert subscribe(renewal, sharer).status == SubscriptionStatus.ACTIVE

    renewal.renewal_priority_until = timezone.now() - datetime.timedelta(minutes=1)
    renewal.save()
    assert subscribe(renewal).status == SubscriptionStatus.ACTIVE
