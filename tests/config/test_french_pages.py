"""Main pages rendered in French carry none of Oscar's known English leftovers."""

import re

import pytest
from django.urls import reverse

from tests.checkout.helpers import add_to_basket, walk_to_preview
from tests.factories import UserFactory, create_product, make_pickup_point
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db

# English wordings of Oscar's seen, or likely, on French pages (words spelt the same in
# both languages, such as "Total" or "Notifications", are not listed).
LEFTOVERS = (
    "We have merged",
    "Add to basket",
    "Continue shopping",
    "Order history",
    "Your basket is empty",
    "Profile",
    "Address book",
    "Email history",
    "Wish Lists",
    "Wish List",
    "Reviews",
    "Write a review",
    "No reviews",
    "Change password",
    "Edit profile",
    "Delete profile",
    "Basket total",
    "Proceed to checkout",
    "Order total",
    "Checkout",
    "Shipping",
    "Payment",
    "Preview",
    "Quantity",
    "Remove",
    "Save for later",
    "Update",
    "Home",
    "Account",
    "Products",
    "Order number",
    "Date submitted",
    "Status",
    "View",
    "Place order",
    "In stock",
    "Out of stock",
    "Product Description",
    "Product Information",
    "Recently viewed",
)


def _visible(html: str) -> str:
    """The page without its scripts and styles (their code is not shown)."""
    return re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)


def _leftovers(html: str) -> list[str]:
    text = _visible(html)
    return [phrase for phrase in LEFTOVERS if re.search(rf"\b{re.escape(phrase)}\b", text)]


@pytest.fixture
def member(client):
    """A member who filled a basket before signing in, with a past order."""
    product = create_product(title="Miel de lavande")
    add_to_basket(client, product)  # anonymous basket, merged when signing in
    user = UserFactory()
    place_order(number="400001", user=user, items=[(product, 1)], status="paid", pickup=False)
    client.force_login(user)
    return user, product


def test_main_pages_have_no_english_leftover(client, member):
    _user, product = member
    home = client.get("/").content.decode()  # first request signed in: baskets merged
    assert "Nous avons ajouté à votre panier 1 article d’une session précédente." in home
    pages = {"/": home}
    for url in (
        reverse("basket:summary"),
        reverse("catalogue:index"),
        product.get_absolute_url(),
        reverse("customer:summary"),
        reverse("customer:profile-view"),
        reverse("customer:profile-update"),
        reverse("customer:order-list"),
        reverse("customer:order", kwargs={"order_number": "400001"}),
        reverse("customer:address-list"),
        reverse("customer:email-list"),
        reverse("customer:notifications-inbox"),
        reverse("customer:wishlists-list"),
        "/groupes/",
        "/communaute/",
    ):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    pages[reverse("checkout:preview")] = walk_to_preview(
        client, product, make_pickup_point()
    ).content.decode()
    for step in ("checkout:shipping-method", "checkout:payment-method"):
        pages[reverse(step)] = client.get(reverse(step)).content.decode()
    found = {url: _leftovers(html) for url, html in pages.items() if _leftovers(html)}
    assert not found, found
    assert all('<html lang="fr"' in html for html in pages.values())
