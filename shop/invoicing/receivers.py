"""Oscar's order signals: a placed order gets its invoices, a paid one its mention."""

from __future__ import annotations

from django.dispatch import receiver
from oscar.core.loading import get_class

from . import services, tasks

order_placed = get_class("order.signals", "order_placed")
order_status_changed = get_class("order.signals", "order_status_changed")


@receiver(order_placed, dispatch_uid="invoicing_order_placed")
def issue_on_order_placed(sender, order, **kwargs) -> None:
    # Queued in the caller's transaction (database task backend): no order, no task.
    tasks.issue_invoices.enqueue(order.pk)


@receiver(order_status_changed, dispatch_uid="invoicing_order_paid")
def mark_paid_on_status(sender, order, old_status, new_status, **kwargs) -> None:
    if new_status in services.PAID_STATUSES and old_status not in services.PAID_STATUSES:
        services.invoice_mark_paid(order=order)
