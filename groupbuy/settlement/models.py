"""Settlement of a confirmed group order: card payments set up at commitment and each
member's Oscar order with its payment state."""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


from groupbuy.orders.models import GroupOrder


class StripeCustomer(models.Model):
    """The Stripe customer that holds a member's saved card (one per user)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="stripe_customer"
    )
    customer_id = models.CharField(_("Stripe customer"), max_length=255, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Stripe customer")
        verbose_name_plural = _("Stripe customers")

    def __str__(self) -> str:
        return f"{self.user} → {self.customer_id}"


class GroupPayment(models.Model):
    """How a member pays a group order by card, set up when they commit.

    *Authorization*: a PaymentIntent with manual capture for the member's maximum
    (firm + tolerance at the base price), when the closing is at most
    GROUPBUY_AUTHORIZATION_MAX_DAYS away (an authorization lasts 7 days at Stripe).
    *Saved card*: a SetupIntent saves the card on the member's Stripe customer; the
    exact amount is charged off-session at confirmation."""

    class Mode(models.TextChoices):
        AUTHORIZATION = "authorization", _("Card authorised")
        SAVED_CARD = "saved_card", _("Card saved")
        PICKUP = "pickup", _("Pay at pickup")

    class Status(models.TextChoices):
        REQUIRES_CARD = "requires_card", _("Card to enter")
        READY = "ready", _("Card ready")  # authorised, or saved
        CAPTURED = "captured", _("Paid")
        CANCELED = "canceled", _("Released")
        FAILED = "failed", _("Payment failed")

    group_order = models.ForeignKey(GroupOrder, on_delete=models.CASCADE, related_name="payments")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_payments"
    )
    mode = models.CharField(max_length=16, choices=Mode.choices)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.REQUIRES_CARD)
    amount = models.DecimalField(_("amount"), max_digits=12, decimal_places=2, default=0)
    # Bumped whenever the amount to authorise changes: part of the idempotency key.
    amount_version = models.PositiveIntegerField(default=1)
    payment_intent_id = models.CharField(max_length=255, blank=True)
    setup_intent_id = models.CharField(max_length=255, blank=True)
    payment_method_id = models.CharField(max_length=255, blank=True)
    capture_before = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("group order card payment")
        verbose_name_plural = _("group order card payments")
        constraints = [
            models.UniqueConstraint(
                fields=["group_order", "member"], name="one_group_payment_per_member"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.group_order} ({self.mode}, {self.status})"


class GroupOrderSettlement(models.Model):
    """A member's settled share of a confirmed group order: their Oscar order (its lines
    are what they were allocated, at the tier price) and how its payment stands.

    One row per (group order, member, sequence): sequence 0 is the order written at
    confirmation; later ones are the supplementary orders of units re-allocated after
    another member's lines were released (paid at pickup)."""

    class PaymentState(models.TextChoices):
        PENDING = "pending_payment", _("Awaiting payment")
        PAID = "paid", _("Paid")
        FAILED = "failed", _("Payment failed: waiting for the member")
        RELEASED = "released", _("Released (not paid in time)")

    group_order = models.ForeignKey(
        GroupOrder, on_delete=models.CASCADE, related_name="settlements"
    )
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="group_settlements"
    )
    sequence = models.PositiveSmallIntegerField(default=0)
    order = models.OneToOneField(
        "order.Order", on_delete=models.PROTECT, related_name="group_settlement"
    )
    payment_method = models.CharField(max_length=16)  # shop.payments.methods.PaymentMethod
    payment_state = models.CharField(
        max_length=16, choices=PaymentState.choices, default=PaymentState.PENDING
    )
    payment_due_at = models.DateTimeField(null=True, blank=True)
    failure_message = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("group order settlement")
        verbose_name_plural = _("group order settlements")
        ordering = ["group_order", "member", "sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["group_order", "member", "sequence"], name="one_settlement_per_member"
            )
        ]
        indexes = [
            models.Index(fields=["payment_state", "payment_due_at"], name="settlement_due_idx")
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.group_order}: {self.order_id} ({self.payment_state})"
