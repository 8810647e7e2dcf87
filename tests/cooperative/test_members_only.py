""" "Members only" per feature: group orders (joining a group, committing) are for
members of the cooperative by default, the shop is open to all; staff change it in the
rules. groupbuy asks shop.gates and never imports the cooperative (that direction is
checked by tests/test_architecture.py)."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied

from community.cooperative import services
from groupbuy.groups.services import group_join
from groupbuy.models import BuyingGroup, JoinRule, Membership
from groupbuy.orders.services import commitment_set
from shop import gates
from tests.factories import UserFactory, create_group_order
from tests.factories.groupbuy import TERMS_VERSION

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
