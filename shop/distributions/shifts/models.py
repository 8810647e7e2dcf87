"""Volunteer shifts (permanences): the roles of a distribution, who signed up for them,
and how many shifts the cooperative asks of each household (a user, for now) in a
season."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ShiftRole(models.Model):
    """One job at one distribution, with its places; `places` is only checked under a row
    lock on the role (services.shift_sign_up)."""

    distribution = models.ForeignKey(
        "distributions.Distribution", on_delete=models.CASCADE, related_name="shift_roles"
    )
    label = models.CharField(_("label"), max_length=80)
    places = models.PositiveSmallIntegerField(_("places"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))

    class Meta:
        ordering = ["distribution", "starts_at", "pk"]
        verbose_name = _("shift role")
        verbose_name_plural = _("shift roles")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="shift_role_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.distribution})"


class ShiftSignupQuerySet(models.QuerySet):
    def active(self):
        return self.filter(cancelled_at__isnull=True)


class ShiftSignup(models.Model):
    """A user's sign-up for a role; cancelling keeps the row (audit) and frees the place.
    Signing up again after cancelling reopens the same row (one per role and user)."""

    role = models.ForeignKey(ShiftRole, on_delete=models.CASCADE, related_name="signups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="shift_signups"
    )
    created_at = models.DateTimeField(_("signed up at"), auto_now_add=True)
    cancelled_at = models.DateTimeField(_("cancelled at"), null=True, blank=True)
    # Set once, in the transaction that queues the reminder: a second run sends nothing.
    reminded_at = models.DateTimeField(_("reminded at"), null=True, blank=True)

    objects = ShiftSignupQuerySet.as_manager()

    class Meta:
        ordering = ["role__starts_at", "pk"]
        verbose_name = _("shift sign-up")
        verbose_name_plural = _("shift sign-ups")
        constraints = [models.UniqueConstraint(fields=["role", "user"], name="unique_shift_signup")]

    def __str__(self) -> str:
        return f"{self.user} → {self.role}"


class ShiftRequirement(models.Model):
    """The cooperative asks each household `shifts` shifts between two dates."""

    label = models.CharField(_("label"), max_length=80)
    starts_on = models.DateField(_("season starts on"))
    ends_on = models.DateField(_("season ends on"))
    shifts = models.PositiveSmallIntegerField(_("shifts per household"))

    class Meta:
        ordering = ["-starts_on", "pk"]
        verbose_name = _("shift requirement")
        verbose_name_plural = _("shift requirements")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="shift_requirement_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.label} ({self.starts_on:%d/%m/%Y} – {self.ends_on:%d/%m/%Y})"
