"""The card checkout against localstripe (a Stripe-compatible server): the test plays
the browser's part (Stripe's Payment Element confirms the PaymentIntent), the checkout
verifies the authorisation, places the order and captures it."""

from decimal import Decimal

import pytest
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import create_product, make_pickup_point
from tests.helpers.orders import place_order
from tests.helpers.stripe import (
    CARD_3DS,
    CARD_3DS_ALWAYS,
    CARD_DECLINED,
    CARD_GENERIC_DECLINE,
    CARD_INSUFFICIENT_FUNDS,
    CARD_OK,
    pay_with_card,
)

from .helpers import add_to_basket, choose_payment, choose_pickup

Order = get_model("order", "Order")
Source = get_model("payment", "Source")
Transaction = get_model("payment", "Transaction")

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


# --- refused cards: a clear message, no order, nothing taken ---------------------------------

DECLINED = "Votre carte a été refusée. Veuillez essayer une autre carte"
NO_FUNDS = "Votre carte a été refusée : provision insuffisante."
CONFIRM = "Votre banque vous demande de confirmer ce paiement."


def _refused(member_client, stripe_client, payment_intent_id: str, expected: str):
    response = place_order(member_client)
    assert response.status_code == 200
    assert expected in response.content.decode()
    assert not Order.objects.exists()
    assert not Source.objects.exists()
    assert not Transaction.objects.exists()
    intent = stripe_client.v1.payment_intents.retrieve(payment_intent_id)
    assert intent.status != "succeeded"
    assert not intent.to_dict().get("amount_received")


@pytest.mark.parametrize(
    ("number", "status", "expected"),
    [
        (CARD_DECLINED, "requires_payment_method", DECLINED),
        (CARD_3DS, "requires_action", CONFIRM),
        (CARD_3DS_ALWAYS, "requires_action", CONFIRM),
    ],
    ids=["declined", "authentication-3155", "authentication-3184"],
)
def test_refused_card_on_localstripe(
    member_client, card_checkout, stripe_client, number, status, expected
):
    assert pay_with_card(stripe_client, card_checkout, number) == status
    _refused(member_client, stripe_client, card_checkout, expected)


@pytest.mark.parametrize(
    ("number", "expected"),
    [(CARD_GENERIC_DECLINE, DECLINED), (CARD_INSUFFICIENT_FUNDS, NO_FUNDS)],
    ids=["generic-decline-0002", "insufficient-funds-9995"],
)
def test_declined_test_cards_as_stripe_declines_them(
    member_client, card_checkout, fake_stripe, fake_stripe_client, number, expected
):
    assert pay_with_card(fake_stripe_client, card_checkout, number) == "requires_payment_method"
    _refused(member_client, fake_stripe_client, card_checkout, expected)


def test_member_pays_with_another_card_after_a_decline(
    member_client, card_checkout, fake_stripe, fake_stripe_client
):
    pay_with_card(fake_stripe_client, card_checkout, CARD_INSUFFICIENT_FUNDS)
    assert place_order(member_client).status_code == 200
    assert pay_with_card(fake_stripe_client, card_checkout, CARD_OK) == "requires_capture"
    assert place_order(member_client).url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert order.status == "paid"
    assert order.sources.get().amount_debited == Decimal("10.55")
