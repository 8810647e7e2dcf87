"""Reviews of products and producers by members who bought them ("achat vérifié").

Imported by community/models.py, so Django finds these models in the `community` app.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = ["ProducerFeedback", "ProductFeedback"]

USER = settings.AUTH_USER_MODEL


class FeedbackBase(models.Model):
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    text = models.TextField(_("your review"))
    author = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    verified_purchase = models.BooleanField(_("verified purchase"), default=False)
    created_at = models.DateTimeField(_("written on"), default=timezone.now)
    answer = models.TextField(_("producer's answer"), blank=True)
    answered_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered on"), null=True, blank=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.author} — {self.rating}/5"

    @property
    def is_answered(self) -> bool:
        return self.answered_at is not None


class ProductFeedback(FeedbackBase):
    product = models.ForeignKey(
        "catalogue.Product", on_delete=models.CASCADE, related_name="feedback"
    )

    class Meta(FeedbackBase.Meta):
        verbose_name = _("product review")
        verbose_name_plural = _("product reviews")
        constraints = [
            models.UniqueConstraint(fields=["product", "author"], name="one_review_per_product")
        ]


class ProducerFeedback(FeedbackBase):
    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="feedback"
    )

    class Meta(FeedbackBase.Meta):
        verbose_name = _("producer review")
        verbose_name_plural = _("producer reviews")
        constraints = [
            models.UniqueConstraint(fields=["producer", "author"], name="one_review_per_producer")
        ]
