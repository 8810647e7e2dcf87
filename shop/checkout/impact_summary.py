"""The impact summary of an order, for its confirmation e-mail.

- share of the basket (lines' totals incl. VAT) bought from producers of the social and
  solidarity economy's legal forms (cooperatives, associations, mutuals, foundations,
  ESUS companies);
- average distance from the pickup point (or the delivery postcode) to the producers,
  weighted by the lines' totals;
- producers' share of the price: weighted average of the "part-producteur" claims, over
  the lines where one is declared (and which part of the basket that covers).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from shop.geo import Point, haversine_km, locate_postcode
from shop.impact.selectors import build_product_profiles, products_with_producers

ESS_LEGAL_FORMS = frozenset(
    {"scop", "scic", "coop_agricole", "association", "mutuelle", "fondation", "esus"}
)
HUNDRED = Decimal(100)
ONE = Decimal(1)
TENTH = Decimal("0.1")


@dataclass(frozen=True)
class ImpactSummary:
    basket_total: Decimal
    #: Amount and percentage (0–100, whole number) bought from ESS legal forms.
    ess_total: Decimal
    ess_share: Decimal | None
    #: Weighted average distance in km (one decimal), None when no distance is known.
    average_distance_km: Decimal | None
    #: Weighted average of the declared producers' shares, in % (whole number).
    producer_share: Decimal | None
    #: Percentage (whole number) of the basket for which a producers' share is declared.
    producer_share_coverage: Decimal | None
    producer_count: int

    @property
    def is_empty(self) -> bool:
        return not self.basket_total


def _percent(part: Decimal, whole: Decimal) -> Decimal | None:
    if not whole:
        return None
    return (part * HUNDRED / whole).quantize(ONE, rounding=ROUND_HALF_UP)


def order_origin(order) -> Point | None:
    """Where the order is collected: its pickup point, else the delivery postcode."""
    pickup = getattr(order, "pickup", None) if order.pk else None
    point = getattr(pickup, "point", None)
    if point is not None:
        if point.latitude is not None and point.longitude is not None:
            return Point(point.latitude, point.longitude)
        located = locate_postcode(point.postcode)
        return located.point if located else None
    if order.shipping_address_id and order.shipping_address.postcode:
        located = locate_postcode(order.shipping_address.postcode)
        return located.point if located else None
    return None


def _producer_distance(producer, origin: Point | None) -> float | None:
    if origin is None or producer is None or not producer.has_location:
        return None
    return haversine_km(origin, Point(producer.latitude, producer.longitude))


def order_impact_summary(order, *, origin: Point | None = None) -> ImpactSummary:
    """The impact summary of a placed order (a fixed number of queries)."""
    if origin is None:
        origin = order_origin(order)
    lines = list(order.lines.select_related("partner"))
    products = products_with_producers(line.product_id for line in lines if line.product_id)
    profiles = build_product_profiles(products.values(), origin=origin)

    total = ess_total = Decimal(0)
    distance_sum = distance_weight = Decimal(0)
    share_sum = share_weight = Decimal(0)
    producers = set()
    for line in lines:
        amount = line.line_price_incl_tax or Decimal(0)
        total += amount
        profile = profiles.get(line.product_id)
        # The producer the line was bought from; the product's profile when it still exists.
        producer = line.partner or (profile.producer if profile else None)
        if producer is not None:
            producers.add(producer.pk)
        if producer is not None and producer.legal_form in ESS_LEGAL_FORMS:
            ess_total += amount
        distance = _producer_distance(producer, origin)
        if distance is not None:
            distance_sum += Decimal(str(distance)) * amount
            distance_weight += amount
        claim = profile.producer_share if profile else None
        if claim is not None and not claim.not_applicable and claim.value_number is not None:
            share_sum += claim.value_number * amount
            share_weight += amount

    return ImpactSummary(
        basket_total=total,
        ess_total=ess_total,
        ess_share=_percent(ess_total, total),
        average_distance_km=(
            (distance_sum / distance_weight).quantize(TENTH, rounding=ROUND_HALF_UP)
            if distance_weight
            else None
        ),
        producer_share=(
            (share_sum / share_weight).quantize(ONE, rounding=ROUND_HALF_UP)
            if share_weight
            else None
        ),
        producer_share_coverage=_percent(share_weight, total) if share_weight else None,
        producer_count=len(producers),
    )
