"""In the impact passport of a product or producer page: each claim's link to give an
opinion on it, and a word on the colleges for those who have none (registered in the
shop's slots by community/panels.py)."""

from __future__ import annotations

from django.http import HttpRequest

from community.panels import is_own_producer, producer_and_kind, viewer

from .selectors import confirmed_memberships

#: Request attribute where the viewer's standing is kept: both panels read it.
STANDING_ATTR = "_community_claim_standing"


def _standing(request: HttpRequest | None, item) -> dict:
    """Whether the viewer speaks for the item's producer and sits in a college (two
    queries for a member, none for a visitor), computed once per request and item."""
    key = (type(item).__name__, item.pk)
    memo = getattr(request, STANDING_ATTR, None) if request is not None else None
    if memo is not None and key in memo:
        return memo[key]
    user = viewer(request)
    producer, _is_producer = producer_and_kind(item)
    standing = {
        "is_own": is_own_producer(user, producer),
        "has_college": bool(user and confirmed_memberships(user)),
    }
    if request is not None:
        setattr(request, STANDING_ATTR, {**(memo or {}), key: standing})
    return standing


def opinion_context(request: HttpRequest | None, item) -> dict:
    """Read by the link under each claim: "give my opinion", or "see the opinions" for
    the producer's own accounts (they cannot vote on their claims)."""
    return _standing(request, item)


def colleges_note_context(request: HttpRequest | None, item) -> dict | None:
    """The invitation to join a college, for visitors who could give an opinion then."""
    standing = _standing(request, item)
    return None if standing["is_own"] or standing["has_college"] else standing
