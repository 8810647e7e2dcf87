"""Reads of orders split by producer: one producer's lines, preparation lists, sales.

Every function takes the producer explicitly and filters order lines on
`line.partner` (Oscar copies the stock record's partner onto each line), so a producer's
page can only ever read that producer's lines. Callers decide who may see which
producer (`shop.impact.dashboard.permissions.managed_producers`).

Periods are whole days in the site's time zone, both ends included, on the date the
order was placed. Each function runs a fixed number of queries, whatever the number of
orders.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from django.db.models import Count, Max, QuerySet, Sum
from django.utils import timezone
from oscar.core.loading import get_model

from shop.shipping.models import PickupPoint

from .statuses import INACTIVE_STATUSES, SOLD_STATUSES

if TYPE_CHECKING:
    from oscar.apps.order.models import Line, Order

    from shop.partner.models import Partner
else:
    Line = get_model("order", "Line")
    Order = get_model("order", "Order")
    Partner = get_model("partner", "Partner")

ZERO = Decimal("0.00")
# `point=HOME_DELIVERY`: orders delivered at home rather than collected at a point.
HOME_DELIVERY = None
# `point=ANY_POINT`: wherever the order is collected or delivered.
ANY_POINT = object()


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def line_queryset() -> QuerySet:
    """Order lines with what the producer pages show, in one query."""
    return Line.objects.select_related(
        "order",
        "order__user",
        "order__shipping_address",
        "order__billing_address",
        "order__pickup__point",
        "product",
        "partner",
    )


def lines_for_producer(
    producer: Partner,
    *,
    start: datetime.date | None = None,
    end: datetime.date | None = None,
    statuses: Iterable[str] | None = None,
    exclude_statuses: Iterable[str] = (),
    point: object = ANY_POINT,
    day: datetime.date | None = None,
) -> QuerySet:
    """The order lines of `producer`, newest order first.

    `start`/`end`: days the order was placed (both included). `statuses`: only orders in
    these statuses (None: all); `exclude_statuses`: leave these out. `point`: only orders
    collected at this pickup point (`HOME_DELIVERY` for home deliveries; the default,
    `ANY_POINT`: anywhere). `day`: only orders collected or delivered that day.
    """
    lines = line_queryset().filter(partner=producer)
    if start is not None:
        lines = lines.filter(order__date_placed__gte=_day_start(start))
    if end is not None:
        lines = lines.filter(order__date_placed__lt=_day_start(end + datetime.timedelta(days=1)))
    if statuses is not None:
        lines = lines.filter(order__status__in=list(statuses))
    exclude_statuses = list(exclude_statuses)
    if exclude_statuses:
        lines = lines.exclude(order__status__in=exclude_statuses)
    if point is HOME_DELIVERY:
        lines = lines.filter(order__pickup__isnull=False, order__pickup__point__isnull=True)
    elif point is not ANY_POINT:
        lines = lines.filter(order__pickup__point=point)
    if day is not None:
        lines = lines.filter(order__pickup__day=day)
    return lines.order_by("-order__date_placed", "-order__pk", "pk")


def customer_name(order: Order) -> str:
    """Who collects the order: the member's name, else an address's, else an e-mail."""
    user = order.user
    if user is not None:
        name = user.get_full_name().strip()
        if name:
            return name
    # An erased member's order keeps its billing name (community/privacy).
    for address in (order.shipping_address, order.billing_address):
        if address is not None and address.name.strip():
            return address.name.strip()
    return order.email


# --- An order's lines grouped by producer ------------------------------------------------


class ProducerLines(NamedTuple):
    """The lines of one order that come from one producer."""

    producer: Partner | None  # None when the producer has since been deleted
    lines: list
    subtotal: Decimal  # incl. tax, after discounts
    name: str = ""
    subtotal_before_discounts: Decimal = ZERO  # incl. tax, as Oscar's order pages show

    @property
    def subtotal_excl_tax(self) -> Decimal:
        return sum((line.line_price_excl_tax for line in self.lines), ZERO)


def orders_split_by_producer(order: Order) -> list[ProducerLines]:
    """The lines of `order` grouped by producer, by producer name.

    Two queries (three when lines have options): the lines with their producer and
    product, and their attributes, which `line.description` reads.
    """
    groups: dict[Any, list] = {}
    lines = (
        order.lines.select_related("partner", "product")
        .prefetch_related("attributes__option")
        .order_by("pk")
    )
    for line in lines:
        key = line.partner_id if line.partner_id is not None else ("name", line.partner_name)
        groups.setdefault(key, []).append(line)
    result = [
        ProducerLines(
            producer=group[0].partner,
            lines=group,
            subtotal=sum((line.line_price_incl_tax for line in group), ZERO),
            name=group[0].partner.name if group[0].partner else group[0].partner_name,
            subtotal_before_discounts=sum(
                (line.line_price_before_discounts_incl_tax for line in group), ZERO
            ),
        )
        for group in groups.values()
    ]
    return sorted(result, key=lambda group: (group.name.casefold(), str(group.producer)))


# --- Preparation list: what to bring to one pickup point on one day ----------------------


@dataclass
class PreparationCustomer:
    order_number: str
    customer_name: str
    quantity: int
    start_time: datetime.time | None = None
    end_time: datetime.time | None = None


@dataclass
class PreparationRow:
    """One product to prepare: its total and who ordered it."""

    title: str
    sku: str
    product: Any = None
    quantity: int = 0
    customers: list[PreparationCustomer] = field(default_factory=list)


def preparation_list(
    producer: Partner, *, point: PickupPoint | None, day: datetime.date
) -> list[PreparationRow]:
    """Products of `producer` to bring to `point` (None: home deliveries) on `day`.

    Cancelled and refunded orders are left out. One row per product, by title, with the
    total quantity and each customer's order; customers by order number.
    """
    lines = (
        lines_for_producer(producer, exclude_statuses=INACTIVE_STATUSES, point=point, day=day)
        .select_related(None)
        .select_related(
            "order",
            "order__user",
            "order__shipping_address",
            "order__billing_address",
            "order__pickup",
            "product",
        )
        .order_by("order__number", "pk")
    )
    rows: dict[Any, PreparationRow] = {}
    for line in lines:
        key = (
            line.product_id
            if line.product_id is not None
            else ("sku", line.partner_sku, line.title)
        )
        row = rows.get(key)
        if row is None:
            row = rows[key] = PreparationRow(
                title=line.title, sku=line.partner_sku, product=line.product
            )
        row.quantity += line.quantity
        pickup = line.order.pickup
        row.customers.append(
            PreparationCustomer(
                order_number=line.order.number,
                customer_name=customer_name(line.order),
                quantity=line.quantity,
                start_time=pickup.start_time,
                end_time=pickup.end_time,
            )
        )
    return sorted(rows.values(), key=lambda row: (row.title.casefold(), row.sku))


@dataclass
class PreparationSlot:
    point: PickupPoint | None
    day: datetime.date
    num_orders: int


def upcoming_preparations(
    producer: Partner, *, since: datetime.date | None = None, limit: int = 30
) -> list[PreparationSlot]:
    """The (pickup point, day) pairs from `since` (today) on with orders to prepare."""
    since = since or timezone.localdate()
    pairs = list(
        Line.objects.filter(partner=producer, order__pickup__day__gte=since)
        .exclude(order__status__in=INACTIVE_STATUSES)
        .values("order__pickup__point", "order__pickup__day")
        .annotate(num_orders=Count("order", distinct=True))
        .order_by("order__pickup__day", "order__pickup__point")[:limit]
    )
    points = PickupPoint.objects.in_bulk({pair["order__pickup__point"] for pair in pairs} - {None})
    return [
        PreparationSlot(
            point=points.get(pair["order__pickup__point"]),
            day=pair["order__pickup__day"],
            num_orders=pair["num_orders"],
        )
        for pair in pairs
    ]


# --- Sales report ------------------------------------------------------------------------


@dataclass
class SalesRow:
    title: str
    sku: str
    quantity: int = 0
    total_excl_tax: Decimal = ZERO
    total_incl_tax: Decimal = ZERO

    @property
    def vat(self) -> Decimal:
        return self.total_incl_tax - self.total_excl_tax


@dataclass
class SalesReport:
    start: datetime.date
    end: datetime.date
    rows: list[SalesRow]
    total: SalesRow


def sales_report(
    producer: Partner,
    *,
    start: datetime.date,
    end: datetime.date,
    statuses: Iterable[str] = SOLD_STATUSES,
) -> SalesReport:
    """What `producer` sold in orders placed from `start` to `end` (both included).

    Only orders in `statuses` count (paid, whatever came after: orders awaiting payment,
    cancelled or refunded are not sales). Amounts are the lines' prices after discounts;
    VAT is the difference between the amounts incl. and excl. tax. One row per product,
    by title; the sums are computed by the database.
    """
    aggregated = (
        lines_for_producer(producer, start=start, end=end, statuses=statuses)
        .select_related(None)
        .order_by()
        .values("product_id", "partner_sku")
        .annotate(
            last_title=Max("title"),
            quantity=Sum("quantity"),
            total_excl_tax=Sum("line_price_excl_tax"),
            total_incl_tax=Sum("line_price_incl_tax"),
        )
    )
    rows = sorted(
        (
            SalesRow(
                title=item["last_title"],
                sku=item["partner_sku"],
                quantity=item["quantity"],
                total_excl_tax=item["total_excl_tax"] or ZERO,
                total_incl_tax=item["total_incl_tax"] or ZERO,
            )
            for item in aggregated
        ),
        key=lambda row: (row.title.casefold(), row.sku),
    )
    total = SalesRow(
        title="",
        sku="",
        quantity=sum(row.quantity for row in rows),
        total_excl_tax=sum((row.total_excl_tax for row in rows), ZERO),
        total_incl_tax=sum((row.total_incl_tax for row in rows), ZERO),
    )
    return SalesReport(start=start, end=end, rows=rows, total=total)
