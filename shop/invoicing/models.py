"""Invoices: immutable snapshots of what was sold, by whom, to whom.

An invoice is issued per issuer and per order: the cooperative for the lines it sells
itself (and the delivery charge), each producer in "mandate" mode for its own lines (the
cooperative issues it in the producer's name). Seller and buyer are copied at issue
(`seller`, `buyer` JSON), so a later change of address or name never alters an invoice;
the PDF is regenerated on demand from these rows (reportlab, deterministic output): no
file to store or lose, and the text is always that of the issued invoice.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

COOPERATIVE_ISSUER = "coop"


def partner_issuer(partner_pk: int) -> str:
    """The issuer key of a producer invoicing under mandate."""
    return f"partner-{partner_pk}"


class InvoicingMode(models.TextChoices):
    COOPERATIVE = "cooperative", _("The cooperative sells (default)")
    MANDATE = "mandate", _("The producer sells; the cooperative invoices under mandate")


class InvoicingProfile(models.Model):
    """How a producer's sales are invoiced (the commission is shop.pricing's)."""

    partner = models.OneToOneField(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="invoicing_profile",
        verbose_name=_("producer"),
    )
    mode = models.CharField(
        _("invoicing mode"),
        max_length=12,
        choices=InvoicingMode.choices,
        default=InvoicingMode.COOPERATIVE,
    )
    vat_number = models.CharField(_("VAT number"), max_length=20, blank=True)
    vat_franchise = models.BooleanField(
        _("VAT franchise (art. 293 B of the CGI)"),
        default=False,
        help_text=_("The producer charges no VAT: its invoices say so."),
    )
    mandate_signed_on = models.DateField(_("mandate signed on"), null=True, blank=True)
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
        verbose_name = _("invoicing profile")
        verbose_name_plural = _("invoicing profiles")

    def __str__(self) -> str:
        return str(self.partner)


class InvoiceSequence(models.Model):
    """The last number given by an issuer in a year: a row locked while numbering."""

    issuer = models.CharField(_("issuer"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    last_number = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("invoice sequence")
        verbose_name_plural = _("invoice sequences")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "year"], name="invoicing_sequence_unique")
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.year}: {self.last_number}"


class Invoice(models.Model):
    """One issuer's invoice for one order. Never changed once issued, except `paid_at`
    (the "acquittée" mention, set when the order is paid)."""

    number = models.CharField(_("number"), max_length=40, unique=True)
    issuer = models.CharField(_("issuer"), max_length=40)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence_number = models.PositiveIntegerField(_("sequence number"))
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invoices",
        verbose_name=_("producer (mandate)"),
    )
    order = models.ForeignKey(
        "order.Order", on_delete=models.PROTECT, related_name="invoices", verbose_name=_("order")
    )
    issued_at = models.DateTimeField(_("issued at"))
    seller = models.JSONField(_("seller"))
    buyer = models.JSONField(_("buyer"))
    total_excl_tax = models.DecimalField(_("total excl. tax"), max_digits=12, decimal_places=2)
    total_tax = models.DecimalField(_("VAT"), max_digits=12, decimal_places=2)
    total_incl_tax = models.DecimalField(_("total incl. tax"), max_digits=12, decimal_places=2)
    payment_method = models.CharField(_("payment method"), max_length=80, blank=True)
    paid_at = models.DateTimeField(_("paid at"), null=True, blank=True)

    class Meta:
        verbose_name = _("invoice")
        verbose_name_plural = _("invoices")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["order", "issuer"], name="invoicing_one_per_issuer"),
            models.UniqueConstraint(
                fields=["issuer", "year", "sequence_number"], name="invoicing_number_unique"
            ),
        ]
        indexes = [models.Index(fields=["issuer", "issued_at"], name="invoicing_issuer_date")]

    def __str__(self) -> str:
        return self.number

    @property
    def is_mandate(self) -> bool:
        return self.issuer != COOPERATIVE_ISSUER


class InvoiceLine(models.Model):
    invoice = models.ForeignKey(
        Invoice, on_delete=models.CASCADE, related_name="lines", verbose_name=_("invoice")
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )
    description = models.CharField(_("description"), max_length=300)
    quantity = models.PositiveIntegerField(_("quantity"))
    unit_price_excl_tax = models.DecimalField(
        _("unit price excl. tax"), max_digits=12, decimal_places=2
    )
    vat_rate = models.DecimalField(_("VAT rate"), max_digits=5, decimal_places=4)
    total_excl_tax = models.DecimalField(_("total excl. tax"), max_digits=12, decimal_places=2)
    vat_amount = models.DecimalField(_("VAT amount"), max_digits=12, decimal_places=2)
    total_incl_tax = models.DecimalField(_("total incl. tax"), max_digits=12, decimal_places=2)
    # The cooperative's commission on this line when it was sold (shop.pricing's rate for
    # the producer and product class then): statements never use today's rates.
    commission_percent = models.DecimalField(
        _("commission (%)"), max_digits=5, decimal_places=2, default=Decimal("0")
    )

    class Meta:
        verbose_name = _("invoice line")
        verbose_name_plural = _("invoice lines")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.description
