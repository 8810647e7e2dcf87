"""{% load payment_tags %}: order status labels and payment method names."""

from django import template

from shop.payments.methods import PaymentMethod
from shop.payments.selectors import order_payment_split
from shop.payments.statuses import order_status_label as _order_status_label

register = template.Library()


@register.filter
def order_status_label(status: str | None) -> str:
    """{{ order.status|order_status_label }} → « En attente de paiement », « Payée »…"""
    return _order_status_label(status)


@register.filter
def payment_method_label(code: str | None) -> str:
    """{{ "transfer"|payment_method_label }} → « Virement bancaire »."""
    if code is None:
        return ""
    try:
        return str(PaymentMethod(code).label)
    except ValueError:
        return code or ""


@register.simple_tag
def order_payment(order) -> dict:
    """{% order_payment order as paid %}: method, wallet part and rest of an order."""
    return order_payment_split(order)
