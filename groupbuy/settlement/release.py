"""Releasing the group order lines still unpaid after their grace period (command
`groupbuy_release_unpaid`): the order is cancelled and its units are offered to the
members still queued for them (`selectors.released_units_reallocation`), in a
supplementary order paid at pickup. The cases ordered from the producer do not change."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db import transaction
from django.utils import timezone

from groupbuy import locks
from groupbuy.orders.models import Allocation, GroupOrder
from shop.payments.services import order_cancel_unpaid

from . import tasks
from .collection import member_authorization_release
from .models import GroupOrderSettlement
from .selectors import offer_id_of, released_units_reallocation
from .services import MemberLine, member_orders_place

SP = GroupOrderSettlement.PaymentState


def settlements_release_unpaid(
    *, now: datetime.datetime | None = None, notify: bool = True
) -> list[GroupOrderSettlement]:
    """Release every settlement still unpaid after its deadline (cron-safe)."""
    now = now or timezone.now()
    due = (
        GroupOrderSettlement.objects.filter(payment_state=SP.FAILED, payment_due_at__lte=now)
        .values_list("group_order_id", flat=True)
        .distinct()
    )
    released = []
    for group_order_id in sorted(set(due)):
        released.extend(_release_group_order(group_order_id, now=now, notify=notify))
    return released


def _release_group_order(group_order_id: int, *, now, notify: bool) -> list:
    with transaction.atomic():
        group_order = locks.lock_group_order(group_order_id)
        settlements = list(
            GroupOrderSettlement.objects.select_for_update()
            .filter(group_order=group_order, payment_state=SP.FAILED, payment_due_at__lte=now)
            .select_related("order", "member")
            .order_by("pk")
        )
        if not settlements:
            return []
        released_units: dict[int, int] = defaultdict(int)
        for settlement in settlements:
            for reference, quantity in settlement.order.lines.values_list(
                "partner_line_reference", "quantity"
            ):
                released_units[offer_id_of(reference)] += quantity
            order_cancel_unpaid(order=settlement.order)
            settlement.payment_state = SP.RELEASED
            settlement.save(update_fields=["payment_state", "updated_at"])
        excluded = set(
            GroupOrderSettlement.objects.filter(
                group_order=group_order, payment_state=SP.RELEASED
            ).values_list("member_id", flat=True)
        )
        extra = released_units_reallocation(
            group_order=group_order, released_units=released_units, excluded=excluded
        )
        supplements = _place_supplements(group_order, extra)
    for settlement in settlements:
        member_authorization_release(group_order=group_order, member=settlement.member)
    if notify:
        tasks.send_release_emails.enqueue([s.pk for s in settlements], [s.pk for s in supplements])
    return settlements


def _place_supplements(group_order: GroupOrder, extra: dict[int, dict[int, int]]) -> list:
    """A supplementary order (paid at pickup) per member who receives released units, at
    the price of the allocation."""
    if not extra:
        return []
    prices = dict(
        Allocation.objects.filter(offer_id__in=list(extra))
        .values_list("offer_id", "unit_price_incl_tax")
        .distinct()
    )
    by_member: dict[int, list[MemberLine]] = defaultdict(list)
    for offer_id, members in extra.items():
        for member_id, units in members.items():
            by_member[member_id].append(MemberLine(offer_id, units, prices[offer_id]))
    sequences: dict[int, int] = defaultdict(int)
    for member_id, sequence in GroupOrderSettlement.objects.filter(
        group_order=group_order, member_id__in=list(by_member)
    ).values_list("member_id", "sequence"):
        sequences[member_id] = max(sequences[member_id], sequence)
    return member_orders_place(
        group_order=group_order,
        lines={(m, sequences[m] + 1): lines for m, lines in by_member.items()},
        methods=dict.fromkeys(by_member, "pickup"),
    )
