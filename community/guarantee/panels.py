"""Under the impact block of a product or producer page: each claim with a link to give
an opinion on it (registered in the shop's slots by community/panels.py)."""

from __future__ import annotations

from django.http import HttpRequest

from community.panels import is_own_producer, producer_and_kind, viewer

from .selectors import confirmed_memberships


def _claims_of(item, is_producer: bool) -> list:
    profile = getattr(item, "impact", None)  # built in bulk by the shop's view
    if profile is not None:
        return list(profile.claims.values())
    if is_producer:
        return list(item.claims.filter(product__isnull=True).select_related("criterion"))
    return list(item.claims.select_related("criterion"))


def claims_panel_context(request: HttpRequest | None, item) -> dict:
    user = viewer(request)
    producer, is_producer = producer_and_kind(item)
    return {
        "item": item,
        "claims": _claims_of(item, is_producer),
        "is_own": is_own_producer(user, producer),
        "has_college": bool(user and confirmed_memberships(user)),
    }
