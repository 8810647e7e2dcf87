"""The offline checkout end to end through the test client: basket → pickup point and
slot → payment method → review → order placed, with its pickup, payment record and a
French confirmation e-mail carrying the impact summary."""

from decimal import Decimal

import pytest
from django.core import mail
from django.urls import reverse
from oscar.core.loading import get_model

from shop.payments.offline import bank_transfer_reference
from shop.shipping.models import HomeDelivery, OrderPickup
from tests.factories import ProducerFactory, create_product
from tests.helpers.orders import place_order

from .helpers import add_to_basket, choose_payment, choose_pickup, tomorrow_key, walk_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def product():
    producer = ProducerFactory(name="SCOP Les Jardins du Diois", legal_form="scop")
    return create_product(
        title="Miel de lavande", price_excl_tax=Decimal("10.00"), producer=producer
    )


def _payment_codes(response):
    return [code for code, _label in response.context["form"].fields["method"].choices]


def test_offline_methods_only_without_stripe_keys(member_client, user, point, product, settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    response = member_client.get(reverse("checkout:payment-method"))
    assert response.status_code == 200
    assert _payment_codes(response) == ["pickup", "transfer"]
    html = response.content.decode()
    assert "Paiement au retrait" in html or "Pay at pickup" in html
    assert "js.stripe.com" not in html
    # The transfer option shows the reference the order will get.
    basket = Basket.objects.get(owner=user, status="Open")
    assert bank_transfer_reference(str(100000 + basket.pk)) in html


def test_card_is_offered_when_stripe_is_configured(member_client, point, product, settings):
    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    response = member_client.get(reverse("checkout:payment-method"))
    assert _payment_codes(response) == ["card", "pickup", "transfer"]
    # Stripe.js is not loaded before the card step.
    assert "js.stripe.com" not in response.content.decode()


def test_card_cannot_be_chosen_without_stripe(member_client, point, product, settings):
    settings.STRIPE_SECRET_KEY = ""
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    response = choose_payment(member_client, "card")
    assert response.status_code == 200
    assert response.context["form"].errors["method"]


def test_payment_needs_a_delivery_choice_first(member_client, point, product):
    add_to_basket(member_client, product)
    response = member_client.get(reverse("checkout:payment-method"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-method")


def test_review_needs_a_payment_method(member_client, point, product):
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    response = member_client.get(reverse("checkout:preview"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-method")


def test_offline_payment_details_step_is_skipped(member_client, point, product):
    add_to_basket(member_client, product)
    choose_pickup(member_client, point)
    choose_payment(member_client, "pickup")
    response = member_client.get(reverse("checkout:payment-details"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:preview")


def test_review_shows_pickup_and_payment(member_client, point, product):
    response = walk_to_preview(member_client, product, point, method="transfer")
    html = response.content.decode()
    assert "Épicerie coopérative de Die" in html
    assert response.context["pickup_slot"].key == tomorrow_key(point)
    assert response.context["payment_method_code"] == "transfer"
    assert response.context["transfer_reference"].startswith("PC-")
    assert "js.stripe.com" not in html


def test_bank_transfer_checkout_end_to_end(member_client, user, point, product):
    walk_to_preview(member_client, product, point, method="transfer", quantity=2)
    response = place_order(member_client)
    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")

    order = Order.objects.get()
    assert order.user == user
    assert order.status == "pending_payment"
    assert order.shipping_code == point.shipping_code
    assert order.shipping_address is None
    assert order.total_incl_tax == Decimal("21.10")  # 2 × 10.55, pickup is free
    pickup = OrderPickup.objects.get(order=order)
    assert pickup.point == point
    assert pickup.day.isoformat() == tomorrow_key(point).split(":")[1]
    assert (pickup.start_time.hour, pickup.end_time.hour) == (17, 19)
    source = order.sources.get()
    reference = bank_transfer_reference(order.number)
    assert source.reference == reference
    assert source.amount_allocated == order.total_incl_tax
    # Stock: two units allocated.
    record = product.stockrecords.get()
    assert record.num_allocated == 2

    # One confirmation e-mail, in French, with pickup, reference and impact summary.
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [user.email]
    assert message.subject == f"Confirmation de la commande {order.number}"
    body = message.body
    assert "Bonjour," in body
    assert "Épicerie coopérative de Die" in body
    assert reference in body
    assert "100 %" in body  # the whole basket comes from a SCOP
    html = message.alternatives[0][0]
    assert reference in html and "Épicerie coopérative de Die" in html

    # The thank-you page shows the number, the pickup and the reference.
    response = member_client.get(reverse("checkout:thank-you"))
    page = response.content.decode()
    assert order.number in page
    assert reference in page
    assert "Épicerie coopérative de Die" in page

    # And the basket is empty again.
    response = member_client.get(reverse("basket:summary"))
    assert response.context["basket"].is_empty


def test_pay_at_pickup_checkout(member_client, point, product):
    walk_to_preview(member_client, product, point, method="pickup")
    place_order(member_client)
    order = Order.objects.get()
    assert order.status == "pending_payment"
    assert order.sources.get().source_type.code == "paiement-au-retrait"
    assert len(mail.outbox) == 1
    assert "PC-" not in mail.outbox[0].body


def test_email_follows_the_customers_language(member_client, point, product, settings):
    member_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    walk_to_preview(member_client, product, point, method="transfer")
    place_order(member_client)
    order = Order.objects.get()
    assert mail.outbox[0].subject == f"Confirmation of order {order.number}"
    assert "Hello," in mail.outbox[0].body


def test_home_delivery_checkout_end_to_end(member_client, user, point, product):
    HomeDelivery.objects.create(is_enabled=True, fee_incl_tax=Decimal("6.90"))
    add_to_basket(member_client, product)
    member_client.post(reverse("checkout:shipping-method"), {"method": "home-delivery"})
    response = member_client.post(
        reverse("checkout:shipping-address"),
        {
            "first_name": "Camille",
            "last_name": "Martin",
            "line1": "3 place de la République",
            "postcode": "26400",
            "line4": "Crest",
            "phone_number": "",
            "notes": "Sonner deux fois",
        },
    )
    assert response.status_code == 302
    choose_payment(member_client, "pickup")
    response = member_client.get(reverse("checkout:preview"))
    assert response.status_code == 200
    assert "3 place de la République" in response.content.decode()
    place_order(member_client)
    order = Order.objects.get()
    assert order.shipping_incl_tax == Decimal("6.90")
    assert order.shipping_excl_tax == Decimal("5.75")
    assert order.total_incl_tax == Decimal("10.55") + Decimal("6.90")
    assert order.shipping_address.postcode == "26400"
    assert order.shipping_address.country.iso_3166_1_a2 == "FR"
    assert OrderPickup.objects.get(order=order).point is None
    # The address is kept in the member's address book for next time.
    assert user.addresses.get().postcode == "26400"


def test_a_slot_that_passed_before_the_order_is_placed_sends_back(member_client, point, product):
    walk_to_preview(member_client, product, point, method="pickup")
    # The slot disappears (e.g. staff removed it) before the order is placed.
    point.slots.all().delete()
    response = place_order(member_client)
    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-method")
    assert not Order.objects.exists()


def test_order_placed_receivers_see_the_pickup(member_client, point, product):
    from oscar.apps.order.signals import order_placed

    seen = []

    def receiver(sender, order, **kwargs):
        seen.append(OrderPickup.objects.get(order=order).point_id)

    order_placed.connect(receiver)
    try:
        walk_to_preview(member_client, product, point, method="pickup")
        place_order(member_client)
    finally:
        order_placed.disconnect(receiver)
    assert seen == [point.pk]
