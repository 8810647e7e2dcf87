"""Demo distributions: next week's and the week after's Friday distributions at the demo
pickup points, open for ordering now, with a quantity for each producer's products.
Idempotent: distributions are keyed on (title, pickup start), offers on (distribution,
product); quantities are set on creation only (orders change what is left)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.utils import timezone
from oscar.core.loading import get_model

from shop.demo import upsert
from shop.shipping.models import PickupPoint

from .models import Distribution, DistributionOffer, DistributionStatus

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

PRODUCTS_PER_PRODUCER = 6
FRIDAY = 4


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def demo_fridays(today: datetime.date) -> list[datetime.date]:
    """Friday of next week and of the week after."""
    next_monday = today + datetime.timedelta(days=7 - today.weekday())
    return [next_monday + datetime.timedelta(days=FRIDAY + 7 * week) for week in (0, 1)]


def load_distributions_demo(
    *, pickup_points: Sequence[PickupPoint], today: datetime.date | None = None
) -> list[Distribution]:
    today = today or timezone.localdate()
    producers = list(Partner.objects.filter(charter_status="membre").order_by("name"))
    offered = []
    for producer in producers:
        products = (
            Product.objects.filter(stockrecords__partner=producer, is_public=True)
            .exclude(structure="parent")
            .order_by("title", "pk")[:PRODUCTS_PER_PRODUCER]
        )
        offered += [(product, 6 + (index * 7) % 25) for index, product in enumerate(products)]
    distributions = []
    for friday in demo_fridays(today):
        distribution, _created = upsert(
            Distribution,
            {"title": "Distribution du vendredi", "starts_at": _local(friday, 17)},
            {
                "ends_at": _local(friday, 19, 30),
                "closes_at": _local(friday - datetime.timedelta(days=2), 20),
                "status": DistributionStatus.PUBLISHED,
            },
            create_only={"opens_at": _local(today - datetime.timedelta(days=1), 8)},
        )
        distribution.pickup_points.set(pickup_points)
        distribution.producers.set(producers)
        for product, quantity in offered:
            upsert(
                DistributionOffer,
                {"distribution": distribution, "product": product},
                {},
                create_only={"quantity": quantity},
            )
        distributions.append(distribution)
    return distributions
