"""Pricing and availability for French consumers.

Prices are stored excluding tax (HT) on stock records and shown including tax (TTC) at
the VAT rate of the product's class. Only charter members sell: a candidate producer's
goods stay unavailable until the community admits it.
"""

from decimal import Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, strategy

CENT = Decimal("0.01")
MEMBER = "membre"


class AwaitingAdmission(availability.Unavailable):
    message = _("Not on sale: the producer is not (or no longer) a member of the charter")


class FrenchVAT(strategy.FixedRateTax):
    """VAT from the product class (5.5 % food, 20 % other), rounded to the cent."""

    def get_rate(self, product, stockrecord) -> Decimal:
        return product.get_product_class().vat_rate

    def get_exponent(self, stockrecord) -> Decimal:
        return CENT


class CharterMembersOnly:
    """Availability mixin: goods of producers outside the charter cannot be bought.

    Listings prefetch each stock record's partner; elsewhere (basket lines, checkout)
    the members' ids are read once per strategy, not once per line.
    """

    def availability_policy(self, product, stockrecord):
        if stockrecord is not None and not self._sold_by_member(stockrecord):
            return AwaitingAdmission()
        return super().availability_policy(product, stockrecord)

    def _sold_by_member(self, stockrecord) -> bool:
        if type(stockrecord).partner.is_cached(stockrecord):
            return stockrecord.partner.charter_status == MEMBER
        if not hasattr(self, "_member_ids"):
            partners = type(stockrecord).partner.field.related_model.objects
            self._member_ids = set(
                partners.filter(charter_status=MEMBER).values_list("pk", flat=True)
            )
        return stockrecord.partner_id in self._member_ids


class FrenchRetail(
    strategy.UseFirstStockRecord,
    CharterMembersOnly,
    strategy.StockRequired,
    FrenchVAT,
    strategy.Structured,
):
    """One stock record per product (its producer's), members only, stock required,
    prices TTC."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return FrenchRetail(request)
