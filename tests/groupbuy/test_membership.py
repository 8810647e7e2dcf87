"""Buying groups and their members: creating, join rules, approval, leaving, invitations."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from groupbuy.groups import selectors as group_selectors
from groupbuy.groups import services as membership
from groupbuy.models import BuyingGroup, JoinRule, Membership
from groupbuy.orders import services
from tests.factories import TERMS_VERSION, UserFactory, create_group_order

pytestmark = pytest.mark.django_db
ACTIVE, PENDING = Membership.Status.ACTIVE, Membership.Status.PENDING


@pytest.fixture
def coordinator():
    return UserFactory(first_name="Claire")


def make_group(coordinator, join_rule=JoinRule.OPEN, name="Panier de Crest"):
    return membership.group_create(
        name=name, description="", city="Crest", join_rule=join_rule, coordinator=coordinator
    )


def test_the_creator_becomes_the_active_coordinator(coordinator):
    group = make_group(coordinator, name="Groupement d'achat du Val")
    assert group.slug == "groupement-d-achat-du-val"
    assert len(group.invitation_token) >= 32
    only = group.memberships.get()
    assert (only.user, only.role, only.status) == (coordinator, "coordinator", ACTIVE)
    assert group_selectors.is_coordinator(group, coordinator)


def test_slugs_are_unique_and_never_shadow_a_page(coordinator):
    assert make_group(coordinator, name="Nouveau").slug == "nouveau-2"
    first, second = make_group(coordinator, name="Die"), make_group(coordinator, name="Die")
    assert (first.slug, second.slug) == ("die", "die-2")


def test_a_member_without_a_verified_email_cannot_create_a_group():
    with pytest.raises(PermissionDenied):
        make_group(UserFactory(verified_email=False))
    assert not BuyingGroup.objects.exists()


def test_open_group_lets_members_in_at_once(coordinator):
    group = make_group(coordinator, JoinRule.OPEN)
    joined = membership.group_join(group=group, user=UserFactory())
    assert (joined.status, joined.role) == (ACTIVE, "member")


def test_approval_group_keeps_the_request_pending_until_a_coordinator_approves(coordinator):
    group = make_group(coordinator, JoinRule.APPROVAL)
    candidate = UserFactory()
    request = membership.group_join(group=group, user=candidate)
    assert request.status == PENDING
    assert not group_selectors.is_group_member(group, candidate)
    membership.membership_approve(membership=request, by=coordinator)
    assert group_selectors.is_group_member(group, candidate)


def test_only_coordinators_approve_refuse_promote_or_regenerate(coordinator):
    group = make_group(coordinator, JoinRule.APPROVAL)
    member = UserFactory()
    membership.membership_approve(
        membership=membership.group_join(group=group, user=member), by=coordinator
    )
    request = membership.group_join(group=group, user=UserFactory())
    for operation in (
        membership.membership_approve,
        membership.membership_refuse,
        membership.membership_promote,
    ):
        with pytest.raises(PermissionDenied):
            operation(membership=request, by=member)
    with pytest.raises(PermissionDenied):
        membership.invitation_token_regenerate(group=group, by=member)
    request.refresh_from_db()
    assert request.status == PENDING


def test_refusing_a_request_removes_it(coordinator):
    group = make_group(coordinator, JoinRule.APPROVAL)
    request = membership.group_join(group=group, user=UserFactory())
    membership.membership_refuse(membership=request, by=coordinator)
    assert not Membership.objects.filter(pk=request.pk).exists()


def test_invitation_group_needs_the_valid_token(coordinator):
    group = make_group(coordinator, JoinRule.INVITATION)
    guest = UserFactory()
    with pytest.raises(PermissionDenied, match="invitation"):
        membership.group_join(group=group, user=guest)
    with pytest.raises(PermissionDenied, match="invitation"):
        membership.group_join(group=group, user=guest, token="not-the-token")
    assert not Membership.objects.filter(user=guest).exists()
    joined = membership.group_join(group=group, user=guest, token=group.invitation_token)
    assert joined.status == ACTIVE


def test_a_valid_invitation_skips_the_approval_and_activates_a_pending_request(coordinator):
    group = make_group(coordinator, JoinRule.APPROVAL)
    guest = UserFactory()
    pending = membership.group_join(group=group, user=guest)
    assert pending.status == PENDING
    activated = membership.group_join(group=group, user=guest, token=group.invitation_token)
    assert (activated.pk, activated.status) == (pending.pk, ACTIVE)


def test_joining_again_changes_nothing(coordinator):
    group = make_group(coordinator, JoinRule.OPEN)
    again = membership.group_join(group=group, user=coordinator)
    assert (again.role, again.status) == ("coordinator", ACTIVE)
    assert group.memberships.count() == 1


def test_a_regenerated_token_replaces_the_old_one(coordinator):
    group = make_group(coordinator, JoinRule.INVITATION)
    old = group.invitation_token
    new = membership.invitation_token_regenerate(group=group, by=coordinator)
    group.refresh_from_db()
    assert group.invitation_token == new != old
    with pytest.raises(PermissionDenied):
        membership.group_join(group=group, user=UserFactory(), token=old)


def test_leaving_and_withdrawing_a_request(coordinator):
    group = make_group(coordinator, JoinRule.APPROVAL)
    candidate = UserFactory()
    membership.group_join(group=group, user=candidate)
    membership.membership_leave(group=group, user=candidate)
    assert group_selectors.membership_of(group, candidate) is None


def test_the_last_coordinator_cannot_leave_members_behind(coordinator):
    group = make_group(coordinator, JoinRule.OPEN)
    member = UserFactory()
    joined = membership.group_join(group=group, user=member)
    with pytest.raises(ValidationError, match="coordinat"):
        membership.membership_leave(group=group, user=coordinator)
    membership.membership_promote(membership=joined, by=coordinator)
    membership.membership_leave(group=group, user=coordinator)
    assert not group_selectors.is_coordinator(group, coordinator)


def test_a_member_with_commitments_in_an_open_group_order_cannot_leave():
    member = UserFactory()
    group_order = create_group_order(members=[member], offers=[{"case_size": 6}])
    services.commitment_set(
        offer=group_order.offers.get(), member=member, quantity=2, terms_version=TERMS_VERSION
    )
    with pytest.raises(ValidationError):
        membership.membership_leave(group=group_order.group, user=member)
    assert group_selectors.is_group_member(group_order.group, member)
