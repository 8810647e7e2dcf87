"""The needs board: what members look for, who supports it, which producer offers it.

Imported by community/models.py, so Django finds these models in the `community` app.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["Need", "NeedOffer", "NeedSupport"]

USER = settings.AUTH_USER_MODEL


class Need(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ANSWERED = "answered", _("Answered")
        FULFILLED = "fulfilled", _("Fulfilled")
        CLOSED = "closed", _("Closed")

    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="needs")
    title = models.CharField(_("what are you looking for?"), max_length=120)
    description = models.TextField(_("details"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    created_at = models.DateTimeField(_("posted on"), default=timezone.now)
    status_changed_at = models.DateTimeField(_("status changed on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("need")
        verbose_name_plural = _("needs")

    def __str__(self) -> str:
        return self.title


class NeedSupport(models.Model):
    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("support for a need")
        verbose_name_plural = _("supports for needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "user"], name="one_support_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.need}"


class NeedOffer(models.Model):
    """A producer's "je peux le fournir", with a link to one of its products."""

    need = models.ForeignKey(Need, on_delete=models.CASCADE, related_name="offers")
    producer = models.ForeignKey("partner.Partner", on_delete=models.CASCADE, related_name="+")
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    message = models.TextField(_("message"), blank=True)
    offered_by = models.ForeignKey(USER, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("offer for a need")
        verbose_name_plural = _("offers for needs")
        constraints = [
            models.UniqueConstraint(fields=["need", "producer"], name="one_offer_per_producer")
        ]

    def __str__(self) -> str:
        return f"{self.producer} → {self.need}"
