"""What the staff pages show about an order's payment, and which actions apply."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Q, Sum
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.wallet.currencies.models import LocalCurrency
from shop.wallet.models import AccountKind, Transfer

from . import ledger, wallet
from .methods import PaymentMethod
from .models import PaymentAudit, StripeRefund

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
    from oscar.apps.payment.models import Source
else:
    Source = get_model("payment", "Source")

ZERO = Decimal("0.00")
WALLET_LABEL = _("Wallet")


@dataclass
class PaymentSummary:
    method: PaymentMethod | None = None
    source: Source | None = None
    captured: bool = False
    cancelled: bool = False
    allocated: Decimal = ZERO
    debited: Decimal = ZERO
    refunded: Decimal = ZERO
    wallet_paid: Decimal = ZERO
    wallet_refunded: Decimal = ZERO
    order_refundable: Decimal = ZERO
    has_customer: bool = False
    wallet_transfers: list[Transfer] = field(default_factory=list)
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
    def can_refund_to_wallet(self) -> bool:
        """Any order paid (card, offline, wallet) may be refunded to its customer's
        wallet, up to what was paid and not yet given back."""
        return self.has_customer and self.order_refundable > 0

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
    wallet_source = wallet.wallet_source(order)
    if wallet_source is not None:
        summary.wallet_paid = wallet_source.amount_debited
        summary.wallet_refunded = wallet_source.amount_refunded
    summary.order_refundable = ledger.order_refundable(order)
    summary.has_customer = order.user_id is not None
    member_leg = Q(postings__account__kind=AccountKind.MEMBER)
    summary.wallet_transfers = list(
        Transfer.objects.filter(reference=str(order.number))
        .select_related("created_by")
        .annotate(amount=Sum("postings__amount", filter=member_leg))
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


def order_payment_split(order: Order) -> dict:
    """How a placed order is paid, for its customer: the method of the rest (code and
    label), what the wallet paid and what the method pays."""
    method = ""
    for source in order.sources.select_related("source_type"):
        found = ledger.method_of(source)
        if found is not None:
            method = str(found.value)
            break
    wallet_paid = wallet.order_wallet_paid(order)
    local_paid = wallet.order_local_paid(order)
    names = dict(
        LocalCurrency.objects.filter(code__in=[code for code, _a in local_paid]).values_list(
            "code", "name"
        )
    )
    label = str(PaymentMethod(method).label) if method else ""
    in_local = sum((amount for _code, amount in local_paid), ZERO)
    return {
        "payment_method_code": method,
        "payment_method_label": label or (str(WALLET_LABEL) if wallet_paid or in_local else ""),
        "wallet_amount": wallet_paid,
        "local_amounts": [(names.get(code, code), amount) for code, amount in local_paid],
        "rest_amount": order.total_incl_tax - wallet_paid - in_local,
    }
