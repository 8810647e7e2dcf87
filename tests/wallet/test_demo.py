"""The demo wallets: topped up by card, transfer and cash, one payment, an overdraft;
loading the demo twice writes nothing new and the ledger stays balanced."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.wallet import selectors
from shop.wallet.demo import load_wallet_demo
from shop.wallet.models import OverdraftChange, Transfer, TransferKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_demo_wallets_are_loaded_once():
    members = [UserFactory(email=f"demo{n}@exemple.org") for n in range(4)]
    UserFactory(email="coordination@exemple.org")
    UserFactory(email="admin@exemple.org", is_staff=True)
    options = {
        "member_emails": (*(m.email for m in members), "absent@exemple.org"),
        "cashier_email": "coordination@exemple.org",
        "staff_email": "admin@exemple.org",
    }
    assert load_wallet_demo(**options) == {"wallets": 4}
    load_wallet_demo(**options)

    assert [selectors.balance_of(m) for m in members] == [
        Decimal("46.60"),
        Decimal("62.15"),
        Decimal("30.00"),
        Decimal("15.00"),
    ]
    kinds = set(Transfer.objects.values_list("kind", flat=True))
    assert kinds == {
        TransferKind.TOP_UP_CARD,
        TransferKind.TOP_UP_TRANSFER,
        TransferKind.TOP_UP_CASH,
        TransferKind.PAYMENT,
    }
    assert Transfer.objects.count() == 7
    assert OverdraftChange.objects.count() == 1
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}
