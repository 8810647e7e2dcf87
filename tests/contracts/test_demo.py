"""The demo AMAP contract: 20 weeks, two sizes, subscribers, a shared basket, absences;
loading twice changes nothing."""

import pytest

from shop.contracts.demo import WEEKS, load_contracts_demo
from shop.contracts.models import Absence, Contract, ContractStatus, ContractSubscription
from tests.factories import ProducerFactory, UserFactory, make_pickup_point

pytestmark = pytest.mark.django_db


def test_demo_contract_is_published_with_subscribers_and_idempotent():
    ProducerFactory(charter_status="membre")
    coordinator = UserFactory()
    members = [UserFactory() for _ in range(5)]
    kwargs = {
        "coordinator_email": coordinator.email,
        "member_emails": [member.email for member in members],
        "pickup_points": [make_pickup_point()],
    }
    load_contracts_demo(**kwargs)
    load_contracts_demo(**kwargs)

    contract = Contract.objects.get()
    assert contract.status == ContractStatus.PUBLISHED
    assert contract.distributions.count() == WEEKS
    assert contract.options.count() == 2
    assert ContractSubscription.objects.count() == 4
    assert ContractSubscription.objects.filter(partner_user__isnull=False).count() == 1
    assert Absence.objects.exists()


def test_demo_contract_uses_the_shop_fridays_and_opens_no_earlier_distribution():
    from shop.distributions.demo import load_distributions_demo
    from shop.distributions.selectors import open_distributions

    ProducerFactory(charter_status="membre")
    point = make_pickup_point()
    shop_fridays = load_distributions_demo(pickup_points=[point])
    load_contracts_demo(
        coordinator_email=UserFactory().email, member_emails=[], pickup_points=[point]
    )
    contract = Contract.objects.get()
    assert set(shop_fridays) <= set(contract.distributions.all())
    assert list(open_distributions()) == shop_fridays
