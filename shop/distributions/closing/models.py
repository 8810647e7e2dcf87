"""Records of what was sent when ordering closed, so that sending is idempotent: a
unique row per (distribution, producer) purchase order and per distribution sheet is
created in the same transaction as the e-mail is enqueued; a second run finds the row
and sends nothing (the database constraint settles a race between two workers).

Imported at the end of `shop.distributions.models` (same app label)."""

from __future__ import annotations

from django.db import models
from django.db.models.signals import pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PurchaseOrderSent(models.Model):
    distribution = models.ForeignKey(
        "distributions.Distribution",
        on_delete=models.CASCADE,
        related_name="purchase_orders_sent",
        verbose_name=_("distribution"),
    )
    partner = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="purchase_orders_sent",
        verbose_name=_("producer"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        ordering = ["-sent_at", "-pk"]
        verbose_name = _("purchase order sent")
        verbose_name_plural = _("purchase orders sent")
        constraints = [
            models.UniqueConstraint(
                fields=["distribution", "partner"], name="purchase_order_sent_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.partner} — {self.distribution}"


class DistributionSheetSent(models.Model):
    distribution = models.OneToOneField(
        "distributions.Distribution",
        on_delete=models.CASCADE,
        related_name="sheet_sent",
        verbose_name=_("distribution"),
    )
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    recipients = models.TextField(_("recipients"), blank=True)

    class Meta:
        verbose_name = _("distribution sheet sent")
        verbose_name_plural = _("distribution sheets sent")

    def __str__(self) -> str:
        return str(self.distribution)


# --- Late changes --------------------------------------------------------------------------
# Once ordering is closed the purchase orders are out: the quantities offered must not
# move. The check sits on the offer's save so that every path (dashboard, admin, shell)
# is refused; the distributions services turn the error into a form message. The
# quantity sold may still go down (a cancelled order gives its quantities back).


def _refuse_if_closed(offer) -> None:
    from .services import OffersClosed, is_closed

    distribution = offer.distribution
    if is_closed(distribution):
        raise OffersClosed(distribution)


@receiver(pre_save, sender="distributions.DistributionOffer", dispatch_uid="closing.offer_save")
def refuse_offer_change_after_closing(sender, instance, update_fields=None, **kwargs) -> None:
    if update_fields is not None and set(update_fields) <= {"sold"}:
        return
    _refuse_if_closed(instance)


@receiver(pre_delete, sender="distributions.DistributionOffer", dispatch_uid="closing.offer_delete")
def refuse_offer_delete_after_closing(sender, instance, origin=None, **kwargs) -> None:
    # Deleting the distribution itself (admin) takes its offers along: allowed.
    origin_model = getattr(origin, "model", None) or type(origin)
    if getattr(origin_model, "_meta", None) and origin_model._meta.model_name == "distribution":
        return
    _refuse_if_closed(instance)
