"""Tasks of invoicing: issuing an order's invoices once it is placed, and catching up."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.utils import timezone
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


# Orders older than this are left alone: invoicing them now would date their invoice
# long after the sale (orders from before invoicing existed, say).
MISSING_WINDOW = datetime.timedelta(days=2)


@task()
def issue_missing_invoices() -> int:
    """The safety net of `issue_invoices`: recent orders without any invoice (a lost or
    failed task) get theirs. Returns how many invoices were issued."""
    since = timezone.now() - MISSING_WINDOW
    orders = Order.objects.filter(date_placed__gte=since, invoices__isnull=True).order_by(
        "date_placed", "pk"
    )
    return sum(
        len(services.invoice_issue_for_order(order=order, reason="missing")) for order in orders
    )
