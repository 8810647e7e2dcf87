"""Offline payments (pay at pickup, bank transfer): recording the order, staff marking
it paid or refunded (with the audit trail), and the bank transfer reference and
instructions. The functions are part of `services`' public API.

The reference is the order number between a prefix and a Luhn check digit
("PC-100042-7"): unique because order numbers are, short enough to type in a banking
app, and a mistyped digit is caught when staff match the bank statement.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_model

from . import ledger, references, statuses
from .methods import OFFLINE_METHODS, PaymentMethod
from .models import PaymentAudit

if TYPE_CHECKING:
    from oscar.apps.order.models import Order, PaymentEvent
    from oscar.apps.payment.models import Source
else:
    Order = get_model("order", "Order")
    Source = get_model("payment", "Source")
    PaymentEvent = get_model("order", "PaymentEvent")

BATCH = 2000  # rows per INSERT in bulk writes

REFERENCE_PREFIX = "PC"


def bank_transfer_reference(order_number: str) -> str:
    """The reference to quote with a bank transfer, e.g. "PC-100042-7"."""
    if not references.normalise_number(order_number):
        raise ValueError("An order number is needed for a transfer reference")
    return references.make_reference(REFERENCE_PREFIX, order_number)


def parse_bank_transfer_reference(reference: str) -> str | None:
    """The order number in a reference read from a bank statement, or None if the
    reference is malformed or its check digit is wrong."""
    return references.parse_reference(REFERENCE_PREFIX, reference)


@dataclass(frozen=True)
class BankTransferInstructions:
    """What a customer needs to pay by transfer."""

    reference: str
    amount: Decimal | None  # None where the total is not known yet (checkout steps)
    currency: str
    account_holder: str
    iban: str
    bic: str

    @property
    def complete(self) -> bool:
        """False until the shop's bank details are configured."""
        return bool(self.iban and self.account_holder)


def bank_transfer_instructions(
    *, order_number: str, amount: Decimal | None, currency: str
) -> BankTransferInstructions:
    """The reference, amount and the shop's bank details (settings BANK_TRANSFER_*)."""
    return BankTransferInstructions(
        reference=bank_transfer_reference(order_number),
        amount=amount,
        currency=currency,
        account_holder=settings.BANK_TRANSFER_ACCOUNT_HOLDER,
        iban=settings.BANK_TRANSFER_IBAN,
        bic=settings.BANK_TRANSFER_BIC,
    )


# --- orders paid offline --------------------------------------------------------------


def record_offline_order(
    *, order: Order, method: PaymentMethod, amount: Decimal | None = None
) -> None:
    """An order to be paid at pickup or by bank transfer: a Source for the order total,
    or `amount` when the wallet paid the rest (the transfer reference as its reference),
    a "Pending" payment event; the order waits in "pending_payment" until staff mark it
    paid."""
    method = PaymentMethod(method)
    if method not in OFFLINE_METHODS:
        raise ValueError(f"{method} is not an offline payment method")
    with transaction.atomic():
        locked = ledger.lock_order(order)
        if ledger.offline_source(locked) is not None:
            return
        amounts = {locked.pk: Decimal(amount)} if amount is not None else None
        record_offline_orders(orders=[locked], method=method, amounts=amounts)
        if locked.status not in Order.all_statuses():
            locked.status = statuses.PENDING_PAYMENT
            locked.save(update_fields=["status"])
        ledger.sync_instance(order, locked)


def record_offline_orders(
    *,
    orders: Sequence[Order],
    method: PaymentMethod,
    amounts: dict[int, Decimal] | None = None,
) -> None:
    """The offline payment rows of orders just placed, in a few bulk queries whatever
    their number: per order a Source for its total, a "Pending" payment event and an
    audit row. The one code path for these rows: `record_offline_order` (checkout) and
    `shop.checkout.order_writer.orders_place_bulk` (group settlements) both write
    through it. `amounts` (by order pk) replaces the total of orders partly paid from
    the wallet. The caller makes sure nothing is recorded for these orders yet."""
    method = PaymentMethod(method)
    if method not in OFFLINE_METHODS:
        raise ValueError(f"{method} is not an offline payment method")
    orders = list(orders)
    if not orders:
        return
    references = {
        order.pk: bank_transfer_reference(order.number) if method == PaymentMethod.TRANSFER else ""
        for order in orders
    }
    due = {order.pk: order.total_incl_tax for order in orders} | (amounts or {})
    source_type = ledger.source_type(method)
    event_type = ledger.event_type(ledger.EVENT_PENDING)
    Source.objects.bulk_create(
        [
            Source(
                order=order,
                source_type=source_type,
                currency=order.currency,
                amount_allocated=due[order.pk],
                reference=references[order.pk],
                label=str(method.label),
            )
            for order in orders
        ],
        batch_size=BATCH,
    )
    PaymentEvent.objects.bulk_create(
        [
            PaymentEvent(
                order=order,
                event_type=event_type,
                amount=due[order.pk],
                reference=references[order.pk][:128],
            )
            for order in orders
        ],
        batch_size=BATCH,
    )
    PaymentAudit.objects.bulk_create(
        [
            PaymentAudit(
                order=order,
                action=PaymentAudit.Action.OFFLINE_PENDING,
                amount=due[order.pk],
                note=method.value,
            )
            for order in orders
        ],
        batch_size=BATCH,
    )


def _offline_source(order: Order) -> Source:
    source = ledger.offline_source(order, lock=True)
    if source is None:
        raise UnableToTakePayment(_("This order is not paid at pickup or by bank transfer."))
    return source


def mark_offline_paid(*, order: Order, user, amount: Decimal, note: str = "") -> None:
    """Staff received `amount` (cash, card at pickup, transfer): record it; the order is
    paid once the whole total has been received."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    with transaction.atomic():
        locked = ledger.lock_order(order)
        source = _offline_source(locked)
        outstanding = source.amount_allocated - source.amount_debited
        if amount <= 0 or amount > outstanding:
            raise UnableToTakePayment(
                _("The amount must be more than zero and at most %(amount)s.")
                % {"amount": max(outstanding, 0)}
            )
        source.debit(amount, reference=source.reference, status="paid")
        ledger.add_event(locked, ledger.EVENT_PAID, amount, source.reference)
        ledger.audit(locked, PaymentAudit.Action.MARK_PAID, amount, user=user, note=note)
        if source.amount_debited >= source.amount_allocated:
            ledger.move_status(locked, statuses.PAID)
        ledger.sync_instance(order, locked)


def refund_offline(*, order: Order, user, amount: Decimal, note: str = "") -> None:
    """Staff gave back `amount` of an offline payment; fully refunded orders become
    refunded."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    with transaction.atomic():
        locked = ledger.lock_order(order)
        source = _offline_source(locked)
        available = min(
            source.amount_debited - source.amount_refunded, ledger.order_refundable(locked)
        )
        if amount <= 0 or amount > available:
            raise UnableToTakePayment(
                _("You can refund at most %(amount)s.") % {"amount": max(available, 0)}
            )
        source.refund(amount, reference=source.reference, status="refunded")
        ledger.add_event(locked, ledger.EVENT_REFUNDED, amount, source.reference)
        ledger.audit(locked, PaymentAudit.Action.OFFLINE_REFUND, amount, user=user, note=note)
        if ledger.order_fully_refunded(locked):
            ledger.move_status(locked, statuses.REFUNDED)
        ledger.sync_instance(order, locked)
