"""Local currencies, the producers who accept them, and the transfers pulled from a
currency's operator. Balances themselves live in the wallet's ledger (shop.wallet):
an Account whose `currency` is the local currency's code."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# A local currency is pegged to the euro: 1 unit = 1 €, by the currencies' own rules.
EURO_VALUE = Decimal("1.00")

code_validator = RegexValidator(
    r"^[A-Z0-9]+(-[A-Z0-9]+)*$",
    _("Use capital letters, digits and hyphens, e.g. MLC-DROME."),
)


class Adapter(models.TextChoices):
    COMPTOIR = "comptoir", _("Exchange desks only (nothing to fetch)")
    DIGITAL = "digital", _("Digital operator (HTTP API)")


class LocalCurrency(models.Model):
    code = models.CharField(
        _("code"),
        max_length=12,
        unique=True,
        validators=[code_validator],
        help_text=_("Short and unique, e.g. MLC-DROME: it names the wallets' currency."),
    )
    name = models.CharField(_("name"), max_length=80)
    symbol = models.CharField(_("symbol"), max_length=12)
    operator_name = models.CharField(_("operator"), max_length=120, blank=True)
    adapter = models.CharField(
        _("how members' transfers arrive"),
        max_length=12,
        choices=Adapter.choices,
        default=Adapter.COMPTOIR,
    )
    api_base_url = models.URLField(_("operator API base URL"), blank=True)
    api_token_setting = models.CharField(
        _("token setting name"),
        max_length=80,
        blank=True,
        help_text=_(
            "Name of the environment variable holding the operator's API token "
            "(the token itself is never stored in the database)."
        ),
    )
    active = models.BooleanField(_("active"), default=True)
    pulled_until = models.DateTimeField(_("transfers fetched until"), null=True, blank=True)
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)

    class Meta:
        verbose_name = _("local currency")
        verbose_name_plural = _("local currencies")
        ordering = ["name"]

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    @property
    def euro_value(self) -> Decimal:
        return EURO_VALUE


class ProducerAcceptance(models.Model):
    """A producer accepts to be paid in a local currency."""

    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="currency_acceptances",
        verbose_name=_("producer"),
    )
    currency = models.ForeignKey(
        LocalCurrency,
        on_delete=models.PROTECT,
        related_name="acceptances",
        verbose_name=_("local currency"),
    )
    since = models.DateField(_("accepted since"), default=timezone.localdate)
    active = models.BooleanField(_("active"), default=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("currency accepted by a producer")
        verbose_name_plural = _("currencies accepted by producers")
        ordering = ["currency__name", "partner__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["partner", "currency"], name="currencies_one_acceptance_per_producer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} – {self.currency.code}"


class OperatorTransferStatus(models.TextChoices):
    CREDITED = "credited", _("Credited")
    UNMATCHED = "unmatched", _("Unknown member reference")


class OperatorTransfer(models.Model):
    """A transfer fetched from a currency's operator: credited to a member's wallet, or
    kept for staff when its member reference matches nobody."""

    currency = models.ForeignKey(
        LocalCurrency,
        on_delete=models.PROTECT,
        related_name="operator_transfers",
        verbose_name=_("local currency"),
    )
    operator_id = models.CharField(_("operator's transfer id"), max_length=120)
    member_reference = models.CharField(_("member reference"), max_length=200, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    made_at = models.DateTimeField(_("date"))
    status = models.CharField(_("status"), max_length=12, choices=OperatorTransferStatus.choices)
    transfer = models.ForeignKey(
        "wallet.Transfer",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("wallet transfer"),
    )
    fetched_at = models.DateTimeField(_("fetched on"), auto_now_add=True)

    class Meta:
        verbose_name = _("operator transfer")
        verbose_name_plural = _("operator transfers")
        ordering = ["-made_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["currency", "operator_id"], name="currencies_operator_transfer_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.currency.code} {self.operator_id}"
