"""Order statuses and their labels.

The pipeline itself lives in settings (OSCAR_ORDER_STATUS_PIPELINE), where Oscar reads
it: pending_payment → paid | cancelled; paid → preparing | refunded; preparing → ready;
ready → collected; a paid order may be refunded at any later step.
"""

from __future__ import annotations

from django.utils.translation import pgettext_lazy

PENDING_PAYMENT = "pending_payment"
PAID = "paid"
PREPARING = "preparing"
READY = "ready"
COLLECTED = "collected"
CANCELLED = "cancelled"
REFUNDED = "refunded"

# Context "order status": the French labels agree with « commande » (Payée, Annulée).
STATUS_LABELS = {
    PENDING_PAYMENT: pgettext_lazy("order status", "Awaiting payment"),
    PAID: pgettext_lazy("order status", "Paid"),
    PREPARING: pgettext_lazy("order status", "Being prepared"),
    READY: pgettext_lazy("order status", "Ready for pickup"),
    COLLECTED: pgettext_lazy("order status", "Collected"),
    CANCELLED: pgettext_lazy("order status", "Cancelled"),
    REFUNDED: pgettext_lazy("order status", "Refunded"),
}


def order_status_label(status: str | None) -> str:
    """The label of an order status; an unknown status is shown as it is."""
    if not status:
        return ""
    return str(STATUS_LABELS.get(status, status))
