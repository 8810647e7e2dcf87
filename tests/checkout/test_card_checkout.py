"""The card path, with shop.payments' services replaced by fakes (the payments layer has
its own tests against localstripe): Stripe.js on the card step only, the authorisation
verified before the order is placed and captured after, released when stock ran out."""

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_model

from tests.factories import create_product
from tests.fakes.stripe import FakeStripe
from tests.helpers.orders import place_order

from .helpers import add_to_basket, choose_payment, choose_pickup

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")

pytestmark = pytest.mark.django_db

STRIPE_JS = "http://localhost:8420/js.stripe.com/v3/"


@pytest.fixture
def stripe(settings, monkeypatch):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    settings.STRIPE_JS_URL = STRIPE_JS
    return FakeStripe.services(monkeypatch)


@pytest.fixture
def product():
    return create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))


def _to_card_step(client, product, point):
    add_to_basket(client, product)
    choose_pickup(client, point)
    response = choose_payment(client, "card")
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-details")
    return client.get(response.url)


def test_card_step_mounts_the_payment_element(member_client, user, stripe, point, product):
    response = _to_card_step(member_client, product, point)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'<script src="{STRIPE_JS}"></script>' in html
    assert 'data-client-secret="pi_123_secret_abc"' in html
    assert 'data-publishable-key="pk_test_123"' in html
    assert "js/card-payment.js" in html  # mounts the Payment Element, redirect if required
    script = (settings.BASE_DIR / "config" / "static" / "js" / "card-payment.js").read_text()
    assert 'redirect: "if_required"' in script
    basket = Basket.objects.get(owner=user, status="Open")
    assert stripe.prepared == [(str(100000 + basket.pk), Decimal("10.55"), "EUR", user.email)]


def test_stripe_js_is_loaded_on_the_card_step_only(member_client, stripe, point, product):
    _to_card_step(member_client, product, point)
    for name in ("checkout:shipping-method", "checkout:payment-method", "checkout:preview"):
        html = member_client.get(reverse(name)).content.decode()
        assert STRIPE_JS not in html and "js.stripe.com" not in html.replace(STRIPE_JS, ""), name


def test_card_order_is_verified_then_recorded(member_client, stripe, point, product):
    _to_card_step(member_client, product, point)
    assert member_client.get(reverse("checkout:preview")).status_code == 200
    response = place_order(member_client)
    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    assert stripe.verified == [("pi_123", order.number, Decimal("10.55"))]
    assert stripe.completed == [(order.number, "pi_123")]
    assert stripe.released == []


def test_a_refused_authorisation_places_no_order(member_client, stripe, point, product):
    _to_card_step(member_client, product, point)
    stripe.refuse = "Your card was declined."
    response = place_order(member_client)
    assert response.status_code == 200
    assert "Your card was declined." in response.content.decode()
    assert not Order.objects.exists()
    assert Basket.objects.get(status="Open").num_items == 1


def test_review_needs_the_card_step_first(member_client, stripe, point, product):
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    choose_payment(member_client, "card")
    response = member_client.get(reverse("checkout:preview"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-details")


def test_card_authorisation_is_released_when_stock_ran_out(
    member_client, stripe, point, product, monkeypatch
):
    _to_card_step(member_client, product, point)
    from shop.checkout.session import CheckoutSessionMixin

    monkeypatch.setattr(
        CheckoutSessionMixin, "check_basket_is_valid", lambda self, request: None, raising=False
    )
    product.stockrecords.get().allocate(10)  # sold out meanwhile
    response = place_order(member_client)
    assert response.url == reverse("basket:summary")
    assert not Order.objects.exists()
    assert stripe.released == ["pi_123"]
    assert stripe.completed == []
    assert "card" not in member_client.session["checkout_data"]["payment"]
