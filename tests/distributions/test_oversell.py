"""No oversell of a distribution: of N members placing their order at the same moment
for an offer of K units, exactly K succeed; the others get the clear message."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from shop.distributions.models import DistributionOffer, OrderDistribution
from tests.factories import UserFactory, create_product, make_distribution, make_pickup_point
from tests.helpers.concurrency import run_together
from tests.helpers.orders import place_order

from .helpers import walk_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_orders_for_the_last_units_of_a_distribution():
    buyers, units = 6, 2
    point = make_pickup_point()
    # Plenty in the shop's stock: only the distribution's quantity is short.
    product = create_product(title="Picodon", price_excl_tax=Decimal("4.00"), num_in_stock=100)
    distribution = make_distribution(offers={product: units}, points=[point])
    other = make_distribution(offers={product: units}, points=[point])
    clients = []
    for _ in range(buyers):
        client = Client()
        client.force_login(UserFactory())
        walk_to_preview(client, distribution, product, point)
        clients.append(client)
    outcomes = run_together([lambda client=client: place_order(client) for client in clients])
    responses = [o.value for o in outcomes]

    assert [o.error for o in outcomes] == [None] * buyers
    assert Order.objects.count() == units
    assert OrderDistribution.objects.filter(distribution=distribution).count() == units
    offer = DistributionOffer.objects.get(distribution=distribution)
    assert (offer.quantity, offer.sold) == (units, units)
    assert DistributionOffer.objects.get(distribution=other).sold == 0
    winners = [r for r in responses if r.url == reverse("checkout:thank-you")]
    losers = [r for r in responses if r.url == reverse("basket:summary")]
    assert (len(winners), len(losers)) == (units, buyers - units)
    for response in losers:
        messages = [str(m) for m in get_messages(response.wsgi_request)]
        assert any("Picodon" in m and "épuisé" in m for m in messages)
    assert all(basket.is_empty for basket in Basket.objects.filter(status="Open"))
