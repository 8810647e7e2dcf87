"""Reads of distributions: which are open, what they offer and what is left."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import timezone

from . import access
from .models import BasketDistribution, Distribution, DistributionOffer


def open_distributions(
    at: datetime.datetime | None = None, pickup_point: Any = None
) -> QuerySet[Distribution]:
    """Published distributions taking orders at `at` (now), soonest pickup first."""
    distributions = Distribution.objects.open_at(at or timezone.now())
    if pickup_point is not None:
        distributions = distributions.filter(pickup_points=pickup_point)
    return distributions.prefetch_related("pickup_points").order_by("starts_at", "pk")


def any_open_distribution(at: datetime.datetime | None = None) -> bool:
    return Distribution.objects.open_at(at or timezone.now()).exists()


def next_distribution_for(
    pickup_point: Any, at: datetime.datetime | None = None
) -> Distribution | None:
    """The open distribution with the soonest pickup at this point."""
    return open_distributions(at=at, pickup_point=pickup_point).first()


def available_quantity(offer: DistributionOffer) -> int:
    return offer.left


def offers_of(distribution: Distribution) -> QuerySet[DistributionOffer]:
    return (
        DistributionOffer.objects.filter(distribution=distribution)
        .select_related("product")
        .order_by("product__title", "pk")
    )


def quantities_left(distribution: Distribution, product_ids: Iterable[int]) -> dict[int, int]:
    """Product id → quantity left in the distribution, in one query (listed products
    absent from the result are not offered)."""
    rows = DistributionOffer.objects.filter(
        distribution=distribution, product_id__in=list(product_ids)
    ).values_list("product_id", "quantity", "sold")
    return {pid: max(quantity - sold, 0) for pid, quantity, sold in rows}


def offered_product_ids(distribution: Distribution) -> QuerySet:
    """A subquery of the products offered (children, or standalone products)."""
    return DistributionOffer.objects.filter(distribution=distribution).values("product_id")


def distribution_of_basket(basket: Any) -> Distribution | None:
    if basket is None or not getattr(basket, "pk", None):
        return None
    choice = (
        BasketDistribution.objects.filter(basket_id=basket.pk)
        .select_related("distribution")
        .first()
    )
    return choice.distribution if choice else None


def managed_distributions(user: Any) -> QuerySet[Distribution]:
    """Every distribution for staff; for a coordinator, those at their pickup points."""
    if not access.may_manage_distributions(user):
        return Distribution.objects.none()
    distributions = Distribution.objects.all()
    if not user.is_staff:
        points = access.managed_point_ids(user)
        distributions = distributions.filter(pickup_points__in=points).distinct()
    return distributions.order_by("-starts_at", "-pk")


def attach_quantities_left(products: Iterable[Any], distribution: Distribution) -> None:
    """Set `distribution_left` on each product of a page (a parent: the sum of its
    children's), in one query; None when the distribution does not offer it."""
    products = list(products)
    ids = [product.pk for product in products]
    left: dict[int, int] = {}
    rows = (
        DistributionOffer.objects.filter(distribution=distribution)
        .filter(Q(product_id__in=ids) | Q(product__parent_id__in=ids))
        .values_list("product_id", "product__parent_id", "quantity", "sold")
    )
    for product_id, parent_id, quantity, sold in rows:
        key = product_id if product_id in ids else parent_id
        left[key] = left.get(key, 0) + max(quantity - sold, 0)
    for product in products:
        product.distribution_left = left.get(product.pk)


def offered_products_filter(distribution: Distribution) -> Q:
    """Products (standalone, or parents through a child) offered in the distribution."""
    offered = DistributionOffer.objects.filter(distribution=distribution)
    return Q(Exists(offered.filter(product_id=OuterRef("pk")))) | Q(
        Exists(offered.filter(product__parent_id=OuterRef("pk")))
    )
