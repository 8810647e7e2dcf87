"""Which order statuses the producer pages leave out.

The payments app owns the statuses and their labels (`shop.payments.statuses`;
pending_payment → paid → preparing → ready → collected, or cancelled / refunded).
"""

from shop.payments.statuses import (
    CANCELLED,
    COLLECTED,
    PAID,
    PREPARING,
    READY,
    REFUNDED,
    STATUS_LABELS,
    order_status_label,
)

__all__ = ["INACTIVE_STATUSES", "SOLD_STATUSES", "STATUS_LABELS", "order_status_label"]

# Never prepared, never counted as sold. An order awaiting payment is prepared: offline
# payments (at pickup, by bank transfer) are marked paid by staff, possibly afterwards.
INACTIVE_STATUSES = (CANCELLED, REFUNDED)
# What the sales report counts: paid, whatever happened after the payment.
SOLD_STATUSES = (PAID, PREPARING, READY, COLLECTED)
