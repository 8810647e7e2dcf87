"""The checkout's view of the payments layer (shop.payments): which methods to offer,
their labels and help text, bank transfer instructions, and which method a placed order
uses. Every other call to shop.payments goes through `shop.payments.services`."""

from __future__ import annotations

from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from shop.payments import ledger
from shop.payments import selectors as payment_selectors
from shop.payments.methods import PaymentMethod, available_methods, stripe_enabled
from shop.payments.offline import bank_transfer_instructions
from shop.wallet.currencies.models import LocalCurrency
from shop.wallet.currencies.selectors import LocalPart, local_parts
from shop.wallet.selectors import spendable_of

__all__ = [
    "PaymentMethod",
    "bank_details",
    "is_card",
    "is_offered",
    "method_choices",
    "method_help",
    "method_label",
    "order_payment_method",
    "order_payment_split",
    "stripe_enabled",
    "wallet_available",
]

WALLET_LABEL = payment_selectors.WALLET_LABEL

# A line of explanation under each method at checkout.
_HELP = {
    PaymentMethod.CARD: _("Pay now by card, securely through Stripe."),
    PaymentMethod.PICKUP: _("Pay when you collect your order."),
    PaymentMethod.TRANSFER: _(
        "Pay by bank transfer: you will receive our bank details and a reference to quote."
    ),
}


def offered_codes() -> list[str]:
    return [str(method.value) for method in available_methods()]


def is_offered(code: str | None) -> bool:
    return bool(code) and code in offered_codes()


def is_card(code: str | None) -> bool:
    return code == PaymentMethod.CARD


def method_label(code: str | None) -> str:
    if code is None:
        return ""
    try:
        return str(PaymentMethod(code).label)
    except ValueError:
        return ""


def method_help(code: str | None) -> str:
    if code is None:
        return ""
    try:
        return str(_HELP[PaymentMethod(code)])
    except (ValueError, KeyError):
        return ""


def method_choices() -> list[tuple[str, str]]:
    return [(code, method_label(code)) for code in offered_codes()]


def bank_details(
    *, order_number: str, amount: Decimal | None, currency: str
) -> list[tuple[str, str]]:
    """The shop's bank details to show with a transfer reference (empty until staff set
    the BANK_TRANSFER_* settings)."""
    instructions = bank_transfer_instructions(
        order_number=order_number, amount=amount, currency=currency
    )
    rows = [
        (_("Account holder"), instructions.account_holder),
        ("IBAN", instructions.iban),
        ("BIC", instructions.bic),
    ]
    return [(str(label), value) for label, value in rows if value]


def order_payment_method(order) -> str:
    """The payment method of a placed order, from its payment sources ("" if none)."""
    for source in order.sources.select_related("source_type"):
        method = ledger.method_of(source)
        if method is not None:
            return str(method.value)
    return ""


def wallet_available(user) -> Decimal:
    """What the member's euro wallet may pay now (balance and overdraft)."""
    return spendable_of(user)


def basket_producer_amounts(basket) -> dict[int, Decimal]:
    """Producer (Partner pk) → what the basket's lines of that producer cost incl. VAT,
    in the order of the lines: what local currencies may pay for."""
    amounts: dict[int, Decimal] = {}
    for line in basket.all_lines():
        partner_id = line.stockrecord.partner_id if line.stockrecord_id else None
        if partner_id is not None:
            price = line.line_price_incl_tax_incl_discounts or Decimal("0.00")
            amounts[partner_id] = amounts.get(partner_id, Decimal("0.00")) + price
    return amounts


def currency_names(codes: list[str]) -> dict[str, str]:
    """Local currencies' names by code."""
    if not codes:
        return {}
    return dict(LocalCurrency.objects.filter(code__in=codes).values_list("code", "name"))


def basket_local_parts(user, basket) -> list[LocalPart]:
    """The local currencies the member may pay (part of) the basket in."""
    return local_parts(user=user, producer_amounts=basket_producer_amounts(basket))


def order_payment_split(order) -> dict:
    """How a placed order is paid: the wallet's part and the rest by its method."""
    return payment_selectors.order_payment_split(order)
