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
"producer_detail" (the producer, on its page in the directory), "impact_passport" (the
product or producer, at the foot of its impact passport), "site_nav" / "site_footer"
(menu entries in the header and footer every page shares) and "site_footer_legal" (the
footer's links to the legal notice, terms of sale and privacy policy, which cms publishes),
"account_tabs" (the active tab's name; entries after Oscar's account tabs) and
"account_profile" (the member; actions under their profile).

Claim slots render once per claim inside a shop component: "impact_claim" (each claim of
the impact passport: the community's "give my opinion" link). The panel's context is
built once for the page's subject (`bind`), then its template renders for each claim
with `claim` added, so a page costs the same queries whatever its number of claims:

    {% bind_panels "impact_claim" item as claim_panels %}
    {% for claim in claims %}{% render_bound claim_panels claim=claim %}{% endfor %}
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


@dataclass(frozen=True)
class BoundPanel:
    """A panel with its context built for one request and subject."""

    name: str
    template: str
    context: dict


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

    def bind(self, slot: str, request: HttpRequest | None, subject: Any) -> list[BoundPanel]:
        """The slot's panels with their contexts, leaving out those that return None."""
        bound = []
        for panel in self.panels(slot):
            context = panel.context(request, subject)
            if context is not None:
                bound.append(BoundPanel(panel.name, panel.template, context))
        return bound

    def snapshot(self) -> dict[str, dict[str, Panel]]:
        return {slot: dict(panels) for slot, panels in self._slots.items()}

    def restore(self, snapshot: dict[str, dict[str, Panel]]) -> None:
        self._slots = {slot: dict(panels) for slot, panels in snapshot.items()}

    def clear(self) -> None:
        self._slots = {}


registry = PanelRegistry()
register_panel = registry.register
unregister_panel = registry.unregister
