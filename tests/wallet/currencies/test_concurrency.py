"""On real PostgreSQL: parallel local-currency payments never overspend a balance."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.wallet import selectors as wallet_selectors
from shop.wallet.currencies import services
from shop.wallet.models import Transfer, TransferKind
from tests.cooperative.test_races import _run_together
from tests.factories import ProducerFactory, UserFactory

from .helpers import accept, credit, make_currency

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_ten_parallel_local_payments_from_a_balance_covering_two_make_exactly_two():
    sou = make_currency("SOU")
    producer, member = ProducerFactory(), UserFactory()
    accept(producer, sou)
    credit(member, sou, "20.00")
    refused: list[Exception] = []

    def pay(index: int) -> None:
        try:
            services.wallet_pay_local(
                user=member,
                currency="SOU",
                amount=Decimal("10.00"),
                producer_amounts={producer.pk: Decimal("10.00")},
                key=f"order:{index}:SOU",
                reference=str(index),
            )
        except services.LocalCurrencyError as error:
            refused.append(error)

    errors = _run_together([lambda i=i: pay(i) for i in range(10)])

    assert errors == []
    assert Transfer.objects.filter(kind=TransferKind.PAYMENT).count() == 2
    assert len(refused) == 8
    assert wallet_selectors.balance_of(member, "SOU") == Decimal("0.00")
    assert wallet_selectors.trial_balance() == {"SOU": Decimal("0.00")}
