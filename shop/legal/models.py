"""Which version of the terms of sale (CGV) the customer accepted for an order."""

from django.db import models
from django.utils.translation import gettext_lazy as _

#: Longest version label staff may give the terms of sale ("2026-12", "v3 — janvier").
VERSION_MAX_LENGTH = 40


class TermsAcceptance(models.Model):
    """Written with the order, in its transaction: at checkout (the box ticked on the
    review page) or at a group order's settlement (the box ticked when committing)."""

    class Channel(models.TextChoices):
        CHECKOUT = "checkout", _("Shop checkout")
        GROUP_ORDER = "group_order", _("Group order commitment")

    order = models.OneToOneField(
        "order.Order",
        on_delete=models.CASCADE,
        related_name="terms_acceptance",
        verbose_name=_("order"),
    )
    version = models.CharField(_("version"), max_length=VERSION_MAX_LENGTH)
    accepted_at = models.DateTimeField(_("accepted at"))
    channel = models.CharField(_("where"), max_length=16, choices=Channel.choices)

    class Meta:
        verbose_name = _("terms of sale acceptance")
        verbose_name_plural = _("terms of sale acceptances")

    def __str__(self) -> str:
        return f"{self.order.number}: {self.version}"
