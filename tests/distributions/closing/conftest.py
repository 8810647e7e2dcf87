"""A distribution whose ordering window has ended, with orders of two producers at two
pickup points (`closing_world`).

Prices (excl. tax, VAT 5.5 % rounded per unit): A-CONF 4.00 → 4.22, A-JUS 2.50 → 2.64,
B-MIEL 9.00 → 9.50.

    order    member  status           point  lines
    200001   Alice   paid             Crest  A-CONF x2, B-MIEL x1
    200002   Bruno   pending_payment  Crest  A-CONF x3, A-JUS x4
    200003   Chloé   cancelled        Crest  A-CONF x5
    200004   Alice   paid             Die    A-CONF x1
    300001   Denis   paid             Crest  A-CONF x7   (another distribution)
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

import pytest

from groupbuy.models import BuyingGroup, Membership
from shop.distributions.models import OrderDistribution
from tests.factories import ProducerFactory, UserFactory, make_distribution, producer_user
from tests.helpers.orders import place_order
from tests.producer_orders.orders import product_of

HOUR = datetime.timedelta(hours=1)


@dataclass
class ClosingWorld:
    a: object
    b: object
    user_a: object
    crest: object
    die: object
    distribution: object
    other: object
    coordinator: object
    staff: object
    products: dict = field(default_factory=dict)
    orders: dict = field(default_factory=dict)


def link(order, distribution, point):
    OrderDistribution.objects.create(order=order, distribution=distribution, pickup_point=point)
    return order


@pytest.fixture
def closing_world(db) -> ClosingWorld:
    from tests.factories import make_pickup_point

    a = ProducerFactory(name="Ferme des Abricots")
    b = ProducerFactory(name="Rucher du Vercors", email="rucher@example.org")
    user_a = producer_user(a)
    crest = make_pickup_point(name="Épicerie de Crest", slug="crest")
    die = make_pickup_point(name="Halle de Die", slug="die")
    products = {
        "A-CONF": product_of(a, title="Confiture d'abricot", sku="A-CONF", price="4.00"),
        "A-JUS": product_of(a, title="Jus de pomme", sku="A-JUS", price="2.50"),
        "B-MIEL": product_of(b, title="Miel de châtaignier", sku="B-MIEL", price="9.00"),
    }
    offers = dict.fromkeys(products.values(), 50)
    distribution = make_distribution(
        title="Vente du vendredi",
        offers=offers,
        points=[crest, die],
        opens_in=-48 * HOUR,
        closes_in=-HOUR,
        starts_in=24 * HOUR,
    )
    other = make_distribution(title="Vente suivante", offers=offers, points=[crest])
    customers = {name: UserFactory(first_name=name, last_name="Membre") for name in
                 ("Alice", "Bruno", "Chloé", "Denis")}  # fmt: skip
    p = products
    specs = [
        ("200001", "Alice", "paid", crest, distribution, [("A-CONF", 2), ("B-MIEL", 1)]),
        ("200002", "Bruno", "pending_payment", crest, distribution, [("A-CONF", 3), ("A-JUS", 4)]),
        ("200003", "Chloé", "cancelled", crest, distribution, [("A-CONF", 5)]),
        ("200004", "Alice", "paid", die, distribution, [("A-CONF", 1)]),
        ("300001", "Denis", "paid", crest, other, [("A-CONF", 7)]),
    ]
    orders = {}
    for number, name, status, point, dist, items in specs:
        order = place_order(
            number=number,
            user=customers[name],
            items=[(p[sku], qty) for sku, qty in items],
            status=status,
            point=point,
        )
        orders[number] = link(order, dist, point)
    group = BuyingGroup.objects.create(name="Groupe de Crest", slug="groupe-crest")
    group.pickup_points.add(crest)
    coordinator = UserFactory(email="coordination@example.org")
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    return ClosingWorld(
        a=a,
        b=b,
        user_a=user_a,
        crest=crest,
        die=die,
        distribution=distribution,
        other=other,
        coordinator=coordinator,
        staff=UserFactory(is_staff=True),
        products=products,
        orders=orders,
    )
