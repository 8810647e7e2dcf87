"""Placing many Oscar orders at once, for callers that are not a basket (a group order's
settlement places one order per member: 10,000 orders in a few bulk queries).

`orders_place_bulk` is the shop's one way to write such orders: the order with its
totals, its lines and their `LinePrice`, the pickup, the terms of sale the customer
accepted (`TermsAcceptance`), the payment rows of an offline
method (through `shop.payments.offline.record_offline_orders`, the path the checkout's
`record_offline_order` takes too), and Oscar's `order_placed` signal once per order
(sent by the `announce_orders_placed` task once the orders are committed).
Rows have the shape the checkout's `OrderCreator` gives them (tests compare both).

Card payments are not recorded here: the caller authorises and captures each order's
card through `shop.payments.services` once the order exists, as the checkout does.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from oscar.core.loading import get_model

from shop.legal.models import TermsAcceptance
from shop.payments import statuses
from shop.payments.methods import OFFLINE_METHODS, PaymentMethod
from shop.payments.offline import record_offline_orders
from shop.shipping.models import OrderPickup

from . import tasks

logger = logging.getLogger(__name__)

if TYPE_CHECKING:
    from oscar.apps.order.models import Line, LinePrice, Order
else:
    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    LinePrice = get_model("order", "LinePrice")

CENT = Decimal("0.01")
BATCH = 2000  # rows per INSERT (and numbers per IN clause)


@dataclass(frozen=True)
class LineDraft:
    """One line: a product from a producer's stock record, at a price incl. VAT."""

    product_id: int
    title: str
    upc: str
    partner_id: int | None
    partner_name: str
    partner_sku: str
    stockrecord_id: int | None
    quantity: int
    unit_price_incl_tax: Decimal
    vat_rate: Decimal  # the VAT is taken out of the price incl. VAT, per line
    reference: str = ""  # Line.partner_line_reference: the caller's key for this line


@dataclass(frozen=True)
class PickupDraft:
    """Where and when the order is collected (no point: home delivery)."""

    point_id: int | None
    day: datetime.date | None = None
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None


@dataclass(frozen=True)
class TermsDraft:
    """The terms of sale the customer accepted, when (e.g. on committing to a group
    order) and where."""

    version: str
    accepted_at: datetime.datetime
    channel: str = TermsAcceptance.Channel.GROUP_ORDER


@dataclass(frozen=True)
class OrderDraft:
    number: str
    user_id: int
    lines: Sequence[LineDraft]
    shipping_method: str
    shipping_code: str
    pickup: PickupDraft | None = None
    # An offline method gets its Source, "Pending" event and audit row now; a card is
    # recorded by shop.payments.services when it is authorised; None: nothing recorded.
    payment_method: PaymentMethod | None = None
    # None: the customer accepted no terms of sale (orders from before they were asked).
    terms: TermsDraft | None = None


def excl_tax(amount_incl_tax: Decimal, vat_rate: Decimal) -> Decimal:
    return (Decimal(amount_incl_tax) / (1 + Decimal(vat_rate))).quantize(CENT, ROUND_HALF_UP)


def _line(draft: LineDraft) -> Line:
    unit_incl = Decimal(draft.unit_price_incl_tax)
    line_incl = (unit_incl * draft.quantity).quantize(CENT)
    line_excl = excl_tax(line_incl, draft.vat_rate)
    line = Line(
        partner_id=draft.partner_id,
        partner_name=draft.partner_name[:128],
        partner_sku=draft.partner_sku[:128],
        partner_line_reference=draft.reference[:128],
        stockrecord_id=draft.stockrecord_id,
        product_id=draft.product_id,
        title=draft.title[:255],
        upc=draft.upc or None,
        quantity=draft.quantity,
        line_price_incl_tax=line_incl,
        line_price_excl_tax=line_excl,
        line_price_before_discounts_incl_tax=line_incl,
        line_price_before_discounts_excl_tax=line_excl,
        unit_price_incl_tax=unit_incl,
        unit_price_excl_tax=excl_tax(unit_incl, draft.vat_rate),
        num_allocated=draft.quantity,
    )
    # No line status: OSCAR_INITIAL_LINE_STATUS is not set, so Oscar's checkout sets none.
    return line


def _orders_by_number(numbers: list[str]) -> dict[str, Order]:
    found: dict[str, Order] = {}
    for start in range(0, len(numbers), BATCH):
        chunk = numbers[start : start + BATCH]
        chunk_orders = Order.objects.filter(number__in=chunk).select_related("user")
        found.update((order.number, order) for order in chunk_orders)
    return found


@transaction.atomic
def orders_place_bulk(
    *, drafts: Sequence[OrderDraft], placed_at: datetime.datetime | None = None
) -> dict[str, Order]:
    """Place one Oscar order per draft ("awaiting payment"), in a fixed number of bulk
    queries whatever their number; returns them by number. `order_placed` is sent once
    per order when the transaction commits (never for orders rolled back)."""
    if not drafts:
        return {}
    placed_at = placed_at or timezone.now()
    currency = settings.OSCAR_DEFAULT_CURRENCY
    site_id = settings.SITE_ID
    orders, lines = [], {}
    for draft in drafts:
        rows = [_line(line) for line in draft.lines]
        lines[draft.number] = rows
        orders.append(
            Order(
                number=draft.number,
                site_id=site_id,
                user_id=draft.user_id,
                currency=currency,
                total_incl_tax=sum((row.line_price_incl_tax for row in rows), Decimal("0")),
                total_excl_tax=sum((row.line_price_excl_tax for row in rows), Decimal("0")),
                shipping_incl_tax=Decimal("0"),
                shipping_excl_tax=Decimal("0"),
                shipping_method=draft.shipping_method[:128],
                shipping_code=draft.shipping_code[:128],
                status=statuses.PENDING_PAYMENT,
                date_placed=placed_at,
            )
        )
    Order.objects.bulk_create(orders, batch_size=BATCH)
    # Read back by number: primary keys of a bulk insert are not returned by every backend.
    by_number = _orders_by_number(list(lines))
    all_lines = []
    for number, rows in lines.items():
        for row in rows:
            row.order_id = by_number[number].pk
            all_lines.append(row)
    Line.objects.bulk_create(all_lines, batch_size=BATCH)
    _write_line_prices(all_lines)
    OrderPickup.objects.bulk_create(
        [
            OrderPickup(
                order_id=by_number[draft.number].pk,
                point_id=draft.pickup.point_id,
                day=draft.pickup.day,
                start_time=draft.pickup.start_time,
                end_time=draft.pickup.end_time,
            )
            for draft in drafts
            if draft.pickup is not None
        ],
        batch_size=BATCH,
    )
    TermsAcceptance.objects.bulk_create(
        [
            TermsAcceptance(
                order_id=by_number[draft.number].pk,
                version=draft.terms.version,
                accepted_at=draft.terms.accepted_at,
                channel=draft.terms.channel,
            )
            for draft in drafts
            if draft.terms is not None
        ],
        batch_size=BATCH,
    )
    for method in OFFLINE_METHODS:
        offline = [by_number[d.number] for d in drafts if d.payment_method == method]
        record_offline_orders(orders=offline, method=method)
    placed = [by_number[draft.number] for draft in drafts]
    # Receivers (Oscar's analytics: a few rows per order) run on the task queue, after
    # the commit: a settlement of thousands of orders does not wait for them.
    placed_ids = [order.pk for order in placed]
    transaction.on_commit(lambda: tasks.announce_orders_placed.enqueue(placed_ids))
    return by_number


def _write_line_prices(lines: list[Line]) -> None:
    """One LinePrice per line (one price for all its units), as the checkout writes for a
    basket line without a price change. The lines' keys are read back when the backend
    did not return them."""
    missing = [line for line in lines if line.pk is None]
    if missing:
        ids = {}
        order_ids = sorted({line.order_id for line in missing})
        for start in range(0, len(order_ids), BATCH):
            for pk, order_id, reference, product_id in Line.objects.filter(
                order_id__in=order_ids[start : start + BATCH]
            ).values_list("pk", "order_id", "partner_line_reference", "product_id"):
                ids[(order_id, reference, product_id)] = pk
        for line in missing:
            line.pk = line.id = ids[(line.order_id, line.partner_line_reference, line.product_id)]
    LinePrice.objects.bulk_create(
        [
            LinePrice(
                order_id=line.order_id,
                line_id=line.pk,
                quantity=line.quantity,
                price_incl_tax=line.unit_price_incl_tax,
                price_excl_tax=line.unit_price_excl_tax,
            )
            for line in lines
        ],
        batch_size=BATCH,
    )
