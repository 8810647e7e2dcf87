"""Operations of group buying. Every state change of a group order goes through
`group_order_transition`; commitments and closing lock the group order row first."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groupbuy import events, locks
from groupbuy.groups.models import BuyingGroup
from groupbuy.groups.selectors import require_coordinator
from shop import gates

from . import allocation
from .models import (
    EDITABLE_STATES,
    TRANSITIONS,
    Allocation,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    GroupOrderState,
    PriceTier,
    StateTransition,
    tier_price_errors,
)
from .progress import terms_of
from .selectors import is_group_order_member

S = GroupOrderState


# `user`, `by`, `member` are the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


class InvalidTransition(ValidationError):
    pass


def _transition(
    group_order: GroupOrder, to_state: str, *, user: Any = None, note: str = ""
) -> None:
    """Change the state of a group order already locked by the caller, and log it."""
    from_state = group_order.state
    if to_state not in TRANSITIONS[from_state]:
        raise InvalidTransition(
            _("A group order cannot go from “%(old)s” to “%(new)s”.")
            % {"old": S(from_state).label, "new": S(to_state).label}
        )
    group_order.state = to_state
    if to_state == S.CLOSED:
        group_order.closed_at = timezone.now()
    group_order.save(update_fields=["state", "closed_at"])
    StateTransition.objects.create(
        group_order=group_order, from_state=from_state, to_state=to_state, user=user, note=note
    )
    transaction.on_commit(
        lambda: events.group_order_state_changed.send(
            sender=GroupOrder, group_order=group_order, from_state=from_state, to_state=to_state
        )
    )


@transaction.atomic
def group_order_transition(
    *, group_order: GroupOrder, to_state: str, user: Any = None
) -> GroupOrder:
    """Move a group order to another state (closing has its own service)."""
    if to_state == S.CLOSED:
        return group_order_close(group_order=group_order, user=user)
    locked = locks.lock_group_order(group_order.pk)
    _transition(locked, to_state, user=user)
    return locked


@transaction.atomic
def commitment_set(
    *,
    offer: GroupOrderProduct,
    member: Any,
    quantity: int,
    tolerance: int = 0,
    terms_version: str = "",
    now: datetime.datetime | None = None,
) -> Commitment | None:
    """Set a member's commitment on one product to `quantity` firm units and `tolerance`,
    the member having accepted the terms of sale `terms_version` (recorded with it;
    required unless cancelling).

    An increase is a new part that queues behind everyone who committed before; a
    decrease gives back the latest units first. Zero cancels the commitment.
    """
    now = now or timezone.now()
    if quantity < 0 or tolerance < 0:
        raise ValidationError(_("Quantities cannot be negative."))
    if (quantity or tolerance) and not terms_version:
        raise ValidationError(_("Please accept the terms of sale to commit to this product."))
    group_order = locks.lock_group_order(offer.group_order_id)
    _check_can_commit(group_order, member, now)
    firm_before = _firm_total(offer)
    commitment = Commitment.objects.select_for_update().filter(offer=offer, member=member).first()
    if quantity == 0 and tolerance == 0:
        if commitment:
            commitment.delete()
        _commitments_changed(group_order)
        return None
    if commitment is None:
        commitment = Commitment.objects.create(
            offer=offer, member=member, tolerance=tolerance, tolerance_since=now
        )
    _resize_parts(commitment, quantity, now)
    if tolerance > commitment.tolerance:
        commitment.tolerance_since = now  # a raised tolerance queues anew
    commitment.tolerance = tolerance
    commitment.terms_version, commitment.terms_accepted_at = terms_version, now
    commitment.save(
        update_fields=[
            "tolerance",
            "tolerance_since",
            "terms_version",
            "terms_accepted_at",
            "updated_at",
        ]
    )
    _commitments_changed(group_order)
    if offer.min_units and firm_before < offer.min_units <= _firm_total(offer):
        transaction.on_commit(
            lambda: events.group_order_minimum_reached.send(
                sender=GroupOrder, group_order=group_order, offer=offer
            )
        )
    return commitment


def _firm_total(offer: GroupOrderProduct) -> int:
    total = CommitmentPart.objects.filter(commitment__offer=offer).aggregate(
        total=models.Sum("quantity")
    )["total"]
    return total or 0


def _check_can_commit(group_order: GroupOrder, member: Any, now: datetime.datetime) -> None:
    """Commitments change only while the group order is open: checked on the server."""
    if group_order.state == S.DRAFT or now < group_order.opens_at:
        raise ValidationError(_("This group order is not open yet."))
    if group_order.state != S.OPEN or now >= group_order.closes_at:
        raise ValidationError(
            _("This group order closed on %(date)s: commitments can no longer change.")
            % {"date": timezone.localtime(group_order.closes_at).strftime("%d/%m/%Y %H:%M")}
        )
    if not is_group_order_member(group_order, member):
        raise PermissionDenied(_("Only members of the group can commit."))
    gates.ensure_allowed(gates.GROUP_ORDERS, member)  # the cooperative's members-only rule


def _resize_parts(commitment: Commitment, quantity: int, now: datetime.datetime) -> None:
    parts = list(commitment.parts.order_by("created_at", "pk"))
    current = sum(p.quantity for p in parts)
    if quantity > current:
        CommitmentPart.objects.create(
            commitment=commitment, quantity=quantity - current, created_at=now
        )
        return
    to_remove = current - quantity
    for part in reversed(parts):  # latest units go first
        if to_remove == 0:
            break
        taken = min(part.quantity, to_remove)
        to_remove -= taken
        if taken == part.quantity:
            part.delete()
        else:
            part.quantity -= taken
            part.save(update_fields=["quantity"])


def _commitments_changed(group_order: GroupOrder) -> None:
    transaction.on_commit(
        lambda: events.group_order_commitments_changed.send(
            sender=GroupOrder, group_order=group_order
        )
    )


@transaction.atomic
def group_order_close(*, group_order: GroupOrder, user: Any = None) -> GroupOrder:
    """Close and allocate. Idempotent: closing a group order already closed does nothing."""
    locked = locks.lock_group_order(group_order.pk)
    if locked.state != S.OPEN:
        if locked.state in (S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED):
            return locked  # already closed: a second run has no effect
        _transition(locked, S.CLOSED, user=user)  # raises for draft/cancelled
    list(locks.lock_commitments(locked))  # no commitment may change during allocation
    _transition(locked, S.CLOSED, user=user, note=_("allocation computed"))
    group_order_allocate(group_order=locked)
    return locked


def group_order_allocate(*, group_order: GroupOrder) -> dict[int, allocation.OfferResult]:
    """Compute and store the allocation of every offer (replacing any previous one)."""
    offers = list(group_order.offers.prefetch_related("tiers"))
    parts_by_offer: dict[int, list] = defaultdict(list)
    for part in CommitmentPart.objects.filter(
        commitment__offer__group_order=group_order
    ).values_list("commitment__offer_id", "commitment__member_id", "quantity", "created_at", "pk"):
        offer_id, member_id, quantity, created_at, pk = part
        parts_by_offer[offer_id].append(allocation.Part(member_id, quantity, created_at, pk))
    tolerances_by_offer: dict[int, list] = defaultdict(list)
    for offer_id, member_id, quantity, since, pk in Commitment.objects.filter(
        offer__group_order=group_order, tolerance__gt=0
    ).values_list("offer_id", "member_id", "tolerance", "tolerance_since", "pk"):
        tolerances_by_offer[offer_id].append(allocation.Tolerance(member_id, quantity, since, pk))

    Allocation.objects.filter(offer__group_order=group_order).delete()
    results: dict[int, allocation.OfferResult] = {}
    rows: list[Allocation] = []
    for offer in offers:
        result = allocation.allocate_offer(
            terms_of(offer), parts_by_offer[offer.pk], tolerances_by_offer[offer.pk]
        )
        results[offer.pk] = result
        rows.extend(
            Allocation(
                offer=offer,
                member_id=member.member_id,
                requested=member.requested,
                tolerance=member.tolerance,
                allocated=member.allocated,
                unit_price_incl_tax=result.unit_price,
                reason=member.reason,
            )
            for member in result.members.values()
        )
    Allocation.objects.bulk_create(rows, batch_size=2000)
    return results


def group_orders_close_due(*, now: datetime.datetime | None = None) -> list[GroupOrder]:
    """Close every open group order past its deadline (cron-safe: re-running is a no-op)."""
    closed = []
    for group_order in GroupOrder.objects.due_for_closing(now).order_by("pk"):
        closed.append(group_order_close(group_order=group_order))
    return closed


# --- editing a group order (coordinators) ------------------------------------------
# States never change here; editing is allowed while the group order is a draft or open,
# under its row lock so it cannot interleave with a closing.

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
    by: Any,
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
    tiers = sorted(data.get("tiers") or ())
    errors = tier_price_errors(offer.unit_price_incl_tax, tiers)
    if errors:
        raise ValidationError(errors)
    offer.save()
    current = [(t.min_units, t.unit_price_incl_tax) for t in offer.tiers.all()]
    if current != tiers:
        offer.tiers.all().delete()
        PriceTier.objects.bulk_create(
            PriceTier(offer=offer, min_units=threshold, unit_price_incl_tax=price)
            for threshold, price in tiers
        )
    return offer
