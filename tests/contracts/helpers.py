"""Builders for AMAP contracts: a published contract over N distributions, two sizes."""

import datetime
from decimal import Decimal

from shop.contracts import services
from shop.contracts.models import Contract, ContractOption
from tests.factories import ProducerFactory, UserFactory, make_distribution


def make_contract(*, weeks: int = 4, capacity: int = 10, max_absences: int = 2, publish=True):
    coordinator = UserFactory()
    distributions = [
        make_distribution(
            title=f"Semaine {week + 1}",
            starts_in=datetime.timedelta(days=7 * week + 10),
            closes_in=datetime.timedelta(days=7 * week + 9),
        )
        for week in range(weeks)
    ]
    contract = Contract.objects.create(
        producer=ProducerFactory(),
        coordinator=coordinator,
        title="Légumes de saison",
        season_start=datetime.date.today(),
        season_end=datetime.date.today() + datetime.timedelta(days=7 * weeks + 10),
        terms="Engagement pour la saison.",
        max_absences=max_absences,
        absence_deadline_days=2,
        capacity=capacity,
    )
    contract.distributions.set(distributions)
    ContractOption.objects.create(contract=contract, label="Petit panier", price=Decimal("12.50"))
    ContractOption.objects.create(
        contract=contract, label="Grand panier", price=Decimal("20.00"), position=1
    )
    if publish:
        contract = services.contract_publish(contract=contract, by=coordinator)
    return contract


def subscribe(contract, user=None, *, option=None, instalments=1, method="cheque"):
    return services.contract_subscribe(
        contract=contract,
        user=user or UserFactory(),
        option=option or contract.options.first(),
        terms_version=contract.terms_version,
        instalments=instalments,
        method=method,
    )
