"""The customer's order page groups the lines by producer."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import create_product
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db


def order_page(client, order):
    client.force_login(order.user)
    response = client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert response.status_code == 200
    return response.content.decode()


def test_lines_are_grouped_by_producer_with_a_subtotal_each(client, world):
    content = order_page(client, world.orders["100001"])
    positions = [
        content.index("Ferme des Abricots"),
        content.index("Confiture d"),
        content.index("Rucher du Vercors"),
        content.index("Miel de châtaignier"),
    ]
    assert positions == sorted(positions)
    assert content.count('class="order-producer-subtotal"') == 2
    assert content.count('class="order-producer-group"') == 2
    # The pickup point replaces the (empty) shipping address.
    assert "Épicerie de Crest" in content and "12 rue de la Tour" in content


def test_order_page_queries_do_not_grow_with_the_lines(client, world):
    def count(order) -> int:
        client.force_login(order.user)
        path = reverse("customer:order", kwargs={"order_number": order.number})
        with CaptureQueriesContext(connection) as queries:
            assert client.get(path).status_code == 200
        return len(queries)

    customer = world.customers["Alice"]
    products = [
        create_product(title=f"Produit {i}", producer=world.a if i % 2 else world.b)
        for i in range(8)
    ]
    small = place_order(
        number="300001",
        user=customer,
        items=[(p, 1) for p in products[:2]],
        status="paid",
        point=world.crest,
    )
    large = place_order(
        number="300002",
        user=customer,
        items=[(p, 2) for p in products],
        status="paid",
        point=world.crest,
    )
    count(small)  # the first visit creates the member's basket
    assert count(small) == count(large)
