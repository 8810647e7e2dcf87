"""Reads of shifts."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Count, Q, QuerySet

from ..models import Distribution
from .models import ShiftRequirement, ShiftRole, ShiftSignup


def roles_with_places(distribution: Distribution) -> QuerySet[ShiftRole]:
    """The roles, each with `taken` (active sign-ups)."""
    return distribution.shift_roles.annotate(
        taken=Count("signups", filter=Q(signups__cancelled_at__isnull=True))
    )


@dataclass(frozen=True)
class RoleRow:
    role: ShiftRole
    left: int
    mine: bool


def role_rows(distribution: Distribution, user: Any) -> list[RoleRow]:
    """The roles with their free places and whether `user` took one."""
    mine: set[int] = set()
    if user.is_authenticated:
        mine = set(
            signups_of(user)
            .filter(role__distribution=distribution)
            .values_list("role_id", flat=True)
        )
    rows = []
    for role in roles_with_places(distribution):
        taken: int = role.taken  # type: ignore[attr-defined]  # annotated
        rows.append(RoleRow(role=role, left=max(role.places - taken, 0), mine=role.pk in mine))
    return rows


def signups_of(user: Any) -> QuerySet[ShiftSignup]:
    return (
        ShiftSignup.objects.active()
        .filter(user=user)
        .select_related("role__distribution")
        .order_by("role__starts_at", "pk")
    )


def current_requirement() -> ShiftRequirement | None:
    return ShiftRequirement.objects.first()


@dataclass(frozen=True)
class Short:
    user: Any
    done: int
    missing: int


def who_is_short(season: ShiftRequirement) -> list[Short]:
    """Active members with fewer sign-ups in the season than required, and how many
    are missing, fewest done first."""
    in_season = Q(
        shift_signups__cancelled_at__isnull=True,
        shift_signups__role__starts_at__date__gte=season.starts_on,
        shift_signups__role__starts_at__date__lte=season.ends_on,
    )
    users = (
        get_user_model()
        .objects.filter(is_active=True, is_staff=False)
        .annotate(done=Count("shift_signups", filter=in_season))
        .filter(done__lt=season.shifts)
        .order_by("done", "last_name", "first_name", "pk")
    )
    return [Short(user=user, done=user.done, missing=season.shifts - user.done) for user in users]
