"""Orders with lines of two producers, A and B, collected at pickup points (`world`).

Hand-computed figures used by the tests (prices excl. tax, VAT rounded per unit):

    A-CONF  Confiture d'abricot  4.00 HT  5.5 %  -> 4.22 TTC
    A-JUS   Jus de pomme         2.50 HT  5.5 %  -> 2.64 TTC
    A-TAB   Tablier en lin      20.00 HT  20 %   -> 24.00 TTC
    B-MIEL  Miel de châtaignier  9.00 HT  5.5 %  -> 9.50 TTC

    order    customer  status           pickup          placed (Paris)     lines
    100001   Alice     paid             Crest, day D    2025-06-01 10:00   A-CONF x2, B-MIEL x1
    100002   Bruno     preparing        Crest, day D    2025-06-02 10:00   A-CONF x3, A-JUS x4
    100003   Chloé     cancelled        Crest, day D    2025-06-02 11:00   A-CONF x5
    100004   Alice     paid             Die, day D      2025-06-05 23:30   A-CONF x1
    100005   Bruno     paid             Crest, D + 7    2025-06-10 09:00   A-JUS x1
    100006   Denis     pending_payment  Crest, day D    2025-06-03 10:00   A-TAB x1, B-MIEL x2
    100007   Chloé     refunded         Crest, day D    2025-06-03 12:00   A-JUS x2
    100008   Bruno     paid             home, day D     2025-06-04 10:00   A-JUS x1, B-MIEL x1
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

import pytest
from django.utils import timezone

from shop.shipping.models import PickupPoint
from tests.factories import ProducerFactory, UserFactory, create_product, producer_user
from tests.helpers.orders import PICKUP_DAY, place_order

DAY = PICKUP_DAY  # the pickup day of the orders, unless told otherwise


def placed_at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def product_of(producer, *, title: str, sku: str, price: str, vat: str = "0.0550"):
    product = create_product(
        title=title, price_excl_tax=Decimal(price), vat_rate=Decimal(vat), producer=producer
    )
    product.stockrecords.update(partner_sku=sku)
    return product


@dataclass
class World:
    a: object
    b: object
    user_a: object
    user_b: object
    crest: PickupPoint
    die: PickupPoint
    products: dict = field(default_factory=dict)
    customers: dict = field(default_factory=dict)
    orders: dict = field(default_factory=dict)


@pytest.fixture
def world(db) -> World:
    a = ProducerFactory(name="Ferme des Abricots")
    b = ProducerFactory(name="Rucher du Vercors")
    crest = PickupPoint.objects.create(
        name="Épicerie de Crest",
        slug="crest",
        address_line="12 rue de la Tour",
        postcode="26400",
        city="Crest",
    )
    die = PickupPoint.objects.create(
        name="Halle de Die",
        slug="die",
        address_line="Place du Marché",
        postcode="26150",
        city="Die",
    )
    w = World(a=a, b=b, user_a=producer_user(a), user_b=producer_user(b), crest=crest, die=die)
    w.products = {
        "A-CONF": product_of(a, title="Confiture d'abricot", sku="A-CONF", price="4.00"),
        "A-JUS": product_of(a, title="Jus de pomme", sku="A-JUS", price="2.50"),
        "A-TAB": product_of(a, title="Tablier en lin", sku="A-TAB", price="20.00", vat="0.2000"),
        "B-MIEL": product_of(b, title="Miel de châtaignier", sku="B-MIEL", price="9.00"),
    }
    w.customers = {
        name: UserFactory(first_name=name, last_name="Client")
        for name in ("Alice", "Bruno", "Chloé", "Denis")
    }
    p, c = w.products, w.customers
    june = lambda d, h, m=0: placed_at(datetime.date(2025, 6, d), h, m)  # noqa: E731
    specs = [
        ("100001", "Alice", "paid", crest, DAY, june(1, 10), [("A-CONF", 2), ("B-MIEL", 1)]),
        ("100002", "Bruno", "preparing", crest, DAY, june(2, 10), [("A-CONF", 3), ("A-JUS", 4)]),
        ("100003", "Chloé", "cancelled", crest, DAY, june(2, 11), [("A-CONF", 5)]),
        ("100004", "Alice", "paid", die, DAY, june(5, 23, 30), [("A-CONF", 1)]),
        ("100005", "Bruno", "paid", crest, DAY + datetime.timedelta(days=7), june(10, 9),
         [("A-JUS", 1)]),
        ("100006", "Denis", "pending_payment", crest, DAY, june(3, 10),
         [("A-TAB", 1), ("B-MIEL", 2)]),
        ("100007", "Chloé", "refunded", crest, DAY, june(3, 12), [("A-JUS", 2)]),
        ("100008", "Bruno", "paid", None, DAY, june(4, 10), [("A-JUS", 1), ("B-MIEL", 1)]),
    ]  # fmt: skip
    for number, customer, status, point, day, when, items in specs:
        w.orders[number] = place_order(
            number=number,
            user=c[customer],
            items=[(p[sku], qty) for sku, qty in items],
            status=status,
            point=point,
            day=day,
            date_placed=when,
        )
    return w


B_STRINGS = ("B-MIEL", "Miel de châtaignier", "Rucher du Vercors")
