"""What the community adds to shop pages, through the shop's panel slots (shop/panels.py):
a "give my opinion" link on each claim of the impact passport, the reviews under a
product or a producer, the menu entry, and the data rights links in the member's account
pages.
Registered by CommunityConfig.ready(); the shop never imports any of this."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.http import HttpRequest
from oscar.core.loading import get_model

from shop.panels import register_panel

if TYPE_CHECKING:
    from community.models import User

Partner = get_model("partner", "Partner")


def viewer(request: HttpRequest | None) -> User | None:
    return getattr(request, "user", None)


def producer_and_kind(item) -> tuple[object | None, bool]:
    """(the producer behind `item`, whether `item` is itself a producer)."""
    if isinstance(item, Partner):
        return item, True
    profile = getattr(item, "impact", None)  # the impact block has found it already
    if profile is not None:
        return profile.producer, False
    record = item.stockrecords.select_related("partner").first()
    return (record.partner if record else None), False


def is_own_producer(user: User | None, producer) -> bool:
    return bool(
        user
        and user.is_authenticated
        and producer is not None
        and producer.users.filter(pk=user.pk).exists()
    )


def nav_context(request: HttpRequest | None, subject: object = None) -> dict:
    return {}


def account_tab_context(request: HttpRequest | None, active_tab: object = None) -> dict:
    return {"active_tab": active_tab}


def register() -> None:
    from .feedback.panels import reviews_panel_context
    from .guarantee.panels import colleges_note_context, opinion_context

    register_panel(
        "site_nav",
        name="community.nav",
        template="community/partials/nav.html",
        context=nav_context,
        order=20,
    )
    register_panel(
        "site_footer",
        name="community.nav",
        template="community/partials/footer_link.html",
        context=nav_context,
        order=20,
    )
    # Each claim of the impact passport gets its "give my opinion" link (one context per
    # page, see shop/panels.py), and the passport ends with the word on the colleges.
    register_panel(
        "impact_claim",
        name="community.opinion",
        template="community/guarantee/partials/claim_opinion_link.html",
        context=opinion_context,
    )
    register_panel(
        "impact_passport",
        name="community.colleges",
        template="community/guarantee/partials/colleges_note.html",
        context=colleges_note_context,
    )
    # The member's data rights (community/privacy) in their account pages.
    register_panel(
        "account_tabs",
        name="community.privacy",
        template="community/privacy/partials/account_tab.html",
        context=account_tab_context,
    )
    register_panel(
        "account_profile",
        name="community.privacy",
        template="community/privacy/partials/profile_actions.html",
        context=nav_context,
    )
    for slot in ("product_detail", "producer_detail"):
        register_panel(
            slot,
            name="community.reviews",
            template="community/feedback/partials/reviews_panel.html",
            context=reviews_panel_context,
            order=20,
        )
