"""Pricing and availability for French consumers.

Prices are stored excluding tax (HT) on stock records and shown including tax (TTC) at
the VAT rate of the product's class. Only charter members sell: a candidate producer's
goods stay unavailable until the community admits it. Members of the cooperative pay the
member price of the product's class (its member discount), public prices stay for others.
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _
from oscar.apps.partner import availability, prices, strategy

from shop import members

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


class MemberPrice(prices.TaxInclusiveFixedPrice):
    """A member's price: the public price less the class's member discount. `public`
    is the price others pay (shown struck through); `member_price` is itself, as on
    the public prices of discounted classes, so pages read one name."""

    is_member_price = True

    def __init__(self, *, public: prices.FixedPrice, excl_tax: Decimal, tax: Decimal, percent):
        super().__init__(currency=public.currency, excl_tax=excl_tax, tax=tax)
        self.public = public
        self.member_discount_percent = percent
        self.member_price = self


def member_price(price: prices.FixedPrice, *, percent: Decimal, rate: Decimal) -> MemberPrice:
    """`price` less `percent` %, excluding tax then VAT, each rounded half-up to cents."""
    excl_tax = (price.excl_tax * (100 - percent) / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    tax = (excl_tax * rate).quantize(CENT, rounding=ROUND_HALF_UP)
    return MemberPrice(public=price, excl_tax=excl_tax, tax=tax, percent=percent)


class MemberBenefit:
    """Pricing mixin: members of the cooperative pay the member price of the product's
    class. Other people's prices carry `member_price` so pages can show what members
    pay. Membership is asked only for a discounted class, once per request."""

    def pricing_policy(self, product, stockrecord):
        return self._with_member_price(product, super().pricing_policy(product, stockrecord))

    def parent_pricing_policy(self, product, children_stock):
        price = super().parent_pricing_policy(product, children_stock)
        return self._with_member_price(product, price)

    def _with_member_price(self, product, price):
        product_class = product.get_product_class()
        percent = getattr(product_class, "member_discount_percent", None) or Decimal(0)
        if not percent or not getattr(price, "exists", False) or price.tax is None:
            return price
        offer = member_price(price, percent=percent, rate=product_class.vat_rate)
        if members.request_is_member(self.request):
            return offer
        price.member_price = offer
        return price


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
    MemberBenefit,
    FrenchVAT,
    strategy.Structured,
):
    """One stock record per product (its producer's), charter members only, stock
    required, prices TTC, member prices for the cooperative's members."""


class Selector:
    def strategy(self, request=None, user=None, **kwargs):
        return FrenchRetail(request)
