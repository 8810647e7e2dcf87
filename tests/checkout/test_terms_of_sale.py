"""No order without the terms of sale (CGV) accepted: the review page's box, a clear
French error without it, and the accepted version stored with the order."""

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_model

from shop.legal.models import TermsAcceptance
from shop.legal.terms import current_terms
from tests.factories import UserFactory, create_product
from tests.helpers.legal import publish_legal_page, publish_new_version
from tests.helpers.orders import place_order

from .helpers import walk_to_preview

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db

FRENCH_ERROR = "Veuillez accepter les conditions générales de vente pour passer votre commande."


@pytest.fixture
def product():
    return create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))


@pytest.fixture
def terms_page():
    return publish_legal_page(version="2026-12")


def test_the_review_page_asks_to_accept_the_terms_with_a_link(
    member_client, point, product, terms_page
):
    html = walk_to_preview(member_client, product, point).content.decode()
    assert 'name="accept_terms"' in html
    assert "J&#x27;ai lu et j&#x27;accepte les conditions générales de vente" in html
    assert f'href="{terms_page.url}"' in html
    assert "version 2026-12" in html
    assert "Commander avec obligation de paiement" in html  # Code de la consommation L221-14


def test_no_order_without_accepting_the_terms(member_client, user, point, product, terms_page):
    walk_to_preview(member_client, product, point)
    response = place_order(member_client, accept_terms=False)
    assert response.status_code == 200
    html = response.content.decode()
    assert FRENCH_ERROR in html
    assert 'aria-invalid="true"' in html
    assert not Order.objects.exists()
    assert not TermsAcceptance.objects.exists()
    # The basket is untouched: the member ticks the box and orders.
    assert Basket.objects.get(owner=user, status="Open").num_items == 1
    assert place_order(member_client).url == reverse("checkout:thank-you")


def test_the_accepted_version_is_stored_with_the_order(
    member_client, user, point, product, terms_page
):
    walk_to_preview(member_client, product, point)
    before = timezone.now()
    assert place_order(member_client).url == reverse("checkout:thank-you")
    order = Order.objects.get(user=user)
    acceptance = order.terms_acceptance
    assert acceptance.version == "2026-12"
    assert acceptance.channel == TermsAcceptance.Channel.CHECKOUT
    assert before <= acceptance.accepted_at <= timezone.now()


def test_a_new_version_applies_to_the_next_orders_only(
    member_client, user, point, product, terms_page
):
    walk_to_preview(member_client, product, point)
    place_order(member_client)
    publish_new_version(terms_page, "2027-03")
    walk_to_preview(member_client, product, point)
    html = member_client.get(reverse("checkout:preview")).content.decode()
    assert "version 2027-03" in html
    place_order(member_client)
    versions = list(
        Order.objects.filter(user=user)
        .order_by("date_placed", "pk")
        .values_list("terms_acceptance__version", flat=True)
    )
    assert versions == ["2026-12", "2027-03"]


def test_without_a_published_terms_page_the_fallback_version_is_recorded(
    member_client, user, point, product, settings
):
    settings.TERMS_OF_SALE_FALLBACK_VERSION = "sans-page"
    assert current_terms().url == ""
    walk_to_preview(member_client, product, point)
    assert FRENCH_ERROR in place_order(member_client, accept_terms=False).content.decode()
    place_order(member_client)
    assert Order.objects.get(user=user).terms_acceptance.version == "sans-page"


def test_the_customer_and_staff_see_the_accepted_version(
    member_client, client, user, point, product, terms_page
):
    walk_to_preview(member_client, product, point)
    place_order(member_client)
    order = Order.objects.get(user=user)
    page = member_client.get(reverse("customer:order", kwargs={"order_number": order.number}))
    assert "Conditions générales de vente acceptées : version 2026-12" in page.content.decode()
    client.force_login(UserFactory(is_staff=True, is_superuser=True))  # Oscar asks for both
    page = client.get(reverse("dashboard:order-detail", kwargs={"number": order.number}))
    html = page.content.decode()
    assert "Conditions générales de vente acceptées : version 2026-12" in html
    assert "Commande en ligne" in html


def test_an_order_written_by_another_path_than_the_review_page_is_refused(
    member_client, user, point, product, terms_page
):
    """The checkout's place_order itself refuses an order without an acceptance."""
    from oscar.apps.order.exceptions import UnableToPlaceOrder

    from shop.checkout.views import PaymentDetailsView

    view = PaymentDetailsView()
    with pytest.raises(UnableToPlaceOrder, match=r"conditions générales de vente|terms of sale"):
        view.place_order(
            order_number="1",
            user=user,
            basket=None,
            shipping_address=None,
            shipping_method=None,
            shipping_charge=None,
            order_total=None,
        )
    assert not Order.objects.exists()


def test_the_acceptance_time_is_the_submission_time(member_client, user, point, product):
    walk_to_preview(member_client, product, point)
    place_order(member_client)
    order = Order.objects.get(user=user)
    gap = order.date_placed - order.terms_acceptance.accepted_at
    assert datetime.timedelta(0) <= gap < datetime.timedelta(seconds=5)
