""" "Members only" per feature: group orders (joining a group, committing) are for
members of the cooperative by default, the shop is open to all; staff change it in the
rules. A members-only shop stays open to browse; adding to the basket and every checkout
step (so placing the order) are refused to others, with the link to apply. groupbuy
and the shop ask shop.gates and never import the cooperative (that direction is checked
by tests/test_architecture.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from oscar.core.loading import get_model

from community.cooperative import services
from groupbuy.groups.services import group_join
from groupbuy.models import BuyingGroup, JoinRule, Membership
from groupbuy.orders.services import commitment_set
from shop import gates
from tests.checkout.helpers import add_to_basket, walk_to_preview
from tests.factories import UserFactory, create_group_order, create_product, make_pickup_point
from tests.factories.groupbuy import TERMS_VERSION
from tests.helpers.orders import place_order

from .conftest import make_member

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_group(db):
    return BuyingGroup.objects.create(name="Ouvert", slug="ouvert", join_rule=JoinRule.OPEN)


def test_defaults_group_orders_and_assemblies_for_members_the_shop_for_all(rules):
    person = UserFactory()
    assert "réservées aux sociétaires" in gates.refusal(gates.GROUP_ORDERS, person)
    assert "/cooperative/adherer/" in gates.refusal(gates.GROUP_ORDERS, person)
    assert gates.refusal(gates.ASSEMBLIES, person)
    assert gates.refusal(gates.SHOP, person) is None


def test_a_non_member_cannot_join_a_group(rules, open_group, staff):
    with pytest.raises(PermissionDenied, match="commandes groupées sont réservées"):
        group_join(group=open_group, user=UserFactory())
    member = make_member(staff)
    assert group_join(group=open_group, user=member.user).status == Membership.Status.ACTIVE


def test_a_non_member_cannot_commit(rules, staff):
    outsider = UserFactory()
    member = make_member(staff).user
    group_order = create_group_order(members=[outsider, member], offers=[{"case_size": 1}])
    offer = group_order.offers.get()
    with pytest.raises(PermissionDenied, match="réservées aux sociétaires"):
        commitment_set(offer=offer, member=outsider, quantity=2, terms_version=TERMS_VERSION)
    assert (
        commitment_set(offer=offer, member=member, quantity=2, terms_version=TERMS_VERSION)
        is not None
    )


def test_the_group_page_says_why_in_french(client, rules, open_group):
    client.force_login(UserFactory())
    response = client.post(f"/groupes/{open_group.slug}/rejoindre/")
    assert response.status_code == 403
    assert "Les commandes groupées sont réservées aux sociétaires" in response.content.decode()
    assert not Membership.objects.exists()


def test_staff_open_group_orders_to_all(rules, staff, open_group):
    services.rules_update(by=staff, members_only_group_orders=False)
    assert group_join(group=open_group, user=UserFactory()).status == Membership.Status.ACTIVE


def test_nothing_is_reserved_before_the_cooperative_takes_members(open_group):
    assert gates.refusal(gates.GROUP_ORDERS, UserFactory()) is None
    assert group_join(group=open_group, user=UserFactory()).status == Membership.Status.ACTIVE


def test_a_member_who_left_is_refused_again(rules, staff, open_group):
    from community.cooperative import redemptions

    member = make_member(staff)
    services.rules_update(by=staff, minimum_holding_months=0)
    request = redemptions.redemption_request(user=member.user, shares=1)
    redemptions.redemption_approve(redemption=request, by=staff)
    user = type(member.user).objects.get(pk=member.user.pk)  # no cached answer
    assert gates.refusal(gates.GROUP_ORDERS, user)


# --- the shop, when staff reserve it to members (shop.members_only) ---------------------

Basket = get_model("basket", "Basket")
Order = get_model("order", "Order")
SHOP_CLOSED = "La boutique est réservée aux sociétaires"


@pytest.fixture
def product(db):
    return create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))


@pytest.fixture
def members_only_shop(rules, staff):
    return services.rules_update(by=staff, members_only_shop=True)


def _basket_quantity(user) -> int:
    basket = Basket.objects.filter(owner=user, status="Open").first()
    return basket.num_items if basket else 0


def test_the_shop_open_to_all_by_default_lets_anyone_add(client, rules, product):
    add_to_basket(client, product)  # anonymous
    person = UserFactory()
    client.force_login(person)
    add_to_basket(client, product)
    assert _basket_quantity(person) >= 1


def test_a_non_member_cannot_add_to_the_basket_and_is_told_where_to_apply(
    client, members_only_shop, product
):
    person = UserFactory()
    client.force_login(person)
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": 1}, follow=True
    )
    assert response.redirect_chain[0] == (product.get_absolute_url(), 302)
    html = response.content.decode()
    assert SHOP_CLOSED in html
    assert '<a href="/cooperative/adherer/">/cooperative/adherer/</a>' in html
    assert _basket_quantity(person) == 0


def test_an_anonymous_visitor_is_refused_too_and_goes_back_where_they_were(
    client, members_only_shop, product
):
    response = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1},
        HTTP_REFERER="http://testserver/boutique/catalogue/",
    )
    assert response.status_code == 302
    assert response.url.endswith("/boutique/catalogue/")
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_scripts_get_a_403_with_the_reason(client, members_only_shop, product):
    client.force_login(UserFactory())
    xhr = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1},
        HTTP_X_REQUESTED_WITH="XMLHttpRequest",
    )
    as_json = client.post(
        reverse("basket:add", kwargs={"pk": product.pk}),
        {"quantity": 1},
        HTTP_ACCEPT="application/json",
    )
    for response in (xhr, as_json):
        assert response.status_code == 403
        assert SHOP_CLOSED in response.content.decode()
    assert not Basket.objects.filter(lines__isnull=False).exists()


def test_a_member_adds_and_browsing_stays_open_to_all(client, members_only_shop, staff, product):
    assert client.get("/boutique/catalogue/").status_code == 200
    assert client.get(product.get_absolute_url()).status_code == 200
    member = make_member(staff).user
    client.force_login(member)
    add_to_basket(client, product)
    assert _basket_quantity(member) == 1


def test_the_product_page_says_why_instead_of_the_add_form(
    client, members_only_shop, staff, product
):
    client.force_login(UserFactory())
    html = client.get(product.get_absolute_url()).content.decode()
    assert SHOP_CLOSED in html
    assert '<a href="/cooperative/adherer/">' in html
    assert 'id="add_to_basket_form"' not in html
    client.force_login(make_member(staff).user)
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="add_to_basket_form"' in html
    assert SHOP_CLOSED not in html


def test_the_product_page_of_an_open_shop_keeps_its_form(client, rules, product):
    html = client.get(product.get_absolute_url()).content.decode()
    assert 'id="add_to_basket_form"' in html


def test_a_non_member_cannot_pass_the_checkout_first_step(client, rules, staff, product):
    person = UserFactory()
    client.force_login(person)
    add_to_basket(client, product)  # while the shop was open to all
    services.rules_update(by=staff, members_only_shop=True)
    for step in ("checkout:index", "checkout:shipping-method"):
        response = client.get(reverse(step), follow=True)
        assert response.redirect_chain[-1] == (reverse("basket:summary"), 302)
        assert SHOP_CLOSED in response.content.decode()


def test_the_order_is_not_placed_when_the_shop_closes_during_the_checkout(
    client, rules, staff, product
):
    point = make_pickup_point()
    person = UserFactory()
    client.force_login(person)
    walk_to_preview(client, product, point)
    services.rules_update(by=staff, members_only_shop=True)
    response = place_order(client)
    assert response.status_code == 302
    assert response.url == reverse("basket:summary")
    assert not Order.objects.exists()
    assert _basket_quantity(person) == 1  # nothing frozen nor lost


def test_a_member_places_an_order_in_a_members_only_shop(client, members_only_shop, staff, product):
    point = make_pickup_point()
    client.force_login(make_member(staff).user)
    walk_to_preview(client, product, point)
    response = place_order(client)
    assert response.status_code == 302
    assert response.url == reverse("checkout:thank-you")
    assert Order.objects.count() == 1
