"""Distributions (ventes): selling in order cycles with a stock per distribution.

A distribution is a pickup window at one or more pickup points, an ordering window, the
producers taking part and, per product, the quantity they can bring that day
(`DistributionOffer`). The quantity sold is counted on the offer itself and raised under
a row lock when an order is placed (`services.distribution_reserve`), as the shop's stock
records are: N concurrent orders for the last K units → K succeed.

The basket belongs to one distribution: `BasketDistribution` (basket one-to-one →
distribution) rather than a field on a forked basket model, because forking Oscar's
basket app (already forked as `shop.members_only` for its views, without models) for one
field means carrying Oscar's basket migrations in the project; a side table costs one
join and keeps Oscar's models untouched. The order records its distribution the same
way (`OrderDistribution`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DistributionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CLOSED = "closed", _("Closed")
    CANCELLED = "cancelled", _("Cancelled")


class DistributionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=DistributionStatus.PUBLISHED)

    def open_at(self, at):
        """Published and taking orders at `at`."""
        return self.published().filter(opens_at__lte=at, closes_at__gt=at)


class Distribution(models.Model):
    title = models.CharField(_("title"), max_length=150)
    starts_at = models.DateTimeField(_("pickup starts at"))
    ends_at = models.DateTimeField(_("pickup ends at"))
    opens_at = models.DateTimeField(_("ordering opens at"))
    closes_at = models.DateTimeField(_("ordering closes at"))
    pickup_points = models.ManyToManyField(
        "shipping.PickupPoint", related_name="distributions", verbose_name=_("pickup points")
    )
    producers = models.ManyToManyField(
        "partner.Partner", related_name="distributions", verbose_name=_("producers")
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=DistributionStatus.choices,
        default=DistributionStatus.DRAFT,
    )
    # Set once, by the task that closes ordering (purchase orders, distribution sheet).
    closed_at = models.DateTimeField(_("ordering closed at"), null=True, blank=True)
    # Distributions cloned from one another share their series.
    series = models.UUIDField(_("series"), default=uuid.uuid4, db_index=True, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DistributionQuerySet.as_manager()

    class Meta:
        ordering = ["starts_at", "pk"]
        verbose_name = _("distribution")
        verbose_name_plural = _("distributions")
        indexes = [
            models.Index(fields=["status", "opens_at", "closes_at"], name="distribution_open_idx")
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="distribution_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__gt=models.F("opens_at")),
                name="distribution_closes_after_it_opens",
            ),
            models.CheckConstraint(
                condition=models.Q(closes_at__lte=models.F("starts_at")),
                name="distribution_closes_before_pickup",
            ),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.title} — {local:%d/%m/%Y}"

    def is_open(self, at=None) -> bool:
        at = at or timezone.now()
        return self.status == DistributionStatus.PUBLISHED and self.opens_at <= at < self.closes_at


class DistributionOffer(models.Model):
    """What one product offers in one distribution; `sold` only grows under a row lock
    when an order is placed (and shrinks when an order is cancelled)."""

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="offers")
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="distribution_offers",
        verbose_name=_("product"),
    )
    quantity = models.PositiveIntegerField(_("quantity available"))
    sold = models.PositiveIntegerField(_("quantity sold"), default=0)

    class Meta:
        ordering = ["distribution", "product__title", "pk"]
        verbose_name = _("distribution offer")
        verbose_name_plural = _("distribution offers")
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "product"], name="unique_distribution_product"
            ),
            models.CheckConstraint(
                condition=models.Q(sold__lte=models.F("quantity")),
                name="distribution_offer_never_oversold",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.product} × {self.quantity} ({self.distribution})"

    @property
    def left(self) -> int:
        return max(self.quantity - self.sold, 0)


class BasketDistribution(models.Model):
    """The distribution an open basket is filled for (see the module's docstring)."""

    basket = models.OneToOneField(
        "basket.Basket", on_delete=models.CASCADE, related_name="distribution_choice"
    )
    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="baskets")

    class Meta:
        verbose_name = _("basket distribution")
        verbose_name_plural = _("basket distributions")

    def __str__(self) -> str:
        return f"{self.basket_id} → {self.distribution}"


class OrderDistribution(models.Model):
    """The distribution an order was placed for, and where it is collected."""

    order = models.OneToOneField(
        "order.Order", on_delete=models.CASCADE, related_name="distribution_link"
    )
    distribution = models.ForeignKey(
        Distribution,
        on_delete=models.PROTECT,
        related_name="orders",
        verbose_name=_("distribution"),
    )
    pickup_point = models.ForeignKey(
        "shipping.PickupPoint",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pickup point"),
    )
    # Set when a cancelled order gave its quantities back (once).
    released = models.BooleanField(_("quantities released"), default=False)

    class Meta:
        verbose_name = _("order distribution")
        verbose_name_plural = _("order distributions")
        indexes = [
            models.Index(fields=["distribution", "pickup_point"], name="orderdist_dist_point_idx")
        ]

    def __str__(self) -> str:
        return f"{self.order_id} → {self.distribution}"


class DistributionEvent(models.Model):
    """Audit trail of every change to a distribution: who, when, what, why."""

    class Action(models.TextChoices):
        CREATE = "create", _("Created")
        UPDATE = "update", _("Updated")
        PUBLISH = "publish", _("Published")
        CLONE = "clone", _("Cloned")
        OFFER = "offer", _("Quantity set")
        CLOSE = "close", _("Ordering closed")
        CANCEL = "cancel", _("Cancelled")

    distribution = models.ForeignKey(Distribution, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("distribution event")
        verbose_name_plural = _("distribution events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} — {self.distribution}"


from .closing.models import DistributionSheetSent, PurchaseOrderSent  # the closing's records
from .shifts.models import ShiftRequirement, ShiftRole, ShiftSignup  # volunteer shifts
