"""On real PostgreSQL: parallel payments from one balance never overspend it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.wallet import selectors, services
from shop.wallet.models import Transfer, TransferKind
from tests.cooperative.test_races import _run_together
from tests.factories import UserFactory

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def test_twenty_parallel_payments_from_a_balance_covering_three_make_exactly_three():
    member = UserFactory()
    services.wallet_top_up_cash(
        user=member, amount=Decimal("30.00"), by=UserFactory(is_staff=True), key="cash"
    )
    refused: list[Exception] = []

    def pay(index: int) -> None:
        try:
            services.wallet_pay(
                user=member, amount=Decimal("10.00"), key=f"order:{index}", reference=str(index)
            )
        except services.InsufficientBalance as error:
            refused.append(error)

    errors = _run_together([lambda i=i: pay(i) for i in range(20)])

    assert errors == []
    assert Transfer.objects.filter(kind=TransferKind.PAYMENT).count() == 3
    assert len(refused) == 17
    assert selectors.balance_of(member) == Decimal("0.00")
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}
