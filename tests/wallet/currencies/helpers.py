"""Builders shared by the local-currency tests."""

from __future__ import annotations

from decimal import Decimal

from shop.wallet.currencies import services
from shop.wallet.currencies.models import LocalCurrency, ProducerAcceptance
from tests.factories import UserFactory


def make_currency(code: str = "MLC-TEST", **kwargs) -> LocalCurrency:
    defaults = {"name": f"Monnaie {code}", "symbol": "Mt", "operator_name": "Association"}
    defaults.update(kwargs)
    return LocalCurrency.objects.create(code=code, **defaults)


def accept(partner, currency: LocalCurrency, active: bool = True) -> ProducerAcceptance:
    return ProducerAcceptance.objects.create(partner=partner, currency=currency, active=active)


def credit(user, currency: LocalCurrency, amount: str, key: str | None = None):
    return services.currency_credit_at_desk(
        user=user,
        currency=currency.code,
        amount=Decimal(amount),
        by=UserFactory(is_staff=True),
        place="Comptoir de Crest",
        key=key or f"desk:{user.pk}:{currency.code}:{amount}",
    )
