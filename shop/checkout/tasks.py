"""Tasks of the checkout: announcing orders placed in bulk."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from django.db import transaction
from django.db.models import prefetch_related_objects
from django_tasks import task
from oscar.core.loading import get_class, get_model

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
else:
    Order = get_model("order", "Order")
order_placed = get_class("order.signals", "order_placed")

BATCH = 2000


class BulkOrders:
    """The sender of `order_placed` for orders placed by `orders_place_bulk`."""


@task()
def announce_orders_placed(order_ids: list[int]) -> int:
    """Oscar's `order_placed`, once per order, as its OrderCreator sends it for a basket.

    Receivers run a batch of orders per transaction: one commit per batch rather than one
    per receiver query. Each order is a savepoint: a failing receiver is logged and rolls
    back only that order's receiver writes. Orders come with their user and lines; the
    sender is `BulkOrders` (Oscar's own checkout sends its OrderCreator)."""
    if not order_placed.has_listeners(sender=BulkOrders):
        return 0
    for start in range(0, len(order_ids), BATCH):
        batch = list(
            Order.objects.filter(pk__in=order_ids[start : start + BATCH])
            .select_related("user")
            .order_by("pk")
        )
        prefetch_related_objects(batch, "lines")
        with transaction.atomic():
            for order in batch:
                _send_one(order)
    return len(order_ids)


def _send_one(order: Order) -> None:
    try:
        with transaction.atomic():
            order_placed.send(sender=BulkOrders, order=order, user=order.user)
    except Exception:
        logger.exception("An order_placed receiver failed for order %s", order.number)
