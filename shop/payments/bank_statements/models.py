"""An import of a bank statement, and each operation line it brought, stored once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StatementImport(models.Model):
    """One CSV file imported by staff, with what it brought (the audit of the import)."""

    file_name = models.CharField(_("file"), max_length=255)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("imported by"),
    )
    imported_at = models.DateTimeField(_("imported on"), auto_now_add=True)
    lines_read = models.PositiveIntegerField(_("lines read"), default=0)
    lines_new = models.PositiveIntegerField(_("new lines"), default=0)
    lines_known = models.PositiveIntegerField(_("lines already imported"), default=0)
    lines_matched = models.PositiveIntegerField(_("lines matched"), default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        verbose_name = _("bank statement import")
        verbose_name_plural = _("bank statement imports")

    def __str__(self) -> str:
        return f"{self.file_name} ({self.imported_at:%Y-%m-%d %H:%M})"


class StatementLine(models.Model):
    """One operation of the bank account. Its fingerprint is unique: a line imported
    again (same file, overlapping export) is recognised and never applied twice."""

    class Status(models.TextChoices):
        UNMATCHED = "unmatched", _("To match")
        MATCHED = "matched", _("Matched")
        IGNORED = "ignored", _("Set aside")
        OUTGOING = "outgoing", _("Outgoing payment")

    class Resolution(models.TextChoices):
        NONE = "", _("Not resolved")
        AUTOMATIC = "automatic", _("Automatically, by its reference")
        MANUAL = "manual", _("By hand")

    fingerprint = models.CharField(_("fingerprint"), max_length=64, unique=True)
    statement = models.ForeignKey(
        StatementImport,
        on_delete=models.PROTECT,
        related_name="lines",
        verbose_name=_("imported with"),
    )
    row = models.PositiveIntegerField(_("line in the file"))
    booking_date = models.DateField(_("date"))
    label = models.CharField(_("label"), max_length=500)
    reference = models.CharField(_("reference column"), max_length=140, blank=True)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.UNMATCHED
    )
    matched_reference = models.CharField(_("matched reference"), max_length=64, blank=True)
    outcome = models.CharField(
        _("outcome"),
        max_length=255,
        blank=True,
        help_text=_("What the line paid, or why it could not be matched."),
    )
    resolution = models.CharField(
        _("resolved"), max_length=12, choices=Resolution.choices, blank=True, default=""
    )
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("resolved by"),
    )
    resolved_at = models.DateTimeField(_("resolved on"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["booking_date", "pk"]
        verbose_name = _("bank statement line")
        verbose_name_plural = _("bank statement lines")
        indexes = [models.Index(fields=["status", "booking_date"])]

    def __str__(self) -> str:
        return f"{self.booking_date} {self.amount} {self.label[:40]}"
