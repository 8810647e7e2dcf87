"""The "Devenir sociétaire" page seen from the rest of the site: the cooperative's
current rules as the page's live block shows them, and the footer's link to the page
(through the shop's "site_footer" slot), cached until a membership page is published,
unpublished or deleted (signals.py)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

MEMBERSHIP_URL_CACHE_KEY = "cms:membership-url"
CACHE_SECONDS = 3600
# What the rules may reserve to members, in the order the page lists them.
_FEATURES = (
    ("members_only_shop", _("buying in the shop")),
    ("members_only_group_orders", _("group orders")),
    ("members_only_assemblies", _("voting in general assemblies")),
)


@dataclass(frozen=True)
class MembershipFacts:
    """What the page says of the rules in force (nothing while the cooperative takes no
    members yet: `takes_members` is false)."""

    apply_url: str
    takes_members: bool = False
    share_value: Decimal | None = None
    minimum_shares: int = 1
    minimum_holding_months: int = 0
    colleges: list = field(default_factory=list)
    members_only: list[str] = field(default_factory=list)

    @property
    def minimum_amount(self) -> Decimal | None:
        if self.share_value is None:
            return None
        return (self.share_value * self.minimum_shares).quantize(Decimal("0.01"))


def membership_facts() -> MembershipFacts:
    """The rules and open colleges read now (two queries): never cached, a change of
    rules shows at once."""
    from community.cooperative import selectors  # read when a page renders, not at import

    apply_url = reverse("cooperative:apply")
    rules = selectors.current_rules()
    if rules is None:
        return MembershipFacts(apply_url=apply_url)
    return MembershipFacts(
        apply_url=apply_url,
        takes_members=True,
        share_value=rules.share_value,
        minimum_shares=rules.minimum_shares,
        minimum_holding_months=rules.minimum_holding_months,
        colleges=list(selectors.open_colleges()),
        members_only=[str(label) for flag, label in _FEATURES if getattr(rules, flag)],
    )


def membership_page_url() -> str:
    """The URL of the live, public membership page, or "" without one."""
    url = cache.get(MEMBERSHIP_URL_CACHE_KEY)
    if url is None:
        from .models import MembershipPage

        page = MembershipPage.objects.live().public().order_by("pk").first()
        url = page.url if page else ""
        cache.set(MEMBERSHIP_URL_CACHE_KEY, url, CACHE_SECONDS)
    return url


def forget_membership_url() -> None:
    cache.delete(MEMBERSHIP_URL_CACHE_KEY)


def membership_footer_context(request: HttpRequest | None, subject: object = None) -> dict | None:
    url = membership_page_url()
    return {"membership_url": url} if url else None
