"""The card checkout against localstripe (a Stripe-compatible server): the test plays
the browser's part (Stripe's Payment Element confirms the PaymentIntent), the checkout
verifies the authorisation, places the order and captures it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import create_product, make_pickup_point
from tests.helpers.orders import place_order
from tests.helpers.stripe import CARD_DECLINED, CARD_OK, pay_with_card

from .helpers import add_to_basket, choose_payment, choose_pickup

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def card_checkout(member_client, stripe_on, settings):
    settings.STRIPE_CAPTURE_AT_CHECKOUT = True
    point = make_pickup_point()
    add_to_basket(member_client, create_product(price_excl_tax=Decimal("10.00")))
    choose_pickup(member_client, point)
    choose_payment(member_client, "card")
    response = member_client.get(reverse("checkout:payment-details"))
    assert response.status_code == 200
    return response.context["stripe_client_secret"].split("_secret_")[0]


def test_card_checkout_authorises_then_captures(member_client, card_checkout, stripe_client):
    assert pay_with_card(stripe_client, card_checkout, CARD_OK) == "requires_capture"
    assert member_client.get(reverse("checkout:preview")).status_code == 200
    response = place_order(member_client)
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "paid"
    source = order.sources.get()
    assert source.reference == card_checkout
    assert source.amount_debited == Decimal("10.55")
    assert stripe_client.v1.payment_intents.retrieve(card_checkout).status == "succeeded"


def test_declined_card_places_no_order(member_client, card_checkout, stripe_client):
    pay_with_card(stripe_client, card_checkout, CARD_DECLINED)
    response = place_order(member_client)
    assert response.status_code == 200
    assert not Order.objects.exists()
    assert response.context["error"]
