"""Operations on buying groups and their members: creating a group, joining it under its
join rule, approving requests, leaving, the invitation link.

Every function takes keyword arguments only, runs in a transaction and checks who may do
it: management is for the group's active coordinators. Refusals raise `PermissionDenied`
or `ValidationError` with a message meant for the page.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _

from groupbuy.orders.models import Commitment, GroupOrderState
from shop import gates

from .models import BuyingGroup, JoinRule, Membership
from .selectors import can_create_group, require_coordinator, token_matches

# Paths under /groupes/ that a group slug must not shadow.
RESERVED_SLUGS = frozenset({"nouveau"})


# `user`, `by`, `coordinator` are the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


def new_invitation_token() -> str:
    return secrets.token_urlsafe(24)  # 32 characters, 192 bits


def _unique_slug(name: str) -> str:
    base = slugify(name.replace("'", " ").replace("’", " "))[:110] or "groupe"
    slug, suffix = base, 1
    while slug in RESERVED_SLUGS or BuyingGroup.objects.filter(slug=slug).exists():
        suffix += 1
        slug = f"{base}-{suffix}"
    return slug


@transaction.atomic
def group_create(
    *,
    name: str,
    description: str = "",
    city: str = "",
    join_rule: str = JoinRule.APPROVAL,
    coordinator: Any,
    members_note: str = "",
    pickup_points: Iterable = (),
) -> BuyingGroup:
    """Create a buying group; its creator becomes its first (active) coordinator."""
    if not can_create_group(coordinator):
        raise PermissionDenied(_("Verify your e-mail address before creating a buying group."))
    if join_rule not in JoinRule.values:
        raise ValidationError(_("Unknown join rule."))
    group = BuyingGroup.objects.create(
        name=name,
        slug=_unique_slug(name),
        description=description,
        members_note=members_note,
        city=city,
        join_rule=join_rule,
        invitation_token=new_invitation_token(),
    )
    group.pickup_points.set(pickup_points)
    Membership.objects.create(
        group=group,
        user=coordinator,
        role=Membership.Role.COORDINATOR,
        status=Membership.Status.ACTIVE,
    )
    return group


@transaction.atomic
def group_update(
    *,
    group: BuyingGroup,
    by: Any,
    name: str,
    description: str,
    members_note: str,
    city: str,
    join_rule: str,
    pickup_points: Iterable,
) -> BuyingGroup:
    """Change a group's description and rules (its slug, hence its address, stays)."""
    require_coordinator(group, by)
    if join_rule not in JoinRule.values:
        raise ValidationError(_("Unknown join rule."))
    group.name = name
    group.description = description
    group.members_note = members_note
    group.city = city
    group.join_rule = join_rule
    if not group.invitation_token:
        group.invitation_token = new_invitation_token()
    group.save()
    group.pickup_points.set(pickup_points)
    return group


@transaction.atomic
def group_join(*, group: BuyingGroup, user: Any, token: str | None = None) -> Membership:
    """Join a group under its rule.

    - a valid invitation token lets anyone in at once, whatever the rule (the coordinator
      who shared the link has approved in advance);
    - open: active at once; approval: pending until a coordinator approves;
      invitation: refused without a valid token;
    - already a member: nothing changes (a pending request with a valid token is
      activated);
    - refused to whom the "group orders" gate refuses (members of the cooperative only,
      when the cooperative says so).
    """
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to join a buying group."))
    invited = token_matches(group, token)
    if token and not invited:
        raise PermissionDenied(
            _("This invitation link is not valid (any more). Ask a coordinator for a new one.")
        )
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is None or membership.status != Membership.Status.ACTIVE:
        # Group orders may be for members of the cooperative only (shop.gates).
        gates.ensure_allowed(gates.GROUP_ORDERS, user)
    if membership is not None:
        if invited and membership.status == Membership.Status.PENDING:
            membership.status = Membership.Status.ACTIVE
            membership.save(update_fields=["status"])
        return membership
    if invited or group.join_rule == JoinRule.OPEN:
        status = Membership.Status.ACTIVE
    elif group.join_rule == JoinRule.APPROVAL:
        status = Membership.Status.PENDING
    else:
        raise PermissionDenied(_("This group can only be joined with an invitation link."))
    return Membership.objects.create(
        group=group, user=user, role=Membership.Role.MEMBER, status=status
    )


def _locked_membership(membership: Membership) -> Membership:
    return Membership.objects.select_for_update().select_related("group").get(pk=membership.pk)


@transaction.atomic
def membership_approve(*, membership: Membership, by: Any) -> Membership:
    """A coordinator accepts a pending request (approving an active member does nothing)."""
    membership = _locked_membership(membership)
    require_coordinator(membership.group, by)
    if membership.status != Membership.Status.ACTIVE:
        membership.status = Membership.Status.ACTIVE
        membership.save(update_fields=["status"])
    return membership


@transaction.atomic
def membership_refuse(*, membership: Membership, by: Any) -> None:
    """A coordinator turns down a pending request (active members are not removed here)."""
    membership = _locked_membership(membership)
    require_coordinator(membership.group, by)
    if membership.status != Membership.Status.PENDING:
        raise ValidationError(_("Only a pending request can be refused."))
    membership.delete()


@transaction.atomic
def membership_promote(*, membership: Membership, by: Any) -> Membership:
    """A coordinator makes an active member a coordinator too."""
    membership = _locked_membership(membership)
    require_coordinator(membership.group, by)
    if membership.status != Membership.Status.ACTIVE:
        raise ValidationError(_("Approve the request before making this person a coordinator."))
    if membership.role != Membership.Role.COORDINATOR:
        membership.role = Membership.Role.COORDINATOR
        membership.save(update_fields=["role"])
    return membership


@transaction.atomic
def membership_leave(*, group: BuyingGroup, user: Any) -> None:
    """Leave a group, or withdraw a pending request.

    Refused while the member has commitments in one of the group's open group orders
    (they cancel them first, or wait for the closing: commitments after the deadline are
    firm), and for the last coordinator of a group that still has other members.
    """
    membership = Membership.objects.select_for_update().filter(group=group, user=user).first()
    if membership is None:
        return
    if membership.status == Membership.Status.ACTIVE:
        if Commitment.objects.filter(
            member=user,
            offer__group_order__group=group,
            offer__group_order__state=GroupOrderState.OPEN,
        ).exists():
            raise ValidationError(
                _(
                    "You have commitments in a group order that is still open: cancel them "
                    "before leaving the group."
                )
            )
        if membership.role == Membership.Role.COORDINATOR:
            others = Membership.objects.filter(group=group).exclude(pk=membership.pk)
            other_coordinators = others.filter(
                role=Membership.Role.COORDINATOR, status=Membership.Status.ACTIVE
            )
            if others.exists() and not other_coordinators.exists():
                raise ValidationError(
                    _(
                        "You are the group's only coordinator: make another member a "
                        "coordinator before leaving."
                    )
                )
    membership.delete()


@transaction.atomic
def invitation_token_regenerate(*, group: BuyingGroup, by: Any) -> str:
    """Replace the invitation link: the previous one stops working at once."""
    require_coordinator(group, by)
    BuyingGroup.objects.select_for_update().filter(pk=group.pk).first()
    group.invitation_token = new_invitation_token()
    group.save(update_fields=["invitation_token"])
    return group.invitation_token
