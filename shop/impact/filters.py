"""Database filters on products and producers by charter criteria and distance.

Everything runs in SQL (Exists subqueries, a bounding box on indexed coordinates, then
the great-circle distance), so the cost follows the page, not the catalogue.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone
from oscar.core.loading import get_model

from shop.geo import Point, bounding_box, great_circle_km_expression

from .models import Claim, Criterion

Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")


def positive_claims(criterion: Criterion) -> QuerySet:
    return Claim.objects.filter(
        criterion=criterion, value_bool=True, valid_until__gte=timezone.localdate()
    )


def products_meeting(products: QuerySet, criteria: Iterable[Criterion]) -> QuerySet:
    """Products for which every criterion holds: by their own current claim, or else by
    their producer's (a product claim, even negative, overrides the producer's)."""
    for criterion in criteria:
        own_claim = Claim.objects.filter(criterion=criterion, product=OuterRef("pk"))
        own_positive = positive_claims(criterion).filter(product=OuterRef("pk"))
        producer_positive = positive_claims(criterion).filter(
            product__isnull=True, producer__stockrecords__product=OuterRef("pk")
        )
        products = products.filter(
            Exists(own_positive) | (~Exists(own_claim) & Exists(producer_positive))
        )
    return products


def producers_meeting(producers: QuerySet, criteria: Iterable[Criterion]) -> QuerySet:
    for criterion in criteria:
        producers = producers.filter(
            Exists(positive_claims(criterion).filter(product__isnull=True, producer=OuterRef("pk")))
        )
    return producers


def producers_within(producers: QuerySet, center: Point, radius_km: float) -> QuerySet:
    """Producers within the radius, annotated with `distance_km`: an indexed bounding box
    first, then the exact great-circle distance."""
    min_lat, max_lat, min_lng, max_lng = bounding_box(center, radius_km)
    return (
        producers.filter(latitude__range=(min_lat, max_lat), longitude__range=(min_lng, max_lng))
        .annotate(distance_km=great_circle_km_expression("latitude", "longitude", center))
        .filter(distance_km__lte=radius_km)
    )


def products_within(products: QuerySet, center: Point, radius_km: float) -> QuerySet:
    nearby = producers_within(Partner.objects.all(), center, radius_km).values("pk")
    return products.filter(
        Exists(StockRecord.objects.filter(product=OuterRef("pk"), partner__in=nearby))
    )
