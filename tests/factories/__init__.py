"""Factories and builders, one module per app: `community` (members), `shop` (producers,
products, the charter, pickup points), `groupbuy` (group orders).

Every public name is re-exported here, so `from tests.factories import X` works for all."""

from .community import UserFactory
from .distributions import make_distribution
from .groupbuy import TERMS_VERSION, create_group_order
from .shop import (
    ClaimFactory,
    CriterionFactory,
    DimensionFactory,
    ProducerFactory,
    ProductClassFactory,
    create_product,
    expired,
    make_pickup_point,
    producer_user,
)

__all__ = [
    "TERMS_VERSION",
    "ClaimFactory",
    "CriterionFactory",
    "DimensionFactory",
    "ProducerFactory",
    "ProductClassFactory",
    "UserFactory",
    "create_group_order",
    "create_product",
    "expired",
    "make_distribution",
    "make_pickup_point",
    "producer_user",
]
