"""Template helpers of the order pages: an order's lines grouped by producer, status labels."""

from django import template
from oscar.core.loading import get_model

from shop.producer_orders import selectors
from shop.producer_orders.statuses import order_status_label as status_label

register = template.Library()
ProductReview = get_model("reviews", "ProductReview")


@register.simple_tag(takes_context=True)
def lines_by_producer(context, order) -> list[selectors.ProducerLines]:
    """`{% lines_by_producer order as groups %}`: the order's lines by producer.

    Two queries whatever the number of lines: the lines with their producers and
    products, and the products the viewer has already reviewed. Each line gets
    `review_permitted` (Oscar's rule: one review per member and product), so the page
    does not ask product by product.
    """
    groups = selectors.orders_split_by_producer(order)
    user = context.get("user")
    product_ids = {line.product_id for group in groups for line in group.lines if line.product_id}
    reviewed: set[int] = set()
    if user is not None and user.is_authenticated and product_ids:
        reviewed = set(
            ProductReview.objects.filter(user=user, product_id__in=product_ids).values_list(
                "product_id", flat=True
            )
        )
    for group in groups:
        for line in group.lines:
            line.review_permitted = bool(
                user is not None
                and user.is_authenticated
                and line.product_id
                and line.product_id not in reviewed
            )
    return groups


@register.filter
def order_status_label(code: str) -> str:
    return status_label(code)
