"""Delivery: pickup points as Oscar shipping methods, slots, home delivery and its
French address."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class

from shop.checkout.pickup import find_dated_slot
from shop.shipping.methods import HomeDeliveryMethod, PickupMethod
from shop.shipping.models import HomeDelivery
from tests.factories import create_product, make_pickup_point

from .helpers import add_to_basket, choose_pickup, tomorrow_key

Repository = get_class("shipping.repository", "Repository")

pytestmark = pytest.mark.django_db


@pytest.fixture
def basket_client(member_client):
    add_to_basket(member_client, create_product())
    return member_client


def _methods(basket):
    return Repository().get_shipping_methods(basket=basket)


def test_repository_offers_one_free_method_per_active_pickup_point(point):
    from oscar.test.factories import create_basket

    make_pickup_point(name="Closed", slug="closed", is_active=False)
    other = make_pickup_point(name="Tiers-lieu de Crest", slug="crest", city="Crest")
    basket = create_basket()
    methods = _methods(basket)
    by_code = {m.code: m for m in methods}
    assert set(by_code) == {point.shipping_code, other.shipping_code}
    assert all(isinstance(m, PickupMethod) for m in methods)
    die = by_code[point.shipping_code]
    assert die.name == "Épicerie coopérative de Die — Die"
    assert "12 rue Camille Buffardel" in die.description
    charge = die.calculate(basket)
    assert charge.incl_tax == Decimal("0.00") and charge.is_tax_known


def test_home_delivery_is_offered_at_its_flat_fee_incl_vat(point):
    from oscar.test.factories import create_basket

    HomeDelivery.objects.create(
        is_enabled=True, fee_incl_tax=Decimal("6.90"), vat_rate=Decimal("0.2000")
    )
    methods = _methods(create_basket())
    home = methods[-1]
    assert isinstance(home, HomeDeliveryMethod)
    charge = home.calculate(create_basket())
    assert charge.incl_tax == Decimal("6.90")
    assert charge.excl_tax == Decimal("5.75")  # 6.90 / 1.20
    assert charge.tax == Decimal("1.15")


def test_home_delivery_is_not_offered_when_disabled(point):
    from oscar.test.factories import create_basket

    HomeDelivery.objects.create(is_enabled=False)
    assert [m.code for m in _methods(create_basket())] == [point.shipping_code]


def test_delivery_page_lists_points_with_their_upcoming_slots(basket_client, point):
    response = basket_client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Épicerie coopérative de Die" in html
    assert "12 rue Camille Buffardel" in html
    assert tomorrow_key(point) in html
    assert "js.stripe.com" not in html


def test_checkout_starts_with_the_delivery_choice(basket_client, point):
    response = basket_client.get(reverse("checkout:index"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-method")


def test_choosing_a_point_and_slot_skips_the_address(basket_client, point):
    response = choose_pickup(basket_client, point)
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-method")
    data = basket_client.session["checkout_data"]["shipping"]
    assert data["method_code"] == point.shipping_code
    assert data["pickup_slot"] == tomorrow_key(point)
    # The address step is skipped for a pickup.
    response = basket_client.get(reverse("checkout:shipping-address"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-method")


def test_a_slot_in_the_past_is_refused(basket_client, point):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    slot = point.slots.get(weekday=yesterday.weekday())
    response = choose_pickup(basket_client, point, f"{slot.pk}:{yesterday.isoformat()}")
    assert response.status_code == 200
    assert f"slot_{point.pk}" in response.context["form"].errors
    assert "method_code" not in basket_client.session.get("checkout_data", {}).get("shipping", {})


def test_a_slot_of_another_point_is_refused(basket_client, point):
    other = make_pickup_point(name="Crest", slug="crest", city="Crest")
    response = choose_pickup(basket_client, point, tomorrow_key(other))
    assert response.status_code == 200
    assert f"slot_{point.pk}" in response.context["form"].errors


def test_a_pickup_needs_a_slot(basket_client, point):
    response = basket_client.post(
        reverse("checkout:shipping-method"), {"method": point.shipping_code}
    )
    assert response.status_code == 200
    assert response.context["form"].errors[f"slot_{point.pk}"]


def test_find_dated_slot_ignores_a_slot_that_has_started(point):
    today = timezone.localdate()
    slot = point.slots.get(weekday=today.weekday())
    key = f"{slot.pk}:{today.isoformat()}"
    after_opening = timezone.make_aware(datetime.datetime.combine(today, datetime.time(17, 30)))
    before_opening = timezone.make_aware(datetime.datetime.combine(today, datetime.time(9, 0)))
    assert find_dated_slot(point, key, now=after_opening) is None
    assert find_dated_slot(point, key, now=before_opening).day == today
    assert find_dated_slot(point, "garbage", now=before_opening) is None


@pytest.fixture
def home_delivery():
    return HomeDelivery.objects.create(is_enabled=True, fee_incl_tax=Decimal("6.90"))


def _address(**overrides):
    data = {
        "first_name": "Camille",
        "last_name": "Martin",
        "line1": "3 place de la République",
        "line2": "",
        "postcode": "26400",
        "line4": "Crest",
        "phone_number": "04 75 25 11 38",
        "notes": "",
    }
    data.update(overrides)
    return data


def test_home_delivery_asks_a_french_address(basket_client, point, home_delivery):
    response = basket_client.post(reverse("checkout:shipping-method"), {"method": "home-delivery"})
    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-address")
    response = basket_client.get(response.url)
    assert response.status_code == 200
    assert "country" not in response.context["form"].fields

    response = basket_client.post(reverse("checkout:shipping-address"), _address())
    assert response.status_code == 302, response.context["form"].errors
    assert response.url == reverse("checkout:payment-method")
    fields = basket_client.session["checkout_data"]["shipping"]["new_address_fields"]
    assert fields["postcode"] == "26400"
    assert fields["country_id"] == "FR"
    assert fields["phone_number"] == "+33 4 75 25 11 38"
    # The method chosen first is kept.
    assert basket_client.session["checkout_data"]["shipping"]["method_code"] == "home-delivery"


@pytest.mark.parametrize(
    ("postcode", "code"),
    [("2615", "invalid_postcode"), ("ABCDE", "invalid_postcode"), ("00000", "unknown_postcode")],
)
def test_a_bad_postcode_is_refused(basket_client, point, home_delivery, postcode, code):
    basket_client.post(reverse("checkout:shipping-method"), {"method": "home-delivery"})
    response = basket_client.post(reverse("checkout:shipping-address"), _address(postcode=postcode))
    assert response.status_code == 200
    assert response.context["form"].has_error("postcode", code)


def test_the_phone_number_is_optional(basket_client, point, home_delivery):
    basket_client.post(reverse("checkout:shipping-method"), {"method": "home-delivery"})
    response = basket_client.post(reverse("checkout:shipping-address"), _address(phone_number=""))
    assert response.status_code == 302


def test_payment_step_needs_an_address_for_home_delivery(basket_client, point, home_delivery):
    basket_client.post(reverse("checkout:shipping-method"), {"method": "home-delivery"})
    response = basket_client.get(reverse("checkout:payment-method"))
    assert response.status_code == 302
    assert response.url == reverse("checkout:shipping-address")


def test_no_delivery_option_sends_back_to_the_basket(basket_client):
    response = basket_client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    # The basket page itself works without any shipping method (Oscar's would fail).
    assert basket_client.get(response.url).status_code == 200


def test_basket_shows_free_collection_rather_than_one_point(basket_client, point):
    response = basket_client.get(reverse("basket:summary"))
    assert response.context["shipping_method"].code == "pickup-estimate"
    assert point.name not in response.content.decode()


def test_a_slot_chosen_without_ticking_its_point_means_that_point(basket_client, point):
    """Without script (or before it ran) the radio stays unticked: the slot tells."""
    response = basket_client.post(
        reverse("checkout:shipping-method"), {f"slot_{point.pk}": tomorrow_key(point)}
    )
    assert response.status_code == 302
    assert response.url == reverse("checkout:payment-method")
    assert basket_client.session["checkout_data"]["shipping"]["method_code"] == point.shipping_code
