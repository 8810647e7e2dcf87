"""The arithmetic of a price breakdown and of unit prices: pure functions on Decimals.

The model: the shop price excluding tax (HT, the stock record's price, or the member
price) is the producer's price + the cooperative's commission + logistics fees. The
commission is a percentage of the price HT; a logistics fee is a fixed amount HT per
unit or a percentage of the price HT. Each is rounded half-up to the cent and the
producer receives the rest, so the producer's line takes any rounding remainder and the
four lines (producer, commission, logistics, VAT) sum exactly to the price TTC. Fees
never take more than the price: the commission first, then logistics, are capped.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
ZERO = Decimal("0.00")
HUNDRED = Decimal(100)


def cents(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Breakdown:
    """Where the euros of a price TTC go; `total` = the sum of the four others."""

    producer: Decimal
    commission: Decimal
    logistics: Decimal
    vat: Decimal

    @property
    def total(self) -> Decimal:
        return self.producer + self.commission + self.logistics + self.vat

    @property
    def excl_tax(self) -> Decimal:
        return self.producer + self.commission + self.logistics

    def times(self, quantity: int) -> Breakdown:
        return Breakdown(
            producer=self.producer * quantity,
            commission=self.commission * quantity,
            logistics=self.logistics * quantity,
            vat=self.vat * quantity,
        )

    def __add__(self, other: Breakdown) -> Breakdown:
        return Breakdown(
            producer=self.producer + other.producer,
            commission=self.commission + other.commission,
            logistics=self.logistics + other.logistics,
            vat=self.vat + other.vat,
        )

    def percent(self, part: Decimal) -> Decimal:
        """`part`'s share of the total, in % with one decimal (0 for a free item)."""
        if not self.total:
            return Decimal("0.0")
        return (part * HUNDRED / self.total).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)

    @property
    def producer_percent(self) -> Decimal:
        return self.percent(self.producer)

    @property
    def lines(self) -> list[tuple[str, Decimal, Decimal]]:
        """(key, amount, percent of the total) for tables and bars."""
        return [
            (key, amount, self.percent(amount))
            for key, amount in (
                ("producer", self.producer),
                ("commission", self.commission),
                ("logistics", self.logistics),
                ("vat", self.vat),
            )
        ]


EMPTY = Breakdown(producer=ZERO, commission=ZERO, logistics=ZERO, vat=ZERO)


def split_price(
    *,
    excl_tax: Decimal,
    tax: Decimal,
    commission_percent: Decimal,
    fee_per_unit: Decimal = ZERO,
    fee_percent: Decimal = ZERO,
) -> Breakdown:
    """Break a unit price (HT and its VAT, both in cents) down; see the module's model."""
    commission = min(cents(excl_tax * commission_percent / HUNDRED), excl_tax)
    logistics = cents(excl_tax * fee_percent / HUNDRED) + cents(fee_per_unit)
    logistics = min(logistics, excl_tax - commission)
    return Breakdown(
        producer=excl_tax - commission - logistics,
        commission=commission,
        logistics=logistics,
        vat=tax,
    )


def unit_price(price: Decimal, quantity_in_reference_unit: Decimal) -> Decimal | None:
    """The price per kilogram, litre or piece, rounded half-up to the cent."""
    if quantity_in_reference_unit <= 0:
        return None
    return cents(price / quantity_in_reference_unit)
