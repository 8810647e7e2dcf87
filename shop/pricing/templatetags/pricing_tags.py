"""{% unit_price product price %}, {% product_breakdown product as b %} and
{% basket_breakdown basket as b %}: the pricing data on shop pages, without a query per
product (listings join net quantities; rates are read once per request)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _
from oscar.templatetags.currency_filters import currency

from shop.pricing import selectors
from shop.pricing.breakdown import Breakdown
from shop.pricing.breakdown import unit_price as compute_unit_price
from shop.pricing.models import Unit

register = template.Library()

UNIT_SUFFIXES: dict[str, str] = {Unit.KILOGRAM: "kg", Unit.LITRE: "l"}


def unit_price_text(product: Any, price: Decimal | None, currency_code: str = "EUR") -> str:
    """ "12,50 €/kg", "3,20 €/l", "0,45 € la pièce"; "" without a net quantity."""
    net = selectors.net_quantity_of(product) if product is not None else None
    if net is None or price is None:
        return ""
    value = compute_unit_price(price, net.in_reference_unit)
    if value is None:
        return ""
    amount = currency(value, currency_code)
    if net.reference_unit == Unit.PIECE:
        return _("%(amount)s per piece") % {"amount": amount}
    return f"{amount}/{UNIT_SUFFIXES[net.reference_unit]}"


@register.simple_tag
def unit_price(product: Any, price: Decimal | None, currency_code: str = "EUR") -> str:
    text = unit_price_text(product, price, currency_code)
    if not text:
        return ""
    net = selectors.net_quantity_of(product)
    return format_html(
        '<span class="unit-price">{} <span class="unit-price-quantity">({})</span></span>',
        text,
        _("net quantity: %(quantity)s") % {"quantity": net},
    )


@register.simple_tag
def net_quantity(product: Any) -> Any:
    return selectors.net_quantity_of(product)


@register.simple_tag(takes_context=True)
def product_breakdown(context: template.Context, product: Any) -> Breakdown | None:
    return selectors.product_breakdown(request=context.get("request"), product=product)


@register.simple_tag(takes_context=True)
def basket_breakdown(context: template.Context, basket: Any) -> Breakdown | None:
    if basket is None or not basket.id:
        return None
    rates = selectors.request_rates(context.get("request"))
    return selectors.basket_breakdown(basket=basket, rates=rates)


@register.simple_tag
def prefetch_line_net_quantities(formset: Any) -> str:
    """Net quantities of a basket formset's products at once (no query per line)."""
    selectors.prefetch_net_quantities(form.instance.product for form in formset)
    return ""
