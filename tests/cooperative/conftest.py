"""The cooperative's fixtures: its rules (20 € a share, at least 1, 12 months before a
redemption), staff, and members made through the services."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import translation

from community.cooperative import services
from community.cooperative.models import College, PaymentMethod
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="tresorerie@example.org")


@pytest.fixture
def rules(staff):
    return services.rules_update(
        by=staff,
        share_value=Decimal("20.00"),
        minimum_shares=1,
        minimum_holding_months=12,
        note="statuts de 2024",
    )


@pytest.fixture
def consumers(db) -> College:
    return College.objects.get(code="consommateurs")


def make_member(staff, *, shares: int = 1, on: datetime.date | None = None, user=None):
    """A person admitted with `shares` paid on `on` (by transfer, recorded by staff)."""
    user = user or UserFactory()
    subscription = services.subscription_apply(
        user=user,
        shares=shares,
        method=PaymentMethod.TRANSFER,
        college=College.objects.get(code="consommateurs"),
    )
    services.subscription_record_payment(
        subscription=subscription,
        amount=subscription.amount,
        method=PaymentMethod.TRANSFER,
        by=staff,
        received_on=on,
    )
    return user.cooperative_member
