"""Builders for groupbuy's models: a buying group with its members and a group order."""

import datetime
from decimal import Decimal

from django.utils import timezone

from .community import UserFactory
from .shop import create_product

#: The terms of sale version members accept when they commit in tests.
TERMS_VERSION = "cgv-test"


def create_group_order(*, coordinator=None, members=(), offers=(), state="open", **kwargs):
    """A buying group with its members and a group order; `offers` are dicts of
    GroupOrderProduct fields (a product is created when none is given)."""
    from groupbuy.models import BuyingGroup, GroupOrder, GroupOrderProduct, Membership

    group = BuyingGroup.objects.create(
        name=kwargs.pop("group_name", "Groupement test"),
        slug=kwargs.pop("group_slug", f"groupement-{BuyingGroup.objects.count() + 1}"),
    )
    coordinator = coordinator or UserFactory()
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    for member in members:
        Membership.objects.create(group=group, user=member)
    now = timezone.now()
    group_order = GroupOrder.objects.create(
        group=group,
        title=kwargs.pop("title", "Commande de novembre"),
        state=state,
        opens_at=kwargs.pop("opens_at", now - datetime.timedelta(days=1)),
        closes_at=kwargs.pop("closes_at", now + datetime.timedelta(days=3)),
        created_by=coordinator,
        **kwargs,
    )
    for index, fields in enumerate(offers):
        fields = dict(fields)
        product = fields.pop("product", None) or create_product(title=f"Produit {index}")
        fields.setdefault("unit_price_incl_tax", Decimal("4.00"))
        GroupOrderProduct.objects.create(group_order=group_order, product=product, **fields)
    return group_order
