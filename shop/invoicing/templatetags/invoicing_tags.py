from decimal import Decimal

from django import template
from django.utils import formats

from shop.invoicing.selectors import invoices_for_order

register = template.Library()


@register.simple_tag
def order_invoices(order) -> list:
    """The order's invoices (one per issuer), for its detail page."""
    return list(invoices_for_order(order))


@register.filter
def as_percent(rate) -> str:
    """0.055 -> "5.5 %" ("5,5 %" in French)."""
    value = (Decimal(rate) * 100).normalize()
    return f"{formats.number_format(value)} %"
