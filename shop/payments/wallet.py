"""An order paid (in whole or in part) from the member's wallet, and refunds to it.

The wallet part is an Oscar payment Source of type "Porte-monnaie" whose reference is
the wallet transfer's key: it is debited at once (the money moves inside the ledger of
`shop.wallet`, no bank involved), in the transaction that places the order, so an order
never exists without its wallet payment nor the reverse. What the wallet does not cover
is paid by the other method (card, transfer, at pickup), whose Source holds the rest.

Refunds to the wallet are recorded on that Source too (created with nothing allocated
for an order paid otherwise), so `ledger.order_refundable` (what was paid on all sources
less what was given back) caps every refund, whichever way it goes.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.db.models import Sum
from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_model

from shop.wallet import services as wallet_services
from shop.wallet.currencies import services as currency_services
from shop.wallet.models import Transfer

from . import ledger, statuses

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
    from oscar.apps.payment.models import Source, SourceType
else:
    Order = get_model("order", "Order")
    Source = get_model("payment", "Source")
    SourceType = get_model("payment", "SourceType")

WALLET_SOURCE_CODE = "porte-monnaie"
WALLET_SOURCE_NAME = "Porte-monnaie"
# One Source per local currency an order is partly paid in (its currency: the code).
LOCAL_SOURCE_CODE = "monnaie-locale"
LOCAL_SOURCE_NAME = "Monnaie locale"
ZERO = Decimal("0.00")


def payment_key(order_number: str) -> str:
    return f"order:{order_number}:wallet"


def _cancel_key(order_number: str) -> str:
    return f"order:{order_number}:wallet:refund"


def wallet_source_type() -> SourceType:
    return ledger._get_or_create(
        SourceType, code=WALLET_SOURCE_CODE, defaults={"name": WALLET_SOURCE_NAME}
    )


def wallet_source(order: Order, *, lock: bool = False) -> Source | None:
    sources = order.sources.filter(source_type__code=WALLET_SOURCE_CODE)
    if lock:
        sources = sources.select_for_update()
    return sources.order_by("pk").first()


def _get_or_create_source(order: Order) -> Source:
    source = wallet_source(order, lock=True)
    if source is None:
        source = Source.objects.create(
            order=order,
            source_type=wallet_source_type(),
            currency=order.currency,
            amount_allocated=ZERO,
            reference=payment_key(str(order.number)),
            label=WALLET_SOURCE_NAME,
        )
    return source


def order_wallet_paid(order: Order) -> Decimal:
    """What the wallet paid for the order (0 when it paid nothing)."""
    source = wallet_source(order)
    return source.amount_debited if source else ZERO


def order_pay_from_wallet(*, order: Order, amount: Decimal, by: Any = None) -> Source:
    """Pay `amount` of the order from its customer's wallet (once: a second call finds
    the first payment). Run inside the order's placement transaction: InsufficientBalance
    (the balance changed since the payment step) rolls the order back with it. An order
    the wallet pays in full is paid."""
    amount = wallet_services.to_cents(amount)
    if amount <= 0 or amount > order.total_incl_tax:
        raise wallet_services.WalletError(_("The wallet can pay from 0.01 up to the order total."))
    with transaction.atomic():
        locked = ledger.lock_order(order)
        source = wallet_source(locked, lock=True)
        if source is not None and source.amount_allocated:
            return source
        key = payment_key(str(order.number))
        wallet_services.wallet_pay(
            user=order.user,
            amount=amount,
            key=key,
            reference=str(order.number),
            label=_("Order %(number)s") % {"number": order.number},
            currency=order.currency,
            by=by,
        )
        source = _get_or_create_source(locked)
        source.amount_allocated = amount
        source.save(update_fields=["amount_allocated"])
        source.debit(amount, reference=key, status="paid")
        ledger.add_event(locked, ledger.EVENT_PAID, amount, key)
        _paid_when_settled(locked)
        ledger.sync_instance(order, locked)
    return source


def _paid_when_settled(order: Order) -> None:
    """The (locked) order is paid once its sources cover its total."""
    if order_due(order) <= 0:
        ledger.move_status(order, statuses.PAID)


def local_key(order_number: str, currency: str) -> str:
    return f"order:{order_number}:local:{currency}"


def local_sources(order: Order, *, lock: bool = False):
    sources = order.sources.filter(source_type__code=LOCAL_SOURCE_CODE)
    if lock:
        sources = sources.select_for_update()
    return sources.order_by("pk")


def order_pay_local(
    *,
    order: Order,
    currency: str,
    amount: Decimal,
    producer_amounts: dict[int, Decimal],
    by: Any = None,
) -> Source:
    """Pay `amount` of the order in a local currency (1 unit = 1 €) to the producers of
    its lines who accept it (`currency_services.wallet_pay_local` refuses more than the
    balance or than those lines). Run inside the order's placement transaction, like the
    wallet's euro part; idempotent by the order and currency."""
    with transaction.atomic():
        locked = ledger.lock_order(order)
        key = local_key(str(order.number), currency)
        source = local_sources(locked, lock=True).filter(reference=key).first()
        if source is not None:
            return source
        currency_services.wallet_pay_local(
            user=locked.user,
            currency=currency,
            amount=amount,
            producer_amounts=producer_amounts,
            key=key,
            reference=str(order.number),
            by=by,
        )
        source = Source.objects.create(
            order=locked,
            source_type=ledger._get_or_create(
                SourceType, code=LOCAL_SOURCE_CODE, defaults={"name": LOCAL_SOURCE_NAME}
            ),
            currency=currency,
            amount_allocated=amount,
            reference=key,
            label=currency,
        )
        source.debit(amount, reference=key, status="paid")
        ledger.add_event(locked, ledger.EVENT_PAID, amount, key)
        _paid_when_settled(locked)
        ledger.sync_instance(order, locked)
    return source


def order_local_paid(order: Order) -> list[tuple[str, Decimal]]:
    """(currency code, amount) paid in local currencies for the order."""
    return [(source.currency, source.amount_debited) for source in local_sources(order)]


def order_due(order: Order) -> Decimal:
    """What an order awaiting payment still owes (its total less what was received)."""
    paid = order.sources.aggregate(paid=Sum("amount_debited"))["paid"] or ZERO
    return max(order.total_incl_tax - paid, ZERO)


def order_pay_due_from_wallet(*, order: Order, amount: Decimal, by: Any = None) -> Source:
    """Pay `amount` of what an order awaiting payment (at pickup, by transfer, or after
    a failed card charge) still owes from its customer's wallet; the offline method is
    left with the rest, and the order is paid when nothing is left. Refused while a card
    authorisation stands for the order (the card will be charged)."""
    amount = wallet_services.to_cents(amount)
    if amount <= 0:
        raise wallet_services.WalletError(_("The amount must be greater than zero."))
    with transaction.atomic():
        locked = ledger.lock_order(order)
        if locked.status != statuses.PENDING_PAYMENT:
            raise wallet_services.WalletError(_("This order is not awaiting payment."))
        card = ledger.stripe_source(locked, lock=True)
        if card is not None and not ledger.has_transaction(card, ledger.TXN_CANCEL):
            raise wallet_services.WalletError(_("A card payment is under way for this order."))
        due = order_due(locked)
        if amount > due:
            raise wallet_services.WalletError(
                _("This order still owes %(amount)s: no more.") % {"amount": due}
            )
        source = _get_or_create_source(locked)
        payments = source.transactions.filter(txn_type=ledger.TXN_DEBIT).count()
        key = payment_key(str(order.number)) + (f":{payments + 1}" if payments else "")
        wallet_services.wallet_pay(
            user=locked.user,
            amount=amount,
            key=key,
            reference=str(order.number),
            label=_("Order %(number)s") % {"number": order.number},
            currency=locked.currency,
            by=by,
        )
        source.amount_allocated += amount
        source.save(update_fields=["amount_allocated"])
        source.debit(amount, reference=key, status="paid")
        offline = ledger.offline_source(locked, lock=True)
        if offline is not None:  # the other method now expects only the rest
            offline.amount_allocated = max(
                offline.amount_allocated - amount, offline.amount_debited
            )
            offline.save(update_fields=["amount_allocated"])
        ledger.add_event(locked, ledger.EVENT_PAID, amount, key)
        _paid_when_settled(locked)
        ledger.sync_instance(order, locked)
    return source


def order_wallet_part_refund(*, order: Order, by: Any = None, note: str = "") -> Decimal:
    """Give back to the wallet what it paid for an order that will not be paid in full
    (cancelled unpaid, card authorisation cancelled), in euros and in local currencies.
    Idempotent: returns what was given back by this call (0 the second time, or when the
    wallet paid nothing)."""
    with transaction.atomic():
        locked = ledger.lock_order(order)
        given_back = _local_parts_refund(locked, by=by)
        source = wallet_source(locked, lock=True)
        if source is None:
            return given_back
        amount = source.amount_debited - source.amount_refunded
        if amount <= 0 or order.user_id is None:
            return given_back
        key = _cancel_key(str(order.number))
        wallet_services.wallet_refund(
            user=locked.user,
            amount=amount,
            key=key,
            reference=str(order.number),
            note=note or _("Order cancelled before it was paid in full."),
            currency=locked.currency,
            by=by,
        )
        source.refund(amount, reference=key, status="refunded")
        ledger.add_event(locked, ledger.EVENT_REFUNDED, amount, key)
    return given_back + amount


def _local_parts_refund(order: Order, *, by: Any = None) -> Decimal:
    """Reverse the order's local-currency payments not given back yet (the member gets
    their units back, the producers' parts are taken back)."""
    total = ZERO
    for source in local_sources(order, lock=True):
        amount = source.amount_debited - source.amount_refunded
        if amount <= 0:
            continue
        key = f"{source.reference}:refund"
        currency_services.wallet_refund_local(transfer_key=source.reference, key=key, by=by)
        source.refund(amount, reference=key, status="refunded")
        ledger.add_event(order, ledger.EVENT_REFUNDED, amount, key)
        total += amount
    return total


def order_refund_to_wallet(*, order: Order, amount: Decimal, by: Any, note: str = "") -> Transfer:
    """Staff give back `amount` of an order (paid by any means) to its customer's wallet.

    Never more than was paid and not yet refunded (all sources together, card refunds
    still in flight included); the wallet transfer's key is "refund:<order>:<n>" and it
    records who and why."""
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount <= 0:
        raise UnableToTakePayment(_("The amount to refund must be more than zero."))
    if order.user_id is None:
        raise UnableToTakePayment(_("This order has no customer account: it has no wallet."))
    with transaction.atomic():
        locked = ledger.lock_order(order)
        available = ledger.order_refundable(locked)
        if amount > available:
            raise UnableToTakePayment(
                _("You can refund at most %(amount)s.") % {"amount": max(available, ZERO)}
            )
        sequence = Transfer.objects.filter(key__startswith=f"refund:{order.number}:").count() + 1
        key = f"refund:{order.number}:{sequence}"
        transfer = wallet_services.wallet_refund(
            user=locked.user,
            amount=amount,
            key=key,
            reference=str(order.number),
            note=note,
            currency=locked.currency,
            by=by,
        )
        source = _get_or_create_source(locked)
        source.refund(amount, reference=key, status="refunded")
        ledger.add_event(locked, ledger.EVENT_REFUNDED, amount, key)
        if ledger.order_fully_refunded(locked):
            ledger.move_status(locked, statuses.REFUNDED)
        ledger.sync_instance(order, locked)
    return transfer
