"""The payment methods a customer may choose at checkout."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentMethod(models.TextChoices):
    CARD = "card", _("Bank card")
    PICKUP = "pickup", _("Pay at pickup")
    TRANSFER = "transfer", _("Bank transfer")


#: The offline methods: the order waits, "awaiting payment", until staff mark it paid.
OFFLINE_METHODS = (PaymentMethod.PICKUP, PaymentMethod.TRANSFER)


def stripe_enabled() -> bool:
    """True when both Stripe keys are configured (card payments are then offered)."""
    return bool(settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY)


def available_methods() -> list[PaymentMethod]:
    """The methods offered at checkout, card first when Stripe is configured."""
    offline = list(OFFLINE_METHODS)
    return [PaymentMethod.CARD, *offline] if stripe_enabled() else offline
