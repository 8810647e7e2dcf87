"""Stakeholder colleges (ISO 26000): a member asks to join one, a facilitator confirms."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models_guarantee import College, CollegeMembership

FACILITATE_PERMISSION = "community.facilitate"


def can_facilitate(user) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(FACILITATE_PERMISSION))


def confirmed_memberships(user) -> list[CollegeMembership]:
    if not user.is_authenticated:
        return []
    return list(
        CollegeMembership.objects.filter(user=user, status=CollegeMembership.Status.CONFIRMED)
        .select_related("college")
        .order_by("college__position", "pk")
    )


def pending_requests():
    return (
        CollegeMembership.objects.filter(status=CollegeMembership.Status.REQUESTED)
        .select_related("user", "college")
        .order_by("requested_at", "pk")
    )


@transaction.atomic
def college_join_request(*, user, college: College, motivation: str = "") -> CollegeMembership:
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to join a college."))
    if CollegeMembership.objects.filter(user=user, college=college).exists():
        raise ValidationError(_("You have already asked to join this college."))
    try:
        with transaction.atomic():
            return CollegeMembership.objects.create(
                user=user, college=college, motivation=motivation.strip()
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already asked to join this college.")) from error


@transaction.atomic
def college_membership_confirm(*, membership: CollegeMembership, facilitator) -> CollegeMembership:
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can confirm a college membership."))
    membership = CollegeMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == CollegeMembership.Status.CONFIRMED:
        raise ValidationError(_("This membership is already confirmed."))
    membership.status = CollegeMembership.Status.CONFIRMED
    membership.confirmed_by = facilitator
    membership.confirmed_at = timezone.now()
    membership.save()
    return membership


@transaction.atomic
def college_membership_decline(*, membership: CollegeMembership, facilitator) -> None:
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can decline a college membership."))
    CollegeMembership.objects.filter(pk=membership.pk).delete()
