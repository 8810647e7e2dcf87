"""Pickup points (points de retrait) and home delivery, Oscar's shipping methods here.

A pickup point has weekly opening slots; at checkout the customer picks a point and a
dated slot, recorded on the order as an `OrderPickup`.
"""

import datetime
from decimal import Decimal

from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

postcode_validator = RegexValidator(
    r"^\d{5}$", _("A French postcode has five digits."), code="invalid_postcode"
)


class PickupPointQuerySet(models.QuerySet):
    def active(self):
        return self.filter(is_active=True)


class PickupPoint(models.Model):
    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    address_line = models.CharField(_("address"), max_length=255)
    postcode = models.CharField(_("postcode"), max_length=5, validators=[postcode_validator])
    city = models.CharField(_("city"), max_length=128)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    instructions = models.TextField(
        _("instructions"), blank=True, help_text=_("How to find it, what to bring.")
    )
    is_active = models.BooleanField(_("active"), default=True)

    objects = PickupPointQuerySet.as_manager()

    class Meta:
        app_label = "shipping"
        ordering = ["name"]
        verbose_name = _("pickup point")
        verbose_name_plural = _("pickup points")

    def __str__(self) -> str:
        return f"{self.name} ({self.city})"

    @property
    def shipping_code(self) -> str:
        return f"pickup-{self.slug}"

    def upcoming_slots(self, *, days: int = 14, now: datetime.datetime | None = None):
        """Dated slots in the coming `days` days, soonest first, that have not started."""
        now = timezone.localtime(now)
        slots = list(self.slots.all())
        dated = []
        for offset in range(days + 1):
            day = now.date() + datetime.timedelta(days=offset)
            for slot in slots:
                if slot.weekday == day.weekday():
                    start = timezone.make_aware(datetime.datetime.combine(day, slot.start_time))
                    if start > now:
                        dated.append(DatedSlot(slot, day))
        return dated


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class PickupSlot(models.Model):
    """A weekly opening slot of a pickup point (e.g. Friday 17:00–19:00)."""

    point = models.ForeignKey(PickupPoint, on_delete=models.CASCADE, related_name="slots")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    start_time = models.TimeField(_("opens at"))
    end_time = models.TimeField(_("closes at"))

    class Meta:
        app_label = "shipping"
        ordering = ["weekday", "start_time"]
        verbose_name = _("opening slot")
        verbose_name_plural = _("opening slots")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_time__gt=models.F("start_time")),
                name="pickup_slot_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.start_time:%H:%M}–{self.end_time:%H:%M}"


class DatedSlot:
    """One occurrence of a weekly slot on a given day."""

    def __init__(self, slot: PickupSlot, day: datetime.date):
        self.slot = slot
        self.day = day

    @property
    def key(self) -> str:
        return f"{self.slot.pk}:{self.day.isoformat()}"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.slot.start_time:%H:%M}–{self.slot.end_time:%H:%M}"


class HomeDelivery(models.Model):
    """Home delivery: one flat fee (including VAT) set by staff; off by default."""

    is_enabled = models.BooleanField(_("offer home delivery"), default=False)
    fee_incl_tax = models.DecimalField(
        _("flat fee (incl. VAT)"),
        max_digits=8,
        decimal_places=2,
        default=Decimal("6.90"),
        validators=[MinValueValidator(Decimal("0"))],
    )
    vat_rate = models.DecimalField(
        _("VAT rate"), max_digits=5, decimal_places=4, default=Decimal("0.2000")
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        app_label = "shipping"
        verbose_name = _("home delivery")
        verbose_name_plural = _("home delivery")

    def __str__(self) -> str:
        return str(_("Home delivery"))

    @classmethod
    def current(cls) -> "HomeDelivery":
        return cls.objects.order_by("pk").first() or cls()


class OrderPickup(models.Model):
    """Where and when an order is collected (or that it is delivered at home)."""

    order = models.OneToOneField("order.Order", on_delete=models.CASCADE, related_name="pickup")
    point = models.ForeignKey(
        PickupPoint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="orders",
        verbose_name=_("pickup point"),
    )
    day = models.DateField(_("pickup day"), null=True, blank=True)
    start_time = models.TimeField(_("from"), null=True, blank=True)
    end_time = models.TimeField(_("to"), null=True, blank=True)

    class Meta:
        app_label = "shipping"
        verbose_name = _("order pickup")
        verbose_name_plural = _("order pickups")
        indexes = [models.Index(fields=["point", "day"], name="orderpickup_point_day_idx")]

    def __str__(self) -> str:
        if self.point is None:
            return str(_("Home delivery"))
        return f"{self.point} — {self.day:%d/%m/%Y}"


from oscar.apps.shipping.models import *
