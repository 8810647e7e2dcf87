"""Reads of the pricing data: rates and fees loaded once per request (two queries), then
every breakdown of the page computed in memory, whatever the number of products."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db.models import prefetch_related_objects

from .breakdown import ZERO, Breakdown, split_price
from .models import CommissionRate, LogisticsFee, ProductNetQuantity

REQUEST_CACHE = "_pricing_rates"


def default_commission_percent() -> Decimal:
    return Decimal(str(settings.PRICING_DEFAULT_COMMISSION_PERCENT))


@dataclass
class PricingRates:
    """Every commission rate and active logistics fee, keyed for lookups in memory."""

    default_percent: Decimal
    commissions: dict[tuple[int | None, int | None], Decimal] = field(default_factory=dict)
    fees: list[LogisticsFee] = field(default_factory=list)

    def commission_percent(self, *, partner_id: int | None, class_id: int | None) -> Decimal:
        """The most specific rate: producer and class, producer, class, then default."""
        for key in ((partner_id, class_id), (partner_id, None), (None, class_id)):
            if key != (None, None) and key in self.commissions:
                return self.commissions[key]
        return self.default_percent

    def fees_for(self, *, partner_id: int | None, class_id: int | None) -> list[LogisticsFee]:
        return [fee for fee in self.fees if _applies(fee, partner_id, class_id)]

    def breakdown(
        self, *, excl_tax: Decimal, tax: Decimal, partner_id: int | None, class_id: int | None
    ) -> Breakdown:
        per_unit, percent = ZERO, ZERO
        for fee in self.fees_for(partner_id=partner_id, class_id=class_id):
            if fee.kind == LogisticsFee.Kind.PERCENT:
                percent += fee.amount
            else:
                per_unit += fee.amount
        return split_price(
            excl_tax=excl_tax,
            tax=tax,
            commission_percent=self.commission_percent(partner_id=partner_id, class_id=class_id),
            fee_per_unit=per_unit,
            fee_percent=percent,
        )


def _applies(fee: LogisticsFee, partner_id: int | None, class_id: int | None) -> bool:
    if fee.scope == LogisticsFee.Scope.PRODUCER:
        return fee.partner_id == partner_id
    if fee.scope == LogisticsFee.Scope.PRODUCT_CLASS:
        return fee.product_class_id == class_id
    return True


def pricing_rates() -> PricingRates:
    """Two queries: the commission rates, the active fees."""
    commissions = {
        (rate.partner_id, rate.product_class_id): rate.percent
        for rate in CommissionRate.objects.order_by()
    }
    fees = list(LogisticsFee.objects.filter(is_active=True).order_by("pk"))
    return PricingRates(default_commission_percent(), commissions, fees)


def request_rates(request: Any) -> PricingRates:
    """The rates, read once per request (a fresh read when there is no request)."""
    if request is None:
        return pricing_rates()
    rates = getattr(request, REQUEST_CACHE, None)
    if rates is None:
        rates = pricing_rates()
        setattr(request, REQUEST_CACHE, rates)
    return rates


def product_class_id(product: Any) -> int | None:
    """The class of a product, or of its parent for a child (Oscar's rule)."""
    return product.get_product_class().pk


def price_breakdown(
    *, product: Any, price: Any, stockrecord: Any, rates: PricingRates
) -> Breakdown | None:
    """The breakdown of a product's unit price (an Oscar price), None without a price
    or with its VAT unknown."""
    if price is None or not getattr(price, "exists", False) or not price.is_tax_known:
        return None
    return rates.breakdown(
        excl_tax=price.excl_tax,
        tax=price.tax,
        partner_id=stockrecord.partner_id if stockrecord is not None else None,
        class_id=product_class_id(product),
    )


def product_breakdown(*, request: Any, product: Any) -> Breakdown | None:
    """The breakdown of the price this request's visitor pays for `product`."""
    strategy = getattr(request, "strategy", None)
    if strategy is None:
        return None
    info = strategy.fetch_for_product(product)
    return price_breakdown(
        product=product,
        price=info.price,
        stockrecord=info.stockrecord,
        rates=request_rates(request),
    )


def basket_breakdown(*, basket: Any, rates: PricingRates) -> Breakdown | None:
    """The sum of the breakdowns of a basket's lines (unit breakdown × quantity); None
    when a line's VAT is unknown or the basket is empty."""
    total: Breakdown | None = None
    for line in basket.all_lines():
        if not line.is_tax_known or line.unit_price_excl_tax is None:
            return None
        unit = rates.breakdown(
            excl_tax=line.unit_price_excl_tax,
            tax=line.unit_tax,
            partner_id=line.stockrecord.partner_id if line.stockrecord_id else None,
            class_id=product_class_id(line.product),
        )
        total = unit.times(line.quantity) if total is None else total + unit.times(line.quantity)
    return total


def net_quantity_of(product: Any) -> ProductNetQuantity | None:
    """The product's net quantity (free when joined or prefetched, else one query)."""
    try:
        return product.net_quantity
    except ProductNetQuantity.DoesNotExist:
        return None


def prefetch_net_quantities(products: Iterable[Any]) -> None:
    """One query for the net quantities of products loaded without them (basket lines)."""
    products = [p for p in products if p is not None]
    if products:
        prefetch_related_objects(products, "net_quantity")
