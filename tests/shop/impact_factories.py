"""Factories for the charter and claims (own codes, so they never clash with the default
charter loaded by migration)."""

import datetime
from decimal import Decimal

import factory
from django.utils import timezone

from shop.impact.models import Claim, Criterion, Dimension


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"test-dimension-{n}")
    name = factory.Sequence(lambda n: f"Dimension {n}")
    position = 90


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion
        django_get_or_create = ["code"]

    dimension = factory.SubFactory(DimensionFactory)
    code = factory.Sequence(lambda n: f"test-critere-{n}")
    name = factory.Sequence(lambda n: f"Critère {n}")
    value_type = Criterion.ValueType.YES_NO
    scope = Criterion.Scope.BOTH
    validity_months = 12


class ClaimFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Claim

    criterion = factory.SubFactory(CriterionFactory)
    value_bool = True
    valid_from = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=30))
    valid_until = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=300))


def expired(days: int = 1) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def percent(value: str) -> Decimal:
    return Decimal(value)
