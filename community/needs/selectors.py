"""Reads of the needs board."""

from __future__ import annotations

from django.db.models import Count, QuerySet

from .models import Need


def needs_board() -> QuerySet[Need]:
    """Needs with their number of supports and offers."""
    return Need.objects.select_related("author").annotate(
        support_count=Count("supports", distinct=True),
        offer_count=Count("offers", distinct=True),
    )
