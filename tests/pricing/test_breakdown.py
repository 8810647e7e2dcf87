"""Where each euro goes (#13 point 6): the breakdown is computed from data and its four
lines sum exactly to the price TTC, for many prices, rates and fees; the most specific
commission rate wins; fees apply by scope."""

from __future__ import annotations

import random
from decimal import ROUND_HALF_UP, Decimal

import pytest
from django.test import override_settings

from shop.pricing import selectors, services
from shop.pricing.breakdown import CENT, split_price
from shop.pricing.models import CommissionRate, LogisticsFee
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory


def vat_of(excl_tax: Decimal, rate: Decimal) -> Decimal:
    return (excl_tax * rate).quantize(CENT, rounding=ROUND_HALF_UP)


def test_the_example_of_the_issue():
    # 10.00 € HT at 20 %: 12.00 € TTC; 15 % commission, 0.30 € per unit of transport.
    b = split_price(
        excl_tax=Decimal("10.00"),
        tax=Decimal("2.00"),
        commission_percent=Decimal("15"),
        fee_per_unit=Decimal("0.30"),
    )
    assert (b.producer, b.commission, b.logistics, b.vat) == (
        Decimal("8.20"),
        Decimal("1.50"),
        Decimal("0.30"),
        Decimal("2.00"),
    )
    assert b.total == Decimal("12.00")
    assert b.producer_percent == Decimal("68.3")


def test_components_sum_exactly_to_the_price_including_tax_for_many_cases():
    rng = random.Random(13)
    vat_rates = [Decimal("0.0550"), Decimal("0.1000"), Decimal("0.2000"), Decimal("0.0210")]
    for _ in range(5000):
        excl_tax = Decimal(rng.randint(1, 100_000)) / 100
        rate = rng.choice(vat_rates)
        tax = vat_of(excl_tax, rate)
        b = split_price(
            excl_tax=excl_tax,
            tax=tax,
            commission_percent=Decimal(rng.randint(0, 10_000)) / 100,
            fee_per_unit=Decimal(rng.randint(0, 500)) / 100,
            fee_percent=Decimal(rng.randint(0, 3_000)) / 100,
        )
        assert b.producer + b.commission + b.logistics + b.vat == excl_tax + tax
        assert b.total == excl_tax + tax
        for part in (b.producer, b.commission, b.logistics, b.vat):
            assert part >= 0
            assert part == part.quantize(CENT)  # whole cents, no fraction lost


def test_the_producer_takes_the_rounding_remainder():
    # 0.07 × 15 % = 0.0105 → 0.01; 0.07 × 3.33 % = 0.0023 → 0.00: the producer gets 0.06.
    b = split_price(
        excl_tax=Decimal("0.07"),
        tax=Decimal("0.00"),
        commission_percent=Decimal("15"),
        fee_percent=Decimal("3.33"),
    )
    assert (b.producer, b.commission, b.logistics) == (
        Decimal("0.06"),
        Decimal("0.01"),
        Decimal("0.00"),
    )


def test_fees_never_take_more_than_the_price():
    b = split_price(
        excl_tax=Decimal("1.00"),
        tax=Decimal("0.06"),
        commission_percent=Decimal("90"),
        fee_per_unit=Decimal("0.50"),
    )
    assert (b.producer, b.commission, b.logistics, b.total) == (
        Decimal("0.00"),
        Decimal("0.90"),
        Decimal("0.10"),
        Decimal("1.06"),
    )


def test_a_breakdown_times_a_quantity_still_sums_to_the_line_total():
    b = split_price(
        excl_tax=Decimal("3.33"), tax=Decimal("0.18"), commission_percent=Decimal("12.5")
    )
    assert b.times(7).total == Decimal("3.51") * 7
    assert (b + b).total == Decimal("7.02")


@pytest.mark.django_db
@override_settings(PRICING_DEFAULT_COMMISSION_PERCENT=Decimal("15"))
def test_the_most_specific_commission_rate_wins():
    staff = UserFactory(is_staff=True)
    farm, other = ProducerFactory(), ProducerFactory()
    food = ProductClassFactory(name="Alimentaire")
    crafts = ProductClassFactory(name="Artisanat", vat_rate=Decimal("0.2000"))
    services.commission_rate_save(product_class=food, percent=Decimal("10"), by=staff)
    services.commission_rate_save(partner=farm, percent=Decimal("8"), by=staff)
    services.commission_rate_save(
        partner=farm, product_class=food, percent=Decimal("5"), by=staff, note="AMAP farm"
    )
    rates = selectors.pricing_rates()

    def percent(partner, product_class):
        return rates.commission_percent(partner_id=partner.pk, class_id=product_class.pk)

    assert percent(farm, food) == Decimal("5")  # producer and class
    assert percent(farm, crafts) == Decimal("8")  # producer
    assert percent(other, food) == Decimal("10")  # class
    assert percent(other, crafts) == Decimal("15")  # the default setting
    assert CommissionRate.objects.count() == 3


@pytest.mark.django_db
def test_a_second_rate_for_the_same_scope_is_refused():
    from django.core.exceptions import ValidationError

    staff = UserFactory(is_staff=True)
    farm = ProducerFactory()
    services.commission_rate_save(partner=farm, percent=Decimal("8"), by=staff)
    with pytest.raises(ValidationError):
        services.commission_rate_save(partner=farm, percent=Decimal("9"), by=staff)
    with pytest.raises(ValidationError):
        services.commission_rate_save(percent=Decimal("9"), by=staff)  # no scope
    assert CommissionRate.objects.get().percent == Decimal("8")


@pytest.mark.django_db
def test_fees_apply_by_scope_and_only_when_active():
    staff = UserFactory(is_staff=True)
    farm, other = ProducerFactory(), ProducerFactory()
    food = ProductClassFactory(name="Alimentaire")
    fees = [
        LogisticsFee(label="Transport", kind="per_unit", amount=Decimal("0.30"), scope="all"),
        LogisticsFee(
            label="Froid", kind="percent", amount=Decimal("2"), scope="producer", partner=farm
        ),
        LogisticsFee(
            label="Emballage",
            kind="per_unit",
            amount=Decimal("0.10"),
            scope="product_class",
            product_class=food,
        ),
        LogisticsFee(
            label="Ancien", kind="per_unit", amount=Decimal("9"), scope="all", is_active=False
        ),
    ]
    for fee in fees:
        services.logistics_fee_save(fee=fee, by=staff)
    rates = selectors.pricing_rates()
    labels = {f.label for f in rates.fees_for(partner_id=farm.pk, class_id=food.pk)}
    assert labels == {"Transport", "Froid", "Emballage"}
    assert {f.label for f in rates.fees_for(partner_id=other.pk, class_id=None)} == {"Transport"}
    b = rates.breakdown(
        excl_tax=Decimal("10.00"), tax=Decimal("0.55"), partner_id=farm.pk, class_id=food.pk
    )
    assert b.logistics == Decimal("0.60")  # 0.30 + 2 % of 10.00 + 0.10
    assert b.total == Decimal("10.55")
