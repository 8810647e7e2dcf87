"""What the cooperative plugs into the shop's registries (CooperativeConfig.ready()):
the bank statement's matcher for "PS-…" references, the card payments' purpose, the
members-only gates of shop.gates (groupbuy asks them before joining and committing, the
shop before adding to the basket and checking out), who is a member for the shop's
member prices, and the member space's menu entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy

from shop import gates, members
from shop.panels import register_panel
from shop.payments import intents
from shop.payments.bank_statements import registry

from . import cards, selectors, transfers
from .models import REFERENCE_PREFIX, Rules

_MESSAGES = {
    gates.GROUP_ORDERS: gettext_lazy(
        "Group orders are for members of the cooperative. Become a member by "
        "subscribing a share: %(url)s"
    ),
    gates.ASSEMBLIES: gettext_lazy(
        "General assemblies are for members of the cooperative. Become a member by "
        "subscribing a share: %(url)s"
    ),
    gates.SHOP: gettext_lazy(
        "The shop is for members of the cooperative. Become a member by subscribing a "
        "share: %(url)s"
    ),
}
_FLAGS = {
    gates.GROUP_ORDERS: "members_only_group_orders",
    gates.ASSEMBLIES: "members_only_assemblies",
    gates.SHOP: "members_only_shop",
}


def members_only(feature: str) -> Callable[[Any], str | None]:
    """The gate of `feature`: open until staff have set the rules (nobody could become
    a member before), then as the rules say."""

    def check(user: Any) -> str | None:
        rules: Rules | None = selectors.current_rules()
        if rules is None or not getattr(rules, _FLAGS[feature]):
            return None
        if selectors.is_member(user):
            return None
        return str(_MESSAGES[feature]) % {"url": reverse("cooperative:apply")}

    check.__name__ = f"cooperative_members_only_{feature}"
    return check


GATES = {feature: members_only(feature) for feature in _FLAGS}


def nav_context(request: HttpRequest | None, subject: object = None) -> dict | None:
    """The member space's menu entry, for signed-in people only."""
    user = getattr(request, "user", None)
    return {} if user is not None and user.is_authenticated else None


def register() -> None:
    register_panel(
        "site_nav",
        name="cooperative.nav",
        template="cooperative/partials/nav.html",
        context=nav_context,
        order=30,
    )
    registry.register_matcher(
        prefix=REFERENCE_PREFIX,
        label=gettext_lazy("Share subscription"),
        apply=transfers.apply_statement_line,
    )
    intents.register_purpose(cards.PURPOSE, cards.reconcile_share_payment)
    for feature, check in GATES.items():
        gates.register_gate(feature, check)
    members.register_member_check(selectors.is_member)
