"""What the payments app stores beside Oscar's own payment models.

Oscar keeps the money trail (`payment.Source`, `payment.Transaction`,
`order.PaymentEvent`); these models keep what Oscar has no place for: the Stripe
PaymentIntents created for an order number, each Stripe refund (so that a retried or
re-delivered refund is recorded once), each webhook event received (so that it has an
effect once), and the staff audit trail.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class StripePaymentIntent(models.Model):
    """A PaymentIntent created for an order number (several if the amount changed or an
    earlier one was cancelled: `attempt` counts them)."""

    order_number = models.CharField(_("Order number"), max_length=128)
    attempt = models.PositiveSmallIntegerField(_("Attempt"), default=1)
    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=255, unique=True)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    currency = models.CharField(_("Currency"), max_length=12)
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe PaymentIntent")
        verbose_name_plural = _("Stripe PaymentIntents")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_number", "attempt"], name="payments_pi_order_attempt_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.order_number} #{self.attempt}: {self.payment_intent_id}"


class StripeRefund(models.Model):
    """One refund asked of Stripe (or found there), keyed by its idempotency key.

    A refund is written here before Stripe is called (`requested`), so that a retry
    after a timeout reuses the same idempotency key; it becomes `recorded` once Oscar's
    Source and Transaction say so. `release` rows are the uncaptured remainder of a
    partial capture, which some Stripe servers list as a refund: never money given back.
    """

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        RECORDED = "recorded", _("Recorded")
        FAILED = "failed", _("Failed")
        RELEASE = "release", _("Uncaptured remainder")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="stripe_refunds"
    )
    payment_intent_id = models.CharField(_("PaymentIntent"), max_length=255)
    idempotency_key = models.CharField(_("Idempotency key"), max_length=255, unique=True)
    refund_id = models.CharField(_("Stripe refund"), max_length=255, unique=True, null=True)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    status = models.CharField(_("Status"), max_length=16, choices=Status.choices)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True
    )
    created_at = models.DateTimeField(_("Created"), auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe refund")
        verbose_name_plural = _("Stripe refunds")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.idempotency_key} ({self.get_status_display()})"


class StripeEvent(models.Model):
    """A webhook event, stored once: a second delivery of the same id has no effect."""

    event_id = models.CharField(_("Event"), max_length=255, unique=True)
    type = models.CharField(_("Type"), max_length=128)
    created = models.DateTimeField(_("Created at Stripe"))
    payload = models.JSONField(_("Payload"))
    received_at = models.DateTimeField(_("Received"), auto_now_add=True)
    processed_at = models.DateTimeField(_("Processed"), null=True, blank=True)
    outcome = models.CharField(_("Outcome"), max_length=255, blank=True)

    class Meta:
        verbose_name = _("Stripe event")
        verbose_name_plural = _("Stripe events")
        ordering = ["-received_at"]

    def __str__(self) -> str:
        return f"{self.event_id} ({self.type})"


class PaymentAudit(models.Model):
    """Who did what to an order's payment, when, and for how much."""

    class Action(models.TextChoices):
        OFFLINE_PENDING = "offline_pending", _("Awaiting offline payment")
        MARK_PAID = "mark_paid", _("Marked paid")
        OFFLINE_REFUND = "offline_refund", _("Refunded (offline)")
        AUTHORISE = "authorise", _("Card authorised")
        CAPTURE = "capture", _("Card payment captured")
        CANCEL = "cancel", _("Card authorisation cancelled")
        CARD_REFUND = "card_refund", _("Refunded to the card")
        DISPUTE = "dispute", _("Card payment disputed")

    order = models.ForeignKey(
        "order.Order", on_delete=models.CASCADE, related_name="payment_audits"
    )
    action = models.CharField(_("Action"), max_length=32, choices=Action.choices)
    amount = models.DecimalField(_("Amount"), max_digits=12, decimal_places=2)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("By"),
    )
    created_at = models.DateTimeField(_("When"), auto_now_add=True, db_index=True)
    note = models.TextField(_("Note"), blank=True)

    class Meta:
        verbose_name = _("Payment audit entry")
        verbose_name_plural = _("Payment audit trail")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.order_id} {self.action} {self.amount}"
