"""Reads about buying groups and who is in them (pages and permission checks)."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from allauth.account.utils import has_verified_email
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from .models import BuyingGroup, Membership

# `user` is the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


def membership_of(group: BuyingGroup, user: Any) -> Membership | None:
    if user is None or not user.is_authenticated:
        return None
    return Membership.objects.filter(group=group, user=user).first()


def is_group_member(group: BuyingGroup, user: Any) -> bool:
    membership = membership_of(group, user)
    return membership is not None and membership.status == Membership.Status.ACTIVE


def is_coordinator(group: BuyingGroup, user: Any) -> bool:
    return bool(
        user is not None
        and user.is_authenticated
        and Membership.objects.filter(
            group=group,
            user=user,
            role=Membership.Role.COORDINATOR,
            status=Membership.Status.ACTIVE,
        ).exists()
    )


def coordinator_emails_at_points(point_ids: Iterable[int]) -> list[str]:
    """The e-mail addresses of the active coordinators of the groups at these pickup
    points: they receive the shop's distribution sheets (registered in
    shop.distributions.closing.recipients at ready())."""
    return list(
        Membership.objects.filter(
            group__pickup_points__in=list(point_ids),
            role=Membership.Role.COORDINATOR,
            status=Membership.Status.ACTIVE,
            user__is_active=True,
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
        .distinct()
    )


def coordinated_point_ids(user: Any) -> list[int]:
    """The pickup points of the groups `user` coordinates: they may manage the shop's
    distributions there (registered in shop.distributions.access at ready())."""
    if user is None or not user.is_authenticated:
        return []
    return list(
        BuyingGroup.pickup_points.through.objects.filter(
            buyinggroup__memberships__user=user,
            buyinggroup__memberships__role=Membership.Role.COORDINATOR,
            buyinggroup__memberships__status=Membership.Status.ACTIVE,
        )
        .values_list("pickuppoint_id", flat=True)
        .distinct()
    )


def require_coordinator(group: BuyingGroup, user: Any) -> None:
    if not is_coordinator(group, user):
        raise PermissionDenied(_("Only the group's coordinators can do this."))


def can_create_group(user: Any) -> bool:
    return bool(user is not None and user.is_authenticated and has_verified_email(user))


def token_matches(group: BuyingGroup, token: str | None) -> bool:
    return bool(
        token and group.invitation_token and secrets.compare_digest(token, group.invitation_token)
    )


def group_members(group: BuyingGroup) -> list[Membership]:
    """Active members, coordinators first."""
    return list(
        group.memberships.filter(status=Membership.Status.ACTIVE)
        .select_related("user")
        .order_by("role", "user__first_name", "user__last_name", "pk")  # "coordinator" < "member"
    )


def pending_requests(group: BuyingGroup) -> list[Membership]:
    return list(
        group.memberships.filter(status=Membership.Status.PENDING)
        .select_related("user")
        .order_by("joined_at", "pk")
    )
