"""What the staff pages show about an order's payment, and which actions apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from oscar.core.loading import get_model

from . import ledger
from .methods import PaymentMethod
from .models import PaymentAudit, StripeRefund

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
    from oscar.apps.payment.models import Source
else:
    Source = get_model("payment", "Source")

ZERO = Decimal("0.00")


@dataclass
class PaymentSummary:
    method: PaymentMethod | None = None
    source: Source | None = None
    captured: bool = False
    cancelled: bool = False
    allocated: Decimal = ZERO
    debited: Decimal = ZERO
    refunded: Decimal = ZERO
    audits: list[PaymentAudit] = field(default_factory=list)
    refunds_in_flight: list[StripeRefund] = field(default_factory=list)

    @property
    def is_card(self) -> bool:
        return self.method == PaymentMethod.CARD

    @property
    def is_offline(self) -> bool:
        return self.method in (PaymentMethod.PICKUP, PaymentMethod.TRANSFER)

    @property
    def outstanding(self) -> Decimal:
        return max(self.allocated - self.debited, ZERO)

    @property
    def refundable(self) -> Decimal:
        return max(self.debited - self.refunded, ZERO)

    @property
    def can_capture(self) -> bool:
        return self.is_card and not (self.captured or self.cancelled)

    @property
    def can_cancel(self) -> bool:
        return self.can_capture

    @property
    def can_refund(self) -> bool:
        return self.refundable > 0 and (self.captured or self.is_offline)

    @property
    def can_mark_paid(self) -> bool:
        return self.is_offline and self.outstanding > 0


def payment_summary(order: Order) -> PaymentSummary:
    """The order's payment source (card or offline), amounts, audit trail."""
    source = ledger.stripe_source(order) or ledger.offline_source(order)
    summary = PaymentSummary(
        audits=list(order.payment_audits.select_related("user")),
        refunds_in_flight=list(order.stripe_refunds.filter(status=StripeRefund.Status.REQUESTED)),
    )
    if source is None:
        return summary
    summary.source = source
    summary.method = ledger.method_of(source)
    summary.allocated = source.amount_allocated
    summary.debited = source.amount_debited
    summary.refunded = source.amount_refunded
    txn_types = set(source.transactions.values_list("txn_type", flat=True))
    summary.captured = ledger.TXN_CAPTURE in txn_types
    summary.cancelled = ledger.TXN_CANCEL in txn_types
    return summary
