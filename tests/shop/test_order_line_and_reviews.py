"""Oscar's pages that were broken or doubled: a customer's order line, product reviews."""

import pytest
from django.urls import NoReverseMatch, reverse

from tests.factories import UserFactory, create_product
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def order():
    product = create_product(title="Miel de lavande")
    return place_order(
        number="300001", user=UserFactory(), items=[(product, 2)], status="paid", pickup=False
    )


def _line_url(order, line_id):
    return f"/boutique/accounts/orders/{order.number}/{line_id}/"


def test_the_owner_opening_an_order_line_gets_the_order_page(client, settings, order):
    settings.DEBUG = False
    client.force_login(order.user)
    line = order.lines.get()
    response = client.get(_line_url(order, line.id), follow=True)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == f"/boutique/accounts/orders/{order.number}/"
    assert "Miel de lavande" in response.content.decode()


def test_an_order_line_of_someone_else_or_unknown_is_a_404(client, order):
    line = order.lines.get()
    client.force_login(UserFactory())
    assert client.get(_line_url(order, line.id)).status_code == 404
    client.force_login(order.user)
    assert client.get(_line_url(order, line.id + 1000)).status_code == 404


def test_an_order_line_needs_a_signed_in_member(client, order):
    response = client.get(_line_url(order, order.lines.get().id))
    assert response.status_code == 302
    assert response.url.startswith("/comptes/login/")


def test_buying_a_line_again_still_works(client, order):
    client.force_login(order.user)
    line = order.lines.get()
    response = client.post(_line_url(order, line.id), {"action": "reorder"})
    assert response.status_code == 302
    assert client.get(reverse("basket:summary")).context["basket"].num_items == 2


def test_oscar_review_urls_are_gone(client, order):
    product = order.lines.get().product
    client.force_login(order.user)
    base = f"/boutique/catalogue/{product.slug}_{product.id}/reviews/"
    for url in (base, f"{base}add/", "/boutique/dashboard/reviews/"):
        assert client.get(url).status_code == 404, url
    with pytest.raises(NoReverseMatch):
        reverse("catalogue:reviews-add", kwargs={"product_slug": "x", "product_pk": 1})


def test_product_page_has_the_community_feedback_not_oscar_reviews(client, order):
    product = order.lines.get().product
    client.force_login(order.user)
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="reviews"' not in html
    assert "/reviews/" not in html
    assert "star-rating" not in html
    assert "guarantee-reviews" in html  # the community feedback panel


def test_order_page_offers_no_oscar_review(client, order):
    client.force_login(order.user)
    html = client.get(f"/boutique/accounts/orders/{order.number}/").content.decode()
    assert "/reviews/" not in html


def test_dashboard_menu_has_no_reviews_entry(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    html = client.get("/boutique/dashboard/").content.decode()
    assert "/boutique/dashboard/reviews/" not in html
