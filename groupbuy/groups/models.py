"""Buying groups and their members (join rules, roles)."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class JoinRule(models.TextChoices):
    OPEN = "open", _("Open to all members")
    APPROVAL = "approval", _("On approval by a coordinator")
    INVITATION = "invitation", _("By invitation link")


class BuyingGroupQuerySet(models.QuerySet):
    def with_member_count(self):
        return self.annotate(
            member_count=models.Count(
                "memberships", filter=models.Q(memberships__status=Membership.Status.ACTIVE)
            )
        ).order_by("name")


class BuyingGroup(models.Model):
    """A buying group (groupement d'achat) that pools its members' orders."""

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("description"), blank=True)
    members_note = models.TextField(
        _("note for members"),
        blank=True,
        help_text=_("Shown to members only: distribution rota, contacts, practical details."),
    )
    city = models.CharField(_("city"), max_length=128, blank=True)
    join_rule = models.CharField(
        _("join rule"), max_length=12, choices=JoinRule.choices, default=JoinRule.APPROVAL
    )
    invitation_token = models.CharField(_("invitation token"), max_length=48, blank=True)
    pickup_points = models.ManyToManyField(
        "shipping.PickupPoint",
        blank=True,
        related_name="buying_groups",
        verbose_name=_("pickup points"),
    )
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, through="Membership", related_name="buying_groups"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = BuyingGroupQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("buying group")
        verbose_name_plural = _("buying groups")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("groupbuy:group-detail", kwargs={"slug": self.slug})


class Membership(models.Model):
    class Role(models.TextChoices):
        MEMBER = "member", _("Member")
        COORDINATOR = "coordinator", _("Coordinator")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for approval")
        ACTIVE = "active", _("Active")

    group = models.ForeignKey(BuyingGroup, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_memberships"
    )
    role = models.CharField(_("role"), max_length=12, choices=Role.choices, default=Role.MEMBER)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    joined_at = models.DateTimeField(_("joined at"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="unique_group_membership")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.group} ({self.get_role_display()})"
