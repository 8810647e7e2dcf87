"""No oversell: the last units go to as many customers as there are units; the others
get a clear message, an updated basket, and no order (nor any charge)."""

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import UserFactory, create_product, make_pickup_point
from tests.helpers.concurrency import run_together
from tests.helpers.orders import place_order

from .helpers import walk_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


def _member_client(**kwargs) -> Client:
    client = Client()
    client.force_login(UserFactory(**kwargs))
    return client


def _skip_oscar_availability_check(monkeypatch):
    """Oscar checks availability (without a lock) when each checkout request starts;
    skipping it opens the race window between that check and the placement."""
    from shop.checkout.session import CheckoutSessionMixin

    monkeypatch.setattr(
        CheckoutSessionMixin, "check_basket_is_valid", lambda self, request: None, raising=False
    )


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.mark.django_db
def test_second_buyer_of_the_last_unit_gets_a_message_and_no_order():
    point = make_pickup_point()
    product = create_product(title="Picodon", num_in_stock=1)
    first, second = _member_client(), _member_client()
    walk_to_preview(first, product, point, method="pickup")
    walk_to_preview(second, product, point, method="pickup")

    assert place_order(first).url == reverse("checkout:thank-you")
    response = place_order(second)

    assert Order.objects.count() == 1
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (1, 1)
    # Oscar's own check sees the stock is gone before ours has to: back to the basket
    # with a message saying the product is no longer available.
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert any("Picodon" in message for message in _messages(response))
    assert len(mail.outbox) == 1


@pytest.mark.django_db
def test_stock_is_checked_again_under_the_lock_when_the_order_is_placed(monkeypatch):
    """The race Oscar's pre-conditions cannot see: stock sold between the check that
    opens the request and the placement itself. Our locked re-check catches it."""
    point = make_pickup_point()
    product = create_product(title="Picodon", num_in_stock=3)
    client = _member_client()
    walk_to_preview(client, product, point, method="pickup", quantity=3)
    basket = Basket.objects.get(status="Open")

    # Someone else's order allocates two units after this request passed Oscar's
    # availability check (the check is skipped here to open that window).
    _skip_oscar_availability_check(monkeypatch)
    product.stockrecords.get().allocate(2)
    response = place_order(client)

    assert not Order.objects.exists()
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    messages = _messages(response)
    assert len(messages) == 1
    assert "1" in messages[0] and "Picodon" in messages[0]
    # The basket is open again and holds what is left.
    basket.refresh_from_db()
    assert basket.status == "Open"
    assert [line.quantity for line in basket.all_lines()] == [1]
    assert product.stockrecords.get().num_allocated == 2
    assert mail.outbox == []


@pytest.mark.django_db
def test_a_sold_out_line_is_removed_from_the_basket(monkeypatch):
    point = make_pickup_point()
    product = create_product(title="Picodon", num_in_stock=1)
    client = _member_client()
    walk_to_preview(client, product, point, method="pickup")
    _skip_oscar_availability_check(monkeypatch)
    product.stockrecords.get().allocate(1)
    response = place_order(client)
    assert response.url == reverse("basket:summary")
    assert "Picodon" in _messages(response)[0]
    assert Basket.objects.get(status="Open").is_empty


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_checkouts_of_the_last_units_end_with_exactly_that_many_orders():
    """N customers reach the review page for the last K units, then all place their
    order at the same moment (threads, one database connection each)."""
    buyers, units = 6, 2
    point = make_pickup_point()
    product = create_product(title="Picodon", price_excl_tax=Decimal("4.00"), num_in_stock=units)
    clients = [_member_client() for _ in range(buyers)]
    for client in clients:
        walk_to_preview(client, product, point, method="transfer")
    outcomes = run_together([lambda client=client: place_order(client) for client in clients])
    responses = [o.value for o in outcomes]

    assert [o.error for o in outcomes] == [None] * buyers
    assert Order.objects.count() == units
    record = product.stockrecords.get()
    assert (record.num_in_stock, record.num_allocated) == (units, units)
    winners = [r for r in responses if r.url == reverse("checkout:thank-you")]
    losers = [r for r in responses if r.url == reverse("basket:summary")]
    assert (len(winners), len(losers)) == (units, buyers - units)
    for response in losers:
        assert any("Picodon" in message for message in _messages(response))
    # Each loser's basket is open again, with the product sold out removed.
    assert Basket.objects.filter(status="Open").count() == buyers - units
    assert all(basket.is_empty for basket in Basket.objects.filter(status="Open"))
    assert len(mail.outbox) == units
