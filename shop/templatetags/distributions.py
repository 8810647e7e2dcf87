"""`{% chosen_distribution as d %}`: the distribution the visitor shops for (None when
no distribution is open: the shop works as without them).
`{% distribution_left product as offer %}`: None when there is no distribution, else
`offer.offered` and `offer.left` (what is left of the product in it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template

from shop.distributions import current, selectors

register = template.Library()


@dataclass(frozen=True)
class Left:
    left: int | None

    @property
    def offered(self) -> bool:
        return self.left is not None


@register.simple_tag(takes_context=True)
def chosen_distribution(context: Any) -> Any:
    request = context.get("request")
    return current.current_distribution(request) if request is not None else None


@register.simple_tag(takes_context=True)
def distribution_left(context: Any, product: Any) -> Any:
    request = context.get("request")
    distribution = current.current_distribution(request) if request is not None else None
    if distribution is None:
        return None
    if not hasattr(product, "distribution_left"):
        selectors.attach_quantities_left([product], distribution)
    return Left(product.distribution_left)
