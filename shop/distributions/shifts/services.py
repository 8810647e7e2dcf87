"""Writes of shifts, each one transaction. A sign-up or cancellation is its own audit
record (who: the user, when: created_at / cancelled_at); role edits are audited by a
DistributionEvent (who, when, why)."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ..models import Distribution, DistributionEvent
from .models import ShiftRole, ShiftSignup

# Sign-ups can be cancelled until this many hours before the role starts.
CANCEL_HOURS = 48
REMIND_WITHIN = datetime.timedelta(hours=24)

# (label, places, start offset, end offset) from the pickup start / end.
DEFAULT_ROLES = [
    (gettext_noop("Setting up"), 2, "starts_at", -30, "starts_at", 0),
    (gettext_noop("Welcoming"), 2, "starts_at", 0, "ends_at", 0),
    (gettext_noop("Weighing"), 1, "starts_at", 0, "ends_at", 0),
    (gettext_noop("Cleaning"), 2, "ends_at", 0, "ends_at", 30),
]


class ShiftError(Exception):
    """A shift operation refused, with a message for the person who asked."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def shift_roles_default(*, distribution: Distribution) -> list[ShiftRole]:
    """The four usual roles, unless the distribution already has roles; labels are data,
    stored in the site's language whoever creates the distribution."""
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        if distribution.shift_roles.exists():
            return []
        minute = datetime.timedelta(minutes=1)
        return ShiftRole.objects.bulk_create(
            ShiftRole(
                distribution=distribution,
                label=_(label),
                places=places,
                starts_at=getattr(distribution, start) + start_offset * minute,
                ends_at=getattr(distribution, end) + end_offset * minute,
            )
            for label, places, start, start_offset, end, end_offset in DEFAULT_ROLES
        )


def shift_role_update(
    *,
    role: ShiftRole,
    label: str,
    places: int,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    by: Any,
) -> ShiftRole:
    """Edit a role; places cannot go below the sign-ups already taken."""
    if ends_at <= starts_at:
        raise ShiftError(_("A shift must end after it starts."))
    with transaction.atomic():
        role = ShiftRole.objects.select_for_update().get(pk=role.pk)
        taken = role.signups.active().count()
        if places < taken:
            raise ShiftError(
                _("%(count)d people already signed up: places cannot go below that.")
                % {"count": taken}
            )
        role.label, role.places, role.starts_at, role.ends_at = label, places, starts_at, ends_at
        role.save()
        DistributionEvent.objects.create(
            distribution=role.distribution,
            action=DistributionEvent.Action.UPDATE,
            by=by,
            note=f"shift role {role.pk}: {label}, {places}",
        )
    return role


def shift_sign_up(*, role: ShiftRole, user: Any) -> ShiftSignup:
    """Take a place; the role's row lock makes parallel sign-ups for the last place
    succeed once."""
    with transaction.atomic():
        role = ShiftRole.objects.select_for_update().get(pk=role.pk)
        if role.starts_at <= timezone.now():
            raise ShiftError(_("This shift has already started."))
        signup = ShiftSignup.objects.filter(role=role, user=user).first()
        if signup is not None and signup.cancelled_at is None:
            raise ShiftError(_("You are already signed up for this shift."))
        if role.signups.active().count() >= role.places:
            raise ShiftError(_("This shift is full: choose another one."))
        if signup is None:
            return ShiftSignup.objects.create(role=role, user=user)
        signup.cancelled_at = None
        signup.reminded_at = None
        signup.save(update_fields=["cancelled_at", "reminded_at"])
        return signup


def shift_cancel(*, signup: ShiftSignup, user: Any) -> ShiftSignup:
    """Free the place, until CANCEL_HOURS before the shift."""
    with transaction.atomic():
        signup = ShiftSignup.objects.select_for_update().select_related("role").get(pk=signup.pk)
        if signup.user_id != user.pk:
            raise ShiftError(_("This is not your shift."))
        if signup.cancelled_at is not None:
            raise ShiftError(_("This shift is already cancelled."))
        if signup.role.starts_at - timezone.now() < datetime.timedelta(hours=CANCEL_HOURS):
            raise ShiftError(
                _(
                    "Shifts can be cancelled until %(hours)d hours before they start: "
                    "please contact the coordinators."
                )
                % {"hours": CANCEL_HOURS}
            )
        signup.cancelled_at = timezone.now()
        signup.save(update_fields=["cancelled_at"])
    return signup


def shift_reminders_send(*, now: datetime.datetime | None = None) -> int:
    """E-mail each active sign-up whose role starts within 24 h, once: the sign-up is
    locked and marked in the transaction that queues its e-mail."""
    now = now or timezone.now()
    due = ShiftSignup.objects.active().filter(
        reminded_at__isnull=True,
        role__starts_at__gt=now,
        role__starts_at__lte=now + REMIND_WITHIN,
    )
    sent = 0
    for pk in list(due.values_list("pk", flat=True)):
        with transaction.atomic():
            signup = (
                due.select_for_update(skip_locked=True, of=("self",))
                .select_related("role__distribution", "user")
                .filter(pk=pk)
                .first()
            )
            if signup is None or not signup.user.email:
                continue
            signup.reminded_at = now
            signup.save(update_fields=["reminded_at"])
            _send_reminder(signup)
            sent += 1
    return sent


def _send_reminder(signup: ShiftSignup) -> None:
    role = signup.role
    when = date_format(timezone.localtime(role.starts_at), "DATETIME_FORMAT")
    send_mail(
        _("Reminder: your shift tomorrow — %(label)s") % {"label": role.label},
        _(
            "Hello,\n\nYou signed up for the shift “%(label)s” at %(distribution)s, "
            "starting %(when)s. Thank you for your help!\n"
        )
        % {"label": role.label, "distribution": role.distribution.title, "when": when},
        None,
        [signup.user.email],
    )


def create_default_roles(sender: Any, instance: Distribution, created: bool, **kwargs: Any) -> None:
    """post_save receiver: every new distribution (created, cloned, repeated) gets the
    usual roles; fixtures loaded raw are left alone."""
    if created and not kwargs.get("raw"):
        shift_roles_default(distribution=instance)
