"""Pricing for French consumers: prices are stored excluding tax (HT) on stock records
and shown including tax (TTC) at the VAT rate of the product's class."""

from decimal import Decimal

from oscar.apps.partner import strategy

CENT = Decimal("0.01")


class FrenchVAT(strategy.FixedRateTax):
    """VAT from the product class (5.5 % food, 20 % other), rounded to the cent."""

    def get_rate(self, product, stockrecord) -> Decimal:
        return product.get_product_class().vat_rate

    def get_exponent(self, stockrecord) -> Decimal:
        return CENT


class FrenchRetail(
    strategy.UseFirstStockRecord, strategy.StockRequired, FrenchVAT, strategy.Structured
):
    """One stock record per product (its producer's), stock required, prices TTC."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return FrenchRetail(request)
