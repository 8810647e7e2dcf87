"""Commission rates, logistics fees and net quantities: the data a price is broken into.

Rates and fees are small tables read whole once per request (selectors.pricing_rates);
a net quantity is one row per product, joined to the listing query (no query per card).
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

PERCENT_VALIDATORS = [MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))]


class CommissionRate(models.Model):
    """The cooperative's share of a price excluding tax, for a producer, a product class,
    or one producer's products of one class. The most specific rate wins (producer and
    class, then producer, then class, then settings.PRICING_DEFAULT_COMMISSION_PERCENT)."""

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commission_rates",
        verbose_name=_("producer"),
    )
    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="commission_rates",
        verbose_name=_("product class"),
    )
    percent = models.DecimalField(
        _("commission (%)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT_VALIDATORS,
        help_text=_("Share of the price excluding tax kept by the cooperative."),
    )
    note = models.CharField(_("note (why)"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("commission rate")
        verbose_name_plural = _("commission rates")
        ordering = ["partner__name", "product_class__name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(product_class__isnull=False),
                name="pricing_commission_has_scope",
            ),
            # One rate per scope; NULLS NOT DISTINCT is PostgreSQL 15+, so three indexes.
            models.UniqueConstraint(
                fields=["partner", "product_class"], name="pricing_commission_unique_pair"
            ),
            models.UniqueConstraint(
                fields=["partner"],
                condition=Q(product_class__isnull=True),
                name="pricing_commission_unique_partner",
            ),
            models.UniqueConstraint(
                fields=["product_class"],
                condition=Q(partner__isnull=True),
                name="pricing_commission_unique_class",
            ),
        ]

    def __str__(self) -> str:
        scope = " / ".join(str(x) for x in (self.partner, self.product_class) if x is not None)
        return f"{scope}: {self.percent} %"


class LogisticsFee(models.Model):
    """Transport, packing…: a fixed amount per unit sold or a percentage of the price
    excluding tax, for every product, one producer's or one product class's.

    A distribution-level scope (fees shared out per distribution) will come with
    shop/distributions: it will add a nullable `distribution` FK and a scope here."""

    class Kind(models.TextChoices):
        PER_UNIT = "per_unit", _("Amount per unit (€ excl. tax)")
        PERCENT = "percent", _("Percentage of the price excl. tax")

    class Scope(models.TextChoices):
        ALL = "all", _("Every product")
        PRODUCER = "producer", _("One producer's products")
        PRODUCT_CLASS = "product_class", _("One product class")

    label = models.CharField(_("label"), max_length=120)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    amount = models.DecimalField(
        _("amount"),
        max_digits=8,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
        help_text=_("Euros excluding tax per unit, or a percentage, depending on the kind."),
    )
    scope = models.CharField(_("applies to"), max_length=15, choices=Scope.choices)
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="logistics_fees",
        verbose_name=_("producer"),
    )
    product_class = models.ForeignKey(
        "catalogue.ProductClass",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="logistics_fees",
        verbose_name=_("product class"),
    )
    is_active = models.BooleanField(_("active"), default=True)
    note = models.CharField(_("note (why)"), max_length=255, blank=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("logistics fee")
        verbose_name_plural = _("logistics fees")
        ordering = ["label", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(scope="all", partner__isnull=True, product_class__isnull=True)
                    | Q(scope="producer", partner__isnull=False, product_class__isnull=True)
                    | Q(scope="product_class", partner__isnull=True, product_class__isnull=False)
                ),
                name="pricing_fee_scope_matches",
            ),
            models.CheckConstraint(
                condition=~Q(kind="percent") | Q(amount__lte=100),
                name="pricing_fee_percent_at_most_100",
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Unit(models.TextChoices):
    GRAM = "g", _("g")
    KILOGRAM = "kg", _("kg")
    MILLILITRE = "ml", _("ml")
    CENTILITRE = "cl", _("cl")
    LITRE = "l", _("l")
    PIECE = "piece", _("piece(s)")


#: Each unit's reference unit (the one a unit price is given in) and its size in it.
REFERENCE_UNITS: dict[str, tuple[str, Decimal]] = {
    Unit.GRAM: (Unit.KILOGRAM, Decimal("0.001")),
    Unit.KILOGRAM: (Unit.KILOGRAM, Decimal("1")),
    Unit.MILLILITRE: (Unit.LITRE, Decimal("0.001")),
    Unit.CENTILITRE: (Unit.LITRE, Decimal("0.01")),
    Unit.LITRE: (Unit.LITRE, Decimal("1")),
    Unit.PIECE: (Unit.PIECE, Decimal("1")),
}


class ProductNetQuantity(models.Model):
    """The net quantity of a pre-packaged product (250 g, 75 cl, 6 pieces): a row of its
    own, joined to the listing query, rather than an Oscar attribute (a query per card)."""

    product = models.OneToOneField(
        "catalogue.Product",
        on_delete=models.CASCADE,
        related_name="net_quantity",
        verbose_name=_("product"),
    )
    quantity = models.DecimalField(
        _("net quantity"),
        max_digits=10,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0.001"))],
    )
    unit = models.CharField(_("unit"), max_length=5, choices=Unit.choices)

    class Meta:
        verbose_name = _("net quantity")
        verbose_name_plural = _("net quantities")
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="pricing_net_quantity_gt_0")
        ]

    def __str__(self) -> str:
        return f"{self.quantity.normalize():f} {self.get_unit_display()}"

    @property
    def reference_unit(self) -> str:
        return REFERENCE_UNITS[self.unit][0]

    @property
    def in_reference_unit(self) -> Decimal:
        """The quantity in kilograms, litres or pieces."""
        return self.quantity * REFERENCE_UNITS[self.unit][1]


class PricingChange(models.Model):
    """Append-only audit of the staff's changes to rates and fees: who, when, why."""

    at = models.DateTimeField(_("date of the change"), auto_now_add=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("changed by"),
    )
    action = models.CharField(_("kind of change"), max_length=40)
    subject = models.CharField(_("what changed"), max_length=255)
    note = models.CharField(_("note (why)"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("pricing change")
        verbose_name_plural = _("pricing changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.subject}"
