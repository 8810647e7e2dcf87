"""Tasks of invoicing: issuing an order's invoices once it is placed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django_tasks import task
from oscar.core.loading import get_model

from . import services

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
else:
    Order = get_model("order", "Order")


@task()
def issue_invoices(order_id: int) -> int:
    """Issue the order's invoices; safe to run again (issues only what is missing)."""
    order = Order.objects.filter(pk=order_id).first()
    if order is None:  # deleted since: nothing to invoice
        return 0
    return len(services.invoice_issue_for_order(order=order))
