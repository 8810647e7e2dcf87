"""Slots where apps above the shop add panels to shop pages.

The shop imports none of the apps built on it (community, groupbuy, cms), yet its
product and producer pages show their panels: reviews, claims to check, and so on.
So the shop names slots and renders whatever is registered in them; those apps
register in their AppConfig.ready(). With nothing registered, the page simply has no
panel there.

    # community/apps.py
    register_panel("product_detail", name="community.reviews",
                   template="community/feedback/partials/reviews_panel.html",
                   context=reviews_panel_context)

    {# a shop template #}
    {% load panels %}{% panels "product_detail" product %}

Slots in use: "product_detail" (the product, on Oscar's product page),
"producer_detail" (the producer, on its page in the directory), and "site_nav" /
"site_footer" (menu entries in the header and footer every page shares), "account_tabs"
(the active tab's name; entries after Oscar's account tabs) and "account_profile" (the
member; actions under their profile).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest

#: Builds a panel's template context from the request (None when rendered without one)
#: and the page's subject; returning None leaves the panel out for this request.
PanelContext = Callable[[HttpRequest | None, Any], dict | None]


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: PanelContext
    order: int = 100


class PanelRegistry:
    def __init__(self) -> None:
        self._slots: dict[str, dict[str, Panel]] = {}

    def register(
        self,
        slot: str,
        *,
        name: str,
        template: str,
        context: PanelContext,
        order: int = 100,
    ) -> None:
        """Add (or replace, by name: ready() may run twice in tests) a panel in a slot."""
        self._slots.setdefault(slot, {})[name] = Panel(name, template, context, order)

    def unregister(self, slot: str, *, name: str) -> None:
        self._slots.get(slot, {}).pop(name, None)

    def panels(self, slot: str) -> list[Panel]:
        return sorted(self._slots.get(slot, {}).values(), key=lambda p: (p.order, p.name))

    def snapshot(self) -> dict[str, dict[str, Panel]]:
        return {slot: dict(panels) for slot, panels in self._slots.items()}

    def restore(self, snapshot: dict[str, dict[str, Panel]]) -> None:
        self._slots = {slot: dict(panels) for slot, panels in snapshot.items()}

    def clear(self) -> None:
        self._slots = {}


registry = PanelRegistry()
register_panel = registry.register
unregister_panel = registry.unregister
