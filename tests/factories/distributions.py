"""Builders for shop.distributions: a published distribution open for ordering now,
with its pickup points, producers and offers."""

import datetime

from django.utils import timezone

from shop.distributions.models import Distribution, DistributionOffer, DistributionStatus

from .shop import make_pickup_point


def make_distribution(
    *,
    title: str = "Distribution du vendredi",
    offers: dict | None = None,
    points=None,
    status: str = DistributionStatus.PUBLISHED,
    opens_in: datetime.timedelta = -datetime.timedelta(days=1),
    closes_in: datetime.timedelta = datetime.timedelta(days=2),
    starts_in: datetime.timedelta = datetime.timedelta(days=3),
    hours: int = 2,
) -> Distribution:
    """`offers`: product → quantity. Open now by default (opened yesterday, closes in two
    days, pickup in three days at a new or the given points)."""
    now = timezone.now().replace(second=0, microsecond=0)
    distribution = Distribution.objects.create(
        title=title,
        opens_at=now + opens_in,
        closes_at=now + closes_in,
        starts_at=now + starts_in,
        ends_at=now + starts_in + datetime.timedelta(hours=hours),
        status=status,
    )
    if points is None:
        slug = f"point-distribution-{distribution.pk}"
        points = [make_pickup_point(name=f"Point {distribution.pk}", slug=slug)]
    distribution.pickup_points.set(points)
    producers = set()
    for product, quantity in (offers or {}).items():
        DistributionOffer.objects.create(
            distribution=distribution, product=product, quantity=quantity
        )
        producers.update(record.partner for record in product.stockrecords.all())
    distribution.producers.set(producers)
    return distribution
