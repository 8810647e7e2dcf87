"""Member prices (issue #12 point 1): a product class's member discount, applied by the
shop's pricing strategy to members of the cooperative only, half-up to the cent; shown
as the member price with the public price struck through; basket and order lines at the
member price; one membership check per request, whatever the number of products."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from oscar.core.loading import get_class, get_model

from community.cooperative import benefits, services
from community.cooperative.models import AuditEntry
from shop import members
from shop.partner.strategy import MemberPrice, member_price
from tests.checkout.helpers import walk_to_preview
from tests.cooperative.conftest import make_member
from tests.factories import ProducerFactory, UserFactory, create_product, make_pickup_point
from tests.helpers.orders import place_order

Selector = get_class("partner.strategy", "Selector")
Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


@pytest.fixture
def rules(staff):
    return services.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)


@pytest.fixture
def member(rules, staff):
    return make_member(staff).user


@pytest.fixture
def honey(staff):
    """10.00 € excl. tax at 5.5 %: 10.55 € for all, 9.50 € for members (10 % off)."""
    product = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    benefits.member_discount_set(
        product_class=product.get_product_class(), percent=Decimal("10"), by=staff
    )
    product.product_class.refresh_from_db()
    return product


def price_for(user, product):
    request = RequestFactory().get("/")
    request.user = user
    return Selector().strategy(request=request).fetch_for_product(product).price


def test_members_pay_less_rounded_half_up_to_the_cent(member, honey):
    price = price_for(member, honey)
    assert isinstance(price, MemberPrice)
    # 10.00 - 10 % = 9.00; VAT 9.00 x 5.5 % = 0.495 -> 0.50 (half-up)
    assert (price.excl_tax, price.tax, price.incl_tax) == (
        Decimal("9.00"),
        Decimal("0.50"),
        Decimal("9.50"),
    )
    assert price.public.incl_tax == Decimal("10.55")


def test_rounding_of_the_discount_itself_is_half_up():
    public = price_for(UserFactory(), create_product(price_excl_tax=Decimal("3.33")))
    # 3.33 x 0.85 = 2.8305 -> 2.83; 2.83 x 5.5 % = 0.15565 -> 0.16
    offer = member_price(public, percent=Decimal("15"), rate=Decimal("0.0550"))
    assert (offer.excl_tax, offer.incl_tax) == (Decimal("2.83"), Decimal("2.99"))
    # 0.125 -> 0.13 (half-even would give 0.12)
    half = member_price(
        type(public)(currency="EUR", excl_tax=Decimal("0.25"), tax=Decimal("0")),
        percent=Decimal("50"),
        rate=Decimal("0"),
    )
    assert half.excl_tax == Decimal("0.13")


def test_others_pay_the_public_price_and_see_what_members_pay(rules, honey):
    from django.contrib.auth.models import AnonymousUser

    for user in (UserFactory(), AnonymousUser()):
        price = price_for(user, honey)
        assert not isinstance(price, MemberPrice)
        assert price.incl_tax == Decimal("10.55")
        assert price.member_price.incl_tax == Decimal("9.50")


def test_no_discount_no_member_price(member):
    price = price_for(member, create_product(price_excl_tax=Decimal("10.00")))
    assert price.incl_tax == Decimal("10.55")
    assert not hasattr(price, "member_price")


def test_without_the_cooperatives_check_nobody_is_a_member(member, honey):
    from community.cooperative import selectors

    members.unregister_member_check(selectors.is_member)
    try:
        assert price_for(type(member).objects.get(pk=member.pk), honey).incl_tax == Decimal("10.55")
    finally:
        members.register_member_check(selectors.is_member)


def test_product_page_shows_the_member_price_with_the_public_one_struck(client, member, honey):
    client.force_login(member)
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "Prix sociétaire" in html
    assert "9,50" in html
    assert "<del" in html and "10,55" in html


def test_product_page_tells_others_what_members_pay(client, rules, honey):
    html = client.get(honey.get_absolute_url()).content.decode()
    assert "Prix sociétaire" in html
    assert "9,50" in html
    assert "<del" not in html


def test_basket_and_order_lines_are_at_the_member_price(client, member, honey):
    client.force_login(member)
    walk_to_preview(client, honey, make_pickup_point(), quantity=2)
    assert client.get(reverse("basket:summary")).context["basket"].total_incl_tax == Decimal(
        "19.00"
    )
    response = place_order(client)
    assert response.url == reverse("checkout:thank-you")
    line = Order.objects.get().lines.get()
    assert line.unit_price_incl_tax == Decimal("9.50")
    assert line.line_price_incl_tax == Decimal("19.00")


def test_a_non_members_basket_is_at_the_public_price(client, rules, honey):
    client.force_login(UserFactory())
    walk_to_preview(client, honey, make_pickup_point())
    place_order(client)
    assert Order.objects.get().lines.get().unit_price_incl_tax == Decimal("10.55")


def test_catalogue_page_queries_do_not_grow_with_discounted_products(client, member, staff):
    producer = ProducerFactory()
    client.force_login(member)
    made = 0

    def queries_with(count: int) -> list[str]:
        nonlocal made
        for _ in range(count):
            made += 1
            product = create_product(title=f"Confiture {made}", producer=producer)
            benefits.member_discount_set(
                product_class=product.get_product_class(), percent=Decimal("5"), by=staff
            )
        client.get("/boutique/catalogue/")  # warm the per-process caches (site, menus)
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/boutique/catalogue/")
        assert response.status_code == 200
        assert response.content.decode().count("<del") == made  # every card: member price
        return [query["sql"] for query in queries.captured_queries]

    few, many = queries_with(2), queries_with(10)
    assert len(few) == len(many)
    assert sum("cooperative_member" in sql for sql in many) == 1  # one check a request


def test_one_membership_check_per_request(client, rules, honey):
    client.force_login(UserFactory())  # not a member: every check registered is asked
    calls = []

    def counting(user):
        calls.append(user)
        return False

    for i in range(3):  # the same discounted class as the honey
        create_product(title=f"Miel {i}", producer=honey.stockrecords.get().partner)
    members.register_member_check(counting)
    try:
        assert client.get("/boutique/catalogue/").status_code == 200
    finally:
        members.unregister_member_check(counting)
    assert len(calls) == 1


def test_no_membership_check_without_discounts(client, rules):
    producer = ProducerFactory()
    for i in range(3):
        create_product(title=f"Savon {i}", producer=producer)
    asked = []

    def counting(user):
        asked.append(user)
        return False

    members.register_member_check(counting)
    try:
        client.force_login(UserFactory())
        assert client.get("/boutique/catalogue/").status_code == 200
    finally:
        members.unregister_member_check(counting)
    assert asked == []


# --- the staff screen ---------------------------------------------------------------


BENEFITS_URL = "/boutique/dashboard/cooperative/avantages/"


def test_staff_set_a_discount_per_product_class_audited(client, staff, honey):
    product_class = honey.get_product_class()
    client.force_login(staff)
    page = client.get(BENEFITS_URL)
    assert page.status_code == 200
    assert product_class.name in page.content.decode()
    prefix = f"class-{product_class.pk}"
    response = client.post(
        reverse("cooperative-dashboard:benefit-set", kwargs={"pk": product_class.pk}),
        {f"{prefix}-percent": "12.5", f"{prefix}-note": "assemblée de juin"},
    )
    assert response.status_code == 302
    product_class.refresh_from_db()
    assert product_class.member_discount_percent == Decimal("12.50")
    entry = AuditEntry.objects.filter(note__contains="12.50").get()
    assert entry.actor == staff
    assert "assemblée de juin" in entry.note


def test_a_discount_over_100_is_refused_with_the_reason(client, staff, honey):
    product_class = honey.get_product_class()
    client.force_login(staff)
    prefix = f"class-{product_class.pk}"
    response = client.post(
        reverse("cooperative-dashboard:benefit-set", kwargs={"pk": product_class.pk}),
        {f"{prefix}-percent": "150"},
    )
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    product_class.refresh_from_db()
    assert product_class.member_discount_percent == Decimal("10.00")


def test_only_staff_reach_the_benefits_screen(client, honey):
    assert client.get(BENEFITS_URL).status_code == 302  # to sign in
    client.force_login(UserFactory())
    assert client.get(BENEFITS_URL).status_code == 403
    product_class = honey.get_product_class()
    response = client.post(
        reverse("cooperative-dashboard:benefit-set", kwargs={"pk": product_class.pk}),
        {f"class-{product_class.pk}-percent": "50"},
    )
    assert response.status_code == 403
    product_class.refresh_from_db()
    assert product_class.member_discount_percent == Decimal("10.00")


def test_the_service_refuses_non_staff(honey):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        benefits.member_discount_set(
            product_class=honey.get_product_class(), percent=Decimal("5"), by=UserFactory()
        )


# --- pages whose bodies are cached (cms.live) ---------------------------------------


def test_article_embeds_show_members_their_price_without_leaking_it(client, member, honey):
    from tests.cms.helpers import add_article, education_index, product_embed

    article = add_article(education_index(), slug="miel", body=[product_embed(honey)])
    client.force_login(member)
    assert "9,50" in client.get(article.url).content.decode()
    client.logout()
    html = client.get(article.url).content.decode()  # the body cached for others
    assert "10,55" in html and "9,50" not in html


def test_a_new_discount_reaches_cached_bodies(client, rules, staff, member):
    from tests.cms.helpers import add_article, education_index, product_embed

    product = create_product(title="Savon", price_excl_tax=Decimal("5.00"))
    article = add_article(education_index(), slug="savon", body=[product_embed(product)])
    client.force_login(member)
    assert "5,28" in client.get(article.url).content.decode()  # 5.00 + 5.5 %
    benefits.member_discount_set(
        product_class=product.get_product_class(), percent=Decimal("20"), by=staff
    )
    assert "4,22" in client.get(article.url).content.decode()  # 4.00 + 0.22


def test_the_benefits_screen_is_paged_and_says_when_empty(client, staff, settings):
    from oscar.core.loading import get_model

    ProductClass = get_model("catalogue", "ProductClass")
    client.force_login(staff)
    assert "Aucune classe de produits" in client.get(BENEFITS_URL).content.decode()
    ProductClass.objects.bulk_create(
        ProductClass(name=f"Classe {i:02d}", slug=f"classe-{i:02d}") for i in range(25)
    )
    first = client.get(BENEFITS_URL).content.decode()
    second = client.get(BENEFITS_URL + "?page=2").content.decode()
    assert "Classe 00" in first and "Classe 24" not in first
    assert "Classe 24" in second and "Classe 00" not in second
