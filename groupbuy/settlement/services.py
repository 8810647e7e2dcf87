"""Settlement of a group order: from the allocation to ordinary Oscar orders and payments.

`group_order_confirm` moves a closed group order to "confirmed" and, for every member
who receives at least one unit, has the shop place ONE Oscar order (number
``G<group order>-<member>``) whose lines are the member's allocation at the reached tier
price, with the group order's pickup point and date as its `OrderPickup` and the terms
of sale the member last accepted when committing as its `TermsAcceptance`. A
`GroupOrderSettlement` row links the member, the group order and the order: it is what
makes confirming twice harmless (rows that exist are skipped) and it carries the
payment's state.

The orders are placed in bulk by the shop (`shop.checkout.order_writer.orders_place_bulk`:
a fixed number of queries whatever the number of members, Oscar's `order_placed` once
per order), in one transaction under the group order's row lock. Then the payments:

* pay at pickup (no Stripe, or the member has no card ready): the order waits in
  "awaiting payment" with a "Paiement au retrait" source, which the shop writes with the
  order;
* card (`collection`): the member's authorization is captured for exactly the order
  total (Stripe releases the rest), or their saved card is charged off-session. Stripe
  is called outside the transaction, one member at a time; a refusal or an
  authentication to complete marks the settlement "failed" with a deadline
  (GROUPBUY_PAYMENT_GRACE_HOURS) and the member gets an e-mail with a link to a payment
  page; Stripe unreachable leaves it "awaiting payment" and confirming again retries it
  (same idempotency keys).

Members who receive nothing have their authorization cancelled. Releasing the orders
still unpaid after the deadline is `release`'s.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from groupbuy import locks
from groupbuy.orders.models import (
    SETTLED_STATES,
    Allocation,
    Commitment,
    GroupOrder,
    GroupOrderState,
)
from groupbuy.orders.services import group_order_transition
from shop.checkout.order_writer import (
    LineDraft,
    OrderDraft,
    PickupDraft,
    TermsDraft,
    orders_place_bulk,
)
from shop.payments.methods import PaymentMethod

from . import tasks, wallet
from .collection import card_payments_collect
from .models import GroupOrderSettlement, GroupPayment
from .selectors import LINE_REFERENCE, OfferInfo, card_payments_enabled, offer_infos, order_number

S = GroupOrderState
SP = GroupOrderSettlement.PaymentState
BATCH = 2000


# `user` is the project's user model (or AnonymousUser): groupbuy may not
# import community, where it lives (tests/test_architecture.py), hence `Any`.


@dataclass(frozen=True)
class MemberLine:
    """Units of one offer a member is to receive, at a unit price incl. VAT."""

    offer_id: int
    quantity: int
    unit_price_incl_tax: Decimal


@dataclass
class Outcome:
    """What a confirmation (or a re-run) did."""

    group_order: GroupOrder
    created: list[GroupOrderSettlement] = field(default_factory=list)
    paid: list[GroupOrderSettlement] = field(default_factory=list)
    failed: list[GroupOrderSettlement] = field(default_factory=list)
    authorizations_released: int = 0

    @property
    def orders_created(self) -> int:
        return len(self.created)


def group_order_confirm(
    *, group_order: GroupOrder, user: Any = None, notify: bool = True, collect_payments: bool = True
) -> Outcome:
    """Confirm a closed group order: one Oscar order per member who receives something,
    then the payments. Idempotent: confirming again creates nothing twice and only
    retries card payments that could not reach Stripe."""
    group_order, created = _place_member_orders(group_order=group_order, user=user)
    outcome = Outcome(group_order=group_order, created=created)
    if collect_payments:
        card_payments_collect(group_order=group_order, outcome=outcome)
    if notify:
        settlement_ids = sorted({s.pk for s in [*created, *outcome.failed]})
        if settlement_ids:
            tasks.send_settlement_emails.enqueue(settlement_ids)
    return outcome


@transaction.atomic
def _place_member_orders(
    *, group_order: GroupOrder, user: Any = None
) -> tuple[GroupOrder, list[GroupOrderSettlement]]:
    locked = locks.lock_group_order(group_order.pk)
    if locked.state not in SETTLED_STATES:
        # closed → confirmed; any other state is refused with the state machine's message.
        locked = group_order_transition(group_order=locked, to_state=S.CONFIRMED, user=user)
    done = set(
        GroupOrderSettlement.objects.filter(group_order=locked, sequence=0).values_list(
            "member_id", flat=True
        )
    )
    lines: dict[int, list[MemberLine]] = defaultdict(list)
    rows = (
        Allocation.objects.filter(offer__group_order=locked, allocated__gt=0)
        .order_by("member_id", "offer__position", "offer_id")
        .values_list("member_id", "offer_id", "allocated", "unit_price_incl_tax")
    )
    for member_id, offer_id, allocated, price in rows.iterator(chunk_size=BATCH):
        if member_id not in done:
            lines[member_id].append(MemberLine(offer_id, allocated, price))
    if not lines:
        return locked, []
    methods = _payment_methods(locked, list(lines))
    # A prepayment from the wallet pays the order; any rest is due at pickup, not by card.
    for member_id in wallet.prepaid_member_ids(group_order=locked) & set(lines):
        methods[member_id] = PaymentMethod.PICKUP.value
    created = member_orders_place(
        group_order=locked,
        lines={(member_id, 0): member_lines for member_id, member_lines in lines.items()},
        methods=methods,
    )
    wallet.prepayments_settle(group_order=locked, settlements=created)
    return locked, created


def _payment_methods(group_order: GroupOrder, member_ids: list[int]) -> dict[int, str]:
    """Card for members whose card is ready (authorised or saved), pickup for the rest."""
    methods = dict.fromkeys(member_ids, PaymentMethod.PICKUP.value)
    if card_payments_enabled():
        ready = GroupPayment.objects.filter(
            group_order=group_order,
            status=GroupPayment.Status.READY,
            mode__in=[GroupPayment.Mode.AUTHORIZATION, GroupPayment.Mode.SAVED_CARD],
        ).values_list("member_id", flat=True)
        for member_id in ready:
            if member_id in methods:
                methods[member_id] = PaymentMethod.CARD.value
    return methods


def accepted_terms(*, group_order: GroupOrder, member_ids: set[int]) -> dict[int, TermsDraft]:
    """Per member, the terms of sale they accepted last when committing to this group
    order: their orders carry that acceptance."""
    terms: dict[int, TermsDraft] = {}
    rows = (
        Commitment.objects.filter(offer__group_order=group_order, terms_accepted_at__isnull=False)
        .exclude(terms_version="")
        .order_by("member_id", "-terms_accepted_at", "-pk")
        .values_list("member_id", "terms_version", "terms_accepted_at")
    )
    for member_id, version, accepted_at in rows.iterator(chunk_size=BATCH):
        if accepted_at and member_id in member_ids and member_id not in terms:
            terms[member_id] = TermsDraft(version=version, accepted_at=accepted_at)
    return terms


def _line_draft(info: OfferInfo, line: MemberLine) -> LineDraft:
    return LineDraft(
        product_id=info.product_id,
        title=info.title,
        upc=info.upc,
        partner_id=info.partner_id,
        partner_name=info.partner_name,
        partner_sku=info.partner_sku,
        stockrecord_id=info.stockrecord_id,
        quantity=line.quantity,
        unit_price_incl_tax=Decimal(line.unit_price_incl_tax),
        vat_rate=info.vat_rate,
        reference=LINE_REFERENCE.format(info.offer_id),
    )


@transaction.atomic
def member_orders_place(
    *,
    group_order: GroupOrder,
    lines: dict[tuple[int, int], list[MemberLine]],
    methods: dict[int, str],
) -> list[GroupOrderSettlement]:
    """Have the shop place the Oscar orders of `lines` ((member, sequence) → lines) and
    link each to its member with a settlement row, in bulk. A supplementary order
    (sequence > 0) is paid at pickup. The caller holds the group order's lock."""
    infos = offer_infos(group_order)
    pickup = None
    if group_order.pickup_point_id:  # (an OrderPickup without a point means home delivery)
        pickup = PickupDraft(point_id=group_order.pickup_point_id, day=group_order.pickup_date)
    shipping_method = _("Group order: %(title)s") % {"title": group_order.title}
    method_of = {key: PaymentMethod.PICKUP.value if key[1] else methods[key[0]] for key in lines}
    terms = accepted_terms(group_order=group_order, member_ids={key[0] for key in lines})
    drafts = [
        OrderDraft(
            number=order_number(group_order.pk, member_id, sequence),
            user_id=member_id,
            lines=[_line_draft(infos[line.offer_id], line) for line in member_lines],
            shipping_method=shipping_method,
            shipping_code="groupbuy-pickup",
            pickup=pickup,
            # Pay at pickup is recorded with the order; a card when it is captured.
            payment_method=(
                PaymentMethod.PICKUP
                if method_of[(member_id, sequence)] == PaymentMethod.PICKUP.value
                else None
            ),
            terms=terms.get(member_id),
        )
        for (member_id, sequence), member_lines in lines.items()
    ]
    orders = orders_place_bulk(drafts=drafts)
    settlements = [
        GroupOrderSettlement(
            group_order=group_order,
            member_id=member_id,
            sequence=sequence,
            order=orders[order_number(group_order.pk, member_id, sequence)],
            payment_method=method_of[(member_id, sequence)],
            payment_state=SP.PENDING,
        )
        for member_id, sequence in lines
    ]
    GroupOrderSettlement.objects.bulk_create(settlements, batch_size=BATCH)
    placed = {order.pk for order in orders.values()}
    return [
        row
        for row in GroupOrderSettlement.objects.filter(group_order=group_order)
        .select_related("order", "member")
        .order_by("pk")
        if row.order_id in placed
    ]
