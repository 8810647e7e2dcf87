"""The model registry of the one `groupbuy` app: the models live in its rooms
(`groups`, `orders`, `settlement`); importing them here is what Django's app loading
finds. Other apps import models from here (a stable path)."""

from groupbuy.groups.models import BuyingGroup, BuyingGroupQuerySet, JoinRule, Membership
from groupbuy.orders.models import (
    Allocation,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderQuerySet,
    GroupOrderState,
    PriceTier,
    StateTransition,
)
from groupbuy.settlement.models import GroupOrderSettlement, GroupPayment, StripeCustomer

__all__ = [
    "Allocation",
    "BuyingGroup",
    "BuyingGroupQuerySet",
    "Commitment",
    "CommitmentPart",
    "GroupOrder",
    "GroupOrderProduct",
    "GroupOrderQuerySet",
    "GroupOrderSettlement",
    "GroupOrderState",
    "GroupPayment",
    "JoinRule",
    "Membership",
    "PriceTier",
    "StateTransition",
    "StripeCustomer",
]
