"""The shop with distributions open: choice, catalogue, basket, checkout, closing."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.distributions.models import BasketDistribution, DistributionOffer, OrderDistribution
from shop.shipping.models import OrderPickup
from tests.checkout.helpers import add_to_basket
from tests.factories import UserFactory, create_product, make_distribution, make_pickup_point
from tests.helpers.orders import place_order

from .helpers import choose, walk_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def member_client():
    client = Client()
    client.force_login(UserFactory())
    return client


@pytest.mark.django_db
def test_without_distributions_the_catalogue_shows_every_product(client):
    create_product(title="Carottes")
    create_product(title="Navets")
    response = client.get(reverse("catalogue:index"))
    assert response.context["paginator"].count == 2
    assert "distribution-banner" not in response.content.decode()


@pytest.mark.django_db
def test_choice_page_lists_open_distributions_with_dates_points_and_deadline(client):
    distribution = make_distribution(title="Vente du vendredi")
    make_distribution(title="Brouillon", status="draft")
    response = client.get(reverse("distributions:choose"))
    page = response.content.decode()
    assert "Vente du vendredi" in page and "Brouillon" not in page
    assert distribution.pickup_points.get().name in page


@pytest.mark.django_db
def test_catalogue_shows_only_the_chosen_distribution_products_with_quantity_left(client):
    carrots, leeks = create_product(title="Carottes"), create_product(title="Poireaux")
    create_product(title="Navets")
    first = make_distribution(offers={carrots: 4})
    second = make_distribution(offers={leeks: 6})
    choose(client, second)
    response = client.get(reverse("catalogue:index"))
    assert [p.title for p in response.context["products"]] == ["Poireaux"]
    page = response.content.decode()
    assert "distribution-banner" in page and second.title in page
    assert "6 restants pour cette distribution" in " ".join(page.split())
    choose(client, first)
    response = client.get(reverse("catalogue:index"))
    assert [p.title for p in response.context["products"]] == ["Carottes"]


@pytest.mark.django_db
def test_search_shows_only_the_distribution_products(client):
    carrots = create_product(title="Carottes nouvelles")
    create_product(title="Carottes anciennes")
    distribution = make_distribution(offers={carrots: 4})
    choose(client, distribution)
    response = client.get(reverse("site-search"), {"q": "carottes", "section": "produits"})
    section = response.context["sections"][0]
    assert [p.title for p in section["items"]] == ["Carottes nouvelles"]
    assert "distribution-banner" in response.content.decode()


@pytest.mark.django_db
def test_default_is_the_next_distribution_at_the_members_last_pickup_point():
    point, other = make_pickup_point(), make_pickup_point(slug="autre", name="Autre")
    member = UserFactory()
    order = place_order(
        number="D1", user=member, items=[(create_product(), 1)], status="Pending", point=point
    )
    assert OrderPickup.objects.get(order=order).point == point
    make_distribution(title="Ailleurs", points=[other])
    mine = make_distribution(title="Chez moi", points=[point], starts_in=datetime.timedelta(days=9))
    client = Client()
    client.force_login(member)
    response = client.get(reverse("catalogue:index"))
    assert "Chez moi" in response.content.decode()
    assert mine.title in response.content.decode()


def _catalogue_queries(client, number: int) -> int:
    products = [create_product(title=f"Produit {number}-{i}") for i in range(number)]
    choose(client, make_distribution(offers=dict.fromkeys(products, 5)))
    client.get(reverse("catalogue:index"))  # warm caches (site, categories, session)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("catalogue:index"))
    assert response.status_code == 200
    assert response.context["paginator"].count == number
    return len(queries.captured_queries)


@pytest.mark.django_db
def test_catalogue_query_count_is_the_same_for_10_and_50_offers(
    client, django_assert_max_num_queries
):
    few = _catalogue_queries(client, 10)
    many = _catalogue_queries(client, 50)
    assert many == few
    with django_assert_max_num_queries(few):
        client.get(reverse("catalogue:index"))


@pytest.mark.django_db
def test_add_to_basket_refuses_a_product_not_offered(member_client):
    carrots, turnips = create_product(title="Carottes"), create_product(title="Navets")
    distribution = make_distribution(offers={carrots: 4})
    choose(member_client, distribution)
    response = add_to_basket(member_client, turnips)
    assert any("Navets" in m and "n’est pas proposé" in m for m in _messages(response))
    assert not Basket.objects.filter(lines__product=turnips).exists()


@pytest.mark.django_db
def test_add_to_basket_refuses_beyond_the_quantity_left(member_client):
    carrots = create_product(title="Carottes")
    distribution = make_distribution(offers={carrots: 3})
    choose(member_client, distribution)
    add_to_basket(member_client, carrots, 2)
    response = add_to_basket(member_client, carrots, 2)
    assert any("Il ne reste que 3" in m for m in _messages(response))
    basket = Basket.objects.get(status="Open")
    assert [line.quantity for line in basket.all_lines()] == [2]
    assert BasketDistribution.objects.get(basket=basket).distribution == distribution


@pytest.mark.django_db
def test_changing_distribution_asks_to_confirm_then_removes_lines_not_offered(member_client):
    carrots, leeks = create_product(title="Carottes"), create_product(title="Poireaux")
    first = make_distribution(offers={carrots: 4, leeks: 4})
    second = make_distribution(offers={leeks: 4})
    choose(member_client, first)
    add_to_basket(member_client, carrots)
    add_to_basket(member_client, leeks)

    response = choose(member_client, second)
    assert response.status_code == 200
    assert "Carottes" in response.content.decode()
    basket = Basket.objects.get(status="Open")
    assert basket.num_lines == 2  # nothing removed before confirming

    response = choose(member_client, second, confirm="1")
    assert response.status_code == 302
    assert any("Carottes" in m for m in _messages(response))
    basket = Basket.objects.get(status="Open")
    assert [line.product.title for line in basket.all_lines()] == ["Poireaux"]
    assert BasketDistribution.objects.get(basket=basket).distribution == second


@pytest.mark.django_db
def test_checkout_offers_the_distribution_points_and_window_and_records_it(member_client):
    point, elsewhere = make_pickup_point(), make_pickup_point(slug="ailleurs", name="Ailleurs")
    carrots = create_product(title="Carottes")
    distribution = make_distribution(offers={carrots: 4}, points=[point])
    choose(member_client, distribution)
    add_to_basket(member_client, carrots, 2)
    page = member_client.get(reverse("checkout:shipping-method"))
    codes = [option["method"].code for option in page.context["form"].option_rows()]
    assert codes == [point.shipping_code]
    assert elsewhere.shipping_code not in page.content.decode()

    response = member_client.post(
        reverse("checkout:shipping-method"),
        {"method": point.shipping_code, f"slot_{point.pk}": f"distribution-{distribution.pk}"},
    )
    assert response.status_code == 302
    member_client.post(reverse("checkout:payment-method"), {"method": "transfer"})
    response = place_order(member_client)
    assert response.url == reverse("checkout:thank-you")
    order = Order.objects.get()
    link = OrderDistribution.objects.get(order=order)
    assert (link.distribution, link.pickup_point) == (distribution, point)
    pickup = OrderPickup.objects.get(order=order)
    starts = timezone.localtime(distribution.starts_at)
    assert (pickup.day, pickup.start_time) == (starts.date(), starts.time())
    assert DistributionOffer.objects.get(distribution=distribution).sold == 2


@pytest.mark.django_db
def test_one_distribution_sales_do_not_touch_another(member_client):
    point = make_pickup_point()
    carrots = create_product(title="Carottes", num_in_stock=100)
    first = make_distribution(offers={carrots: 3}, points=[point])
    second = make_distribution(offers={carrots: 3}, points=[point])
    walk_to_preview(member_client, first, carrots, point, quantity=3)
    assert place_order(member_client).url == reverse("checkout:thank-you")
    sold = dict(DistributionOffer.objects.values_list("distribution_id", "sold"))
    assert sold == {first.pk: 3, second.pk: 0}


@pytest.mark.django_db
def test_after_closing_add_and_checkout_are_refused_with_the_date(member_client):
    point = make_pickup_point()
    carrots = create_product(title="Carottes")
    distribution = make_distribution(offers={carrots: 3}, points=[point])
    walk_to_preview(member_client, distribution, carrots, point)
    # Ordering closes while the member reviews the order.
    distribution.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    distribution.save()

    response = place_order(member_client)
    assert response.url == reverse("distributions:choose")
    assert any("closes depuis le" in m for m in _messages(response))
    assert not Order.objects.exists()
    assert DistributionOffer.objects.get().sold == 0

    response = add_to_basket(member_client, carrots)
    assert any("closes depuis le" in m for m in _messages(response))
    assert [line.quantity for line in Basket.objects.get(status="Open").all_lines()] == [1]


@pytest.mark.django_db
def test_placement_beyond_what_is_left_is_refused_and_the_basket_shrinks(
    member_client, monkeypatch
):
    point = make_pickup_point()
    carrots = create_product(title="Carottes", num_in_stock=100)
    distribution = make_distribution(offers={carrots: 3}, points=[point])
    walk_to_preview(member_client, distribution, carrots, point, quantity=3)
    # Someone else bought two meanwhile.
    DistributionOffer.objects.filter(distribution=distribution).update(sold=2)
    response = place_order(member_client)
    assert response.url == reverse("basket:summary")
    assert any("Il ne reste que 1" in m and "Carottes" in m for m in _messages(response))
    assert not Order.objects.exists()
    basket = Basket.objects.get(status="Open")
    assert [line.quantity for line in basket.all_lines()] == [1]


@pytest.mark.django_db
def test_product_page_of_a_product_not_offered_says_so_without_the_form(client):
    carrots, turnips = create_product(title="Carottes"), create_product(title="Navets")
    distribution = make_distribution(offers={carrots: 4})
    choose(client, distribution)
    page = client.get(turnips.get_absolute_url()).content.decode()
    assert "Non proposé dans cette distribution" in page
    assert 'id="add_to_basket_form"' not in page
    assert "distribution-banner" in page
    page = client.get(carrots.get_absolute_url()).content.decode()
    assert 'id="add_to_basket_form"' in page


@pytest.mark.django_db
def test_checkout_asks_for_a_distribution_when_the_basket_has_none(member_client):
    carrots = create_product(title="Carottes")
    add_to_basket(member_client, carrots)  # before any distribution opened
    make_distribution(offers={carrots: 4})
    response = member_client.get(reverse("checkout:shipping-method"))
    assert response.status_code == 302
    assert response.url == reverse("distributions:choose")


@pytest.mark.django_db
def test_a_cancelled_order_gives_its_quantities_back_once(member_client):
    from shop.payments import services as payment_services

    point = make_pickup_point()
    carrots = create_product(title="Carottes", num_in_stock=100)
    distribution = make_distribution(offers={carrots: 5}, points=[point])
    walk_to_preview(member_client, distribution, carrots, point, quantity=2)
    place_order(member_client)
    order = Order.objects.get()
    assert DistributionOffer.objects.get().sold == 2
    assert payment_services.order_cancel_unpaid(order=order)
    assert DistributionOffer.objects.get().sold == 0
    assert OrderDistribution.objects.get().released
    payment_services.order_cancel_unpaid(order=order)
    assert DistributionOffer.objects.get().sold == 0
