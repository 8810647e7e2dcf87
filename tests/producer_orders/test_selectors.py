"""Reads of orders split by producer (figures in tests/producer_orders/orders.py)."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from oscar.core.loading import get_model
from oscar.test.factories import create_order

from shop.partner.strategy import FrenchRetail
from shop.producer_orders import selectors
from tests.producer_orders.orders import DAY

Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

JUNE_1, JUNE_5 = datetime.date(2025, 6, 1), datetime.date(2025, 6, 5)


def numbers(lines) -> list[str]:
    return [line.order.number for line in lines]


def test_lines_for_producer_returns_only_that_producers_lines(world):
    lines_a = list(selectors.lines_for_producer(world.a))
    assert {line.partner_sku for line in lines_a} == {"A-CONF", "A-JUS", "A-TAB"}
    assert all(line.partner_id == world.a.pk for line in lines_a)
    assert len(lines_a) == 9
    lines_b = list(selectors.lines_for_producer(world.b))
    assert {line.partner_sku for line in lines_b} == {"B-MIEL"}
    assert sorted(numbers(lines_b)) == ["100001", "100006", "100008"]


def test_lines_for_producer_filters(world):
    a = world.a
    # Newest order first.
    assert numbers(selectors.lines_for_producer(a))[0] == "100005"
    # Days in Paris time, both ends included: 100004 was placed on 5 June at 23:30.
    in_period = numbers(selectors.lines_for_producer(a, start=JUNE_5, end=JUNE_5))
    assert in_period == ["100004"]
    assert "100004" not in numbers(
        selectors.lines_for_producer(a, start=JUNE_1, end=datetime.date(2025, 6, 4))
    )
    assert set(numbers(selectors.lines_for_producer(a, statuses=["paid"]))) == {
        "100001",
        "100004",
        "100005",
        "100008",
    }
    assert "100003" not in numbers(
        selectors.lines_for_producer(a, exclude_statuses=["cancelled", "refunded"])
    )
    assert set(numbers(selectors.lines_for_producer(a, point=world.die))) == {"100004"}
    assert numbers(selectors.lines_for_producer(a, point=selectors.HOME_DELIVERY)) == ["100008"]
    assert set(numbers(selectors.lines_for_producer(a, point=world.crest, day=DAY))) == {
        "100001",
        "100002",
        "100003",
        "100006",
        "100007",
    }


def test_lines_for_producer_does_not_query_per_line(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        for line in selectors.lines_for_producer(world.a):
            _ = (line.order.number, line.order.pickup.point, line.product.title, line.partner)
            _ = selectors.customer_name(line.order)


def test_orders_split_by_producer(world, django_assert_num_queries):
    order = world.orders["100006"]
    with django_assert_num_queries(2):  # lines, their attributes (line.description)
        groups = selectors.orders_split_by_producer(order)
        summary = [
            (g.producer, [(line.partner_sku, line.description) for line in g.lines], g.subtotal)
            for g in groups
        ]
    assert summary == [
        (world.a, [("A-TAB", "Tablier en lin")], Decimal("24.00")),
        (world.b, [("B-MIEL", "Miel de châtaignier")], Decimal("19.00")),
    ]
    producer, _lines, subtotal = groups[1][:3]  # (producer, lines, subtotal) unpacks
    assert (producer, subtotal) == (world.b, Decimal("19.00"))
    assert groups[0].subtotal_excl_tax == Decimal("20.00")
    assert groups[0].name == "Ferme des Abricots"


def test_orders_split_by_producer_keeps_lines_of_a_deleted_producer(world):
    order = world.orders["100001"]
    world.b.delete()
    groups = selectors.orders_split_by_producer(order)
    assert [(g.producer, g.name) for g in groups] == [
        (world.a, "Ferme des Abricots"),
        (None, "Rucher du Vercors"),
    ]


def test_order_placed_through_oscar_is_split_by_the_stock_records_producer(world):
    """Oscar's own order placement copies each stock record's partner onto its line."""
    basket = Basket.objects.create(owner=world.customers["Alice"])
    basket.strategy = FrenchRetail()
    basket.add_product(world.products["A-JUS"], quantity=3)
    basket.add_product(world.products["B-MIEL"], quantity=1)
    order = create_order(number="400001", basket=basket, user=world.customers["Alice"])
    groups = selectors.orders_split_by_producer(order)
    assert [(g.producer, g.subtotal) for g in groups] == [
        (world.a, Decimal("7.92")),  # 3 x 2.64
        (world.b, Decimal("9.50")),
    ]
    assert order.currency == settings.OSCAR_DEFAULT_CURRENCY


def test_preparation_list_groups_per_product_for_one_point_and_day(world):
    rows = selectors.preparation_list(world.a, point=world.crest, day=DAY)
    summary = [
        (
            row.title,
            row.sku,
            row.quantity,
            [(c.order_number, c.customer_name, c.quantity) for c in row.customers],
        )
        for row in rows
    ]
    # 100003 (cancelled) and 100007 (refunded) are left out; 100004 is at Die,
    # 100005 another day, 100008 a home delivery; B's honey is not A's to prepare.
    assert summary == [
        (
            "Confiture d'abricot",
            "A-CONF",
            5,
            [("100001", "Alice Client", 2), ("100002", "Bruno Client", 3)],
        ),
        ("Jus de pomme", "A-JUS", 4, [("100002", "Bruno Client", 4)]),
        ("Tablier en lin", "A-TAB", 1, [("100006", "Denis Client", 1)]),
    ]
    assert rows[0].customers[0].start_time == datetime.time(17, 0)


def test_preparation_list_of_home_deliveries_and_of_the_other_producer(world):
    home = selectors.preparation_list(world.a, point=selectors.HOME_DELIVERY, day=DAY)
    assert [(row.sku, row.quantity) for row in home] == [("A-JUS", 1)]
    rows_b = selectors.preparation_list(world.b, point=world.crest, day=DAY)
    assert [(row.sku, row.quantity, len(row.customers)) for row in rows_b] == [("B-MIEL", 3, 2)]


def test_preparation_list_query_count_is_fixed(world, django_assert_num_queries):
    with django_assert_num_queries(1):
        selectors.preparation_list(world.a, point=world.crest, day=DAY)


def test_upcoming_preparations(world):
    slots = selectors.upcoming_preparations(world.a, since=DAY)
    # By day (within a day the order of the points depends on the database).
    assert [slot.day for slot in slots] == [DAY, DAY, DAY, DAY + datetime.timedelta(days=7)]
    assert {(s.point, s.day): s.num_orders for s in slots} == {
        (None, DAY): 1,
        (world.crest, DAY): 3,
        (world.die, DAY): 1,
        (world.crest, DAY + datetime.timedelta(days=7)): 1,
    }
    next_week = DAY + datetime.timedelta(days=7)
    later = selectors.upcoming_preparations(world.a, since=DAY + datetime.timedelta(days=1))
    assert later == [selectors.PreparationSlot(point=world.crest, day=next_week, num_orders=1)]


def test_sales_report_totals(world):
    report = selectors.sales_report(world.a, start=JUNE_1, end=JUNE_5)
    rows = [
        (r.sku, r.title, r.quantity, r.total_excl_tax, r.vat, r.total_incl_tax) for r in report.rows
    ]
    # Paid or later only: 100003 cancelled, 100006 awaiting payment, 100007 refunded
    # are not sales; 100005 was placed after the period. 100004 (5 June, 23:30) is in.
    assert rows == [
        ("A-CONF", "Confiture d'abricot", 6, Decimal("24.00"), Decimal("1.32"), Decimal("25.32")),
        ("A-JUS", "Jus de pomme", 5, Decimal("12.50"), Decimal("0.70"), Decimal("13.20")),
    ]
    total = report.total
    assert (total.quantity, total.total_excl_tax, total.vat, total.total_incl_tax) == (
        11,
        Decimal("36.50"),
        Decimal("2.02"),
        Decimal("38.52"),
    )


def test_sales_report_of_an_empty_period(world):
    report = selectors.sales_report(
        world.a, start=datetime.date(2024, 1, 1), end=datetime.date(2024, 1, 31)
    )
    assert report.rows == []
    assert (report.total.quantity, report.total.total_incl_tax) == (0, Decimal("0.00"))
