"""Recording the acceptance of the terms of sale."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone

from .models import TermsAcceptance

if TYPE_CHECKING:
    from oscar.apps.order.models import Order


@transaction.atomic
def terms_acceptance_record(
    *,
    order: Order,
    version: str,
    channel: str,
    accepted_at: datetime.datetime | None = None,
) -> TermsAcceptance:
    """Store the version the customer accepted for `order` (called in the transaction
    that writes the order)."""
    return TermsAcceptance.objects.create(
        order=order, version=version, channel=channel, accepted_at=accepted_at or timezone.now()
    )
