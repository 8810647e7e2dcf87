"""Template helpers of the order pages: an order's lines grouped by producer, status labels."""

from django import template

from shop.producer_orders import selectors
from shop.producer_orders.statuses import order_status_label as status_label

register = template.Library()


@register.simple_tag
def lines_by_producer(order) -> list[selectors.ProducerLines]:
    """`{% lines_by_producer order as groups %}`: the order's lines by producer, in a
    fixed number of queries whatever the number of lines (see the selector).

    No "write a review" per line: reviews are the community's verified feedback, on the
    product page; Oscar's reviews are a hidden feature (OSCAR_HIDDEN_FEATURES).
    """
    return selectors.orders_split_by_producer(order)


@register.filter
def order_status_label(code: str) -> str:
    return status_label(code)
