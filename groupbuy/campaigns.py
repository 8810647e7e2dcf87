"""Creating and editing group orders (campagnes) and their offers, by coordinators.

States never change here: `services.group_order_transition` does that. Editing is
allowed while the group order is a draft or open, under the group order's row lock so it
cannot interleave with a closing.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from . import locks
from .membership import require_coordinator
from .models import BuyingGroup, GroupOrder, GroupOrderProduct, GroupOrderState, PriceTier

EDITABLE_STATES = (GroupOrderState.DRAFT, GroupOrderState.OPEN)
GROUP_ORDER_FIELDS = (
    "title",
    "description",
    "opens_at",
    "closes_at",
    "pickup_point",
    "pickup_date",
)


def _check_fields(group: BuyingGroup, fields: Mapping) -> None:
    opens_at: datetime.datetime = fields["opens_at"]
    closes_at: datetime.datetime = fields["closes_at"]
    if closes_at <= opens_at:
        raise ValidationError(_("The deadline must come after the opening."))
    point = fields.get("pickup_point")
    if point is not None and not group.pickup_points.filter(pk=point.pk).exists():
        raise ValidationError(_("Choose one of the group's pickup points."))


@transaction.atomic
def group_order_save(
    *,
    group: BuyingGroup,
    by,
    fields: Mapping,
    offers: Sequence[Mapping] = (),
    deleted: Iterable[GroupOrderProduct] = (),
    group_order: GroupOrder | None = None,
) -> GroupOrder:
    """Create a draft group order, or update one that is still a draft or open.

    `fields` holds GROUP_ORDER_FIELDS; each offer is a mapping with `instance` (an
    existing offer or None), `product`, `case_size`, `min_units`, `max_units`,
    `unit_price_incl_tax` and `tiers` ((threshold, unit price) pairs). Offers are
    ordered as given. An offer that members committed to cannot be removed nor get
    another product.
    """
    require_coordinator(group, by)
    _check_fields(group, fields)
    values = {name: fields.get(name) for name in GROUP_ORDER_FIELDS}
    values["description"] = values["description"] or ""
    if group_order is None:
        group_order = GroupOrder.objects.create(group=group, created_by=by, **values)
    else:
        if group_order.group_id != group.pk:
            raise PermissionDenied(_("This group order belongs to another group."))
        group_order = locks.lock_group_order(group_order.pk)
        if group_order.state not in EDITABLE_STATES:
            raise ValidationError(
                _("A group order can only be edited while it is a draft or open.")
            )
        for name, value in values.items():
            setattr(group_order, name, value)
        group_order.save(update_fields=list(values))

    for offer in deleted:
        if offer.group_order_id != group_order.pk:
            raise PermissionDenied(_("This product belongs to another group order."))
        if offer.commitments.exists():
            raise ValidationError(
                _("“%(product)s” cannot be removed: members have committed to it.")
                % {"product": offer.product.get_title()}
            )
        offer.delete()

    for position, data in enumerate(offers):
        _save_offer(group_order, position, data)
    return group_order


def _save_offer(group_order: GroupOrder, position: int, data: Mapping) -> GroupOrderProduct:
    offer: GroupOrderProduct | None = data.get("instance")
    if offer is None:
        offer = GroupOrderProduct(group_order=group_order)
    elif offer.group_order_id != group_order.pk:
        raise PermissionDenied(_("This product belongs to another group order."))
    elif data["product"].pk != offer.product_id and offer.commitments.exists():
        raise ValidationError(_("Members have committed to this product: it cannot be replaced."))
    offer.product = data["product"]
    offer.case_size = data["case_size"]
    offer.min_units = data["min_units"]
    offer.max_units = data["max_units"]
    offer.unit_price_incl_tax = Decimal(data["unit_price_incl_tax"])
    offer.position = position
    offer.save()
    tiers = list(data.get("tiers") or ())
    current = [(t.min_units, t.unit_price_incl_tax) for t in offer.tiers.all()]
    if current != tiers:
        offer.tiers.all().delete()
        PriceTier.objects.bulk_create(
            PriceTier(offer=offer, min_units=threshold, unit_price_incl_tax=price)
            for threshold, price in tiers
        )
    return offer
