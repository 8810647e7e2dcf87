"""The order's impact summary, on hand-computed values."""

import datetime
from decimal import Decimal

import pytest
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.checkout.impact_summary import order_impact_summary
from shop.impact.models import Criterion
from shop.shipping.models import OrderPickup
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    ProducerFactory,
    create_product,
    make_pickup_point,
)

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db

# 0.1° of latitude on the mean sphere: 6371.0088 km × π / 1800.
TENTH_OF_A_DEGREE_KM = Decimal("11.1195")


def _order(lines: list[tuple[object, Decimal]], point=None):
    """An order with one line per (product, line total incl. VAT), collected at point."""
    basket = Basket.objects.create()
    basket.strategy = Selector().strategy()
    for product, _total in lines:
        basket.add_product(product)
    order = create_order(basket=basket)
    for line, (_product, total) in zip(order.lines.order_by("pk"), lines, strict=True):
        line.line_price_incl_tax = total
        line.save(update_fields=["line_price_incl_tax"])
    if point is not None:
        OrderPickup.objects.create(order=order, point=point, day=datetime.date(2030, 1, 4))
    return order


@pytest.fixture
def share_criterion():
    # Created by the default charter migration; made again if a transactional test
    # emptied a reused test database.
    return CriterionFactory(
        code="part-producteur",
        value_type=Criterion.ValueType.PERCENTAGE,
        scope=Criterion.Scope.BOTH,
    )


def test_summary_on_hand_computed_values(share_criterion):
    point = make_pickup_point(latitude=45.0, longitude=5.0)
    scop = ProducerFactory(name="SCOP du Diois", legal_form="scop", latitude=45.0, longitude=5.0)
    farm = ProducerFactory(
        name="Ferme des Lavandes", legal_form="exploitation", latitude=45.1, longitude=5.0
    )
    association = ProducerFactory(
        name="Jardin d'insertion", legal_form="association", latitude=None, longitude=None
    )
    honey = create_product(title="Miel", producer=scop)
    cheese = create_product(title="Picodon", producer=farm)
    soup = create_product(title="Soupe", producer=association)
    # Producers' shares: the SCOP declares 90 % for all its products; the farm 60 % for
    # this product only; the association declares none.
    ClaimFactory(
        criterion=share_criterion, producer=scop, value_bool=None, value_number=Decimal("90")
    )
    ClaimFactory(
        criterion=share_criterion,
        producer=farm,
        product=cheese,
        value_bool=None,
        value_number=Decimal("60"),
    )
    order = _order(
        [(honey, Decimal("30.00")), (cheese, Decimal("10.00")), (soup, Decimal("20.00"))],
        point=point,
    )

    summary = order_impact_summary(order)

    assert summary.basket_total == Decimal("60.00")
    # SCOP 30 + association 20 of 60 → 83.3 %.
    assert summary.ess_total == Decimal("50.00")
    assert summary.ess_share == Decimal("83")
    # (0 km × 30 + 11.12 km × 10) / 40 (the association has no location) = 2.78 km.
    expected_km = (TENTH_OF_A_DEGREE_KM * 10 / 40).quantize(Decimal("0.1"))
    assert summary.average_distance_km == expected_km == Decimal("2.8")
    # (90 × 30 + 60 × 10) / 40 = 82.5 → 83 %, declared for 40 of 60 → 67 % of the basket.
    assert summary.producer_share == Decimal("83")
    assert summary.producer_share_coverage == Decimal("67")
    assert summary.producer_count == 3


def test_expired_and_not_applicable_shares_do_not_count(share_criterion):
    point = make_pickup_point()
    scop = ProducerFactory(name="SCOP", legal_form="scop")
    other = ProducerFactory(name="Autre", legal_form="autre")
    ClaimFactory(
        criterion=share_criterion,
        producer=scop,
        value_bool=None,
        value_number=Decimal("90"),
        valid_until=datetime.date.today() - datetime.timedelta(days=1),
    )
    ClaimFactory(criterion=share_criterion, producer=other, value_bool=None, not_applicable=True)
    order = _order(
        [
            (create_product(title="A", producer=scop), Decimal("10.00")),
            (create_product(title="B", producer=other), Decimal("30.00")),
        ],
        point=point,
    )
    summary = order_impact_summary(order)
    assert summary.producer_share is None
    assert summary.producer_share_coverage is None
    assert summary.ess_share == Decimal("25")


def test_distance_for_home_delivery_comes_from_the_postcode():
    from shop.checkout.forms import france
    from shop.geo import Point, haversine_km, locate_postcode

    ShippingAddress = get_model("order", "ShippingAddress")
    producer = ProducerFactory(name="SCOP", legal_form="scop", latitude=44.7537, longitude=5.3705)
    order = _order([(create_product(producer=producer), Decimal("10.00"))])
    assert order_impact_summary(order).average_distance_km is None  # nowhere to measure from

    order.shipping_address = ShippingAddress.objects.create(
        first_name="Camille",
        last_name="Martin",
        line1="3 place de la République",
        line4="Crest",
        postcode="26400",
        country=france(),
    )
    order.save()
    crest = locate_postcode("26400").point
    expected = Decimal(str(haversine_km(crest, Point(44.7537, 5.3705)))).quantize(Decimal("0.1"))
    assert order_impact_summary(order).average_distance_km == expected
