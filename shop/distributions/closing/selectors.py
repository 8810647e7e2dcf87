"""Reads for closing: a producer's purchase order and the coordinators' distribution
sheet. Each reads the distribution's order lines in one query, whatever the number of
orders; cancelled and refunded orders are left out of what producers bring and shown as
such on the sheet."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet
from oscar.core.loading import get_model

from shop.producer_orders.selectors import customer_name
from shop.producer_orders.statuses import INACTIVE_STATUSES, SOLD_STATUSES, order_status_label

from ..models import Distribution, DistributionStatus

Line = get_model("order", "Line")
Partner = get_model("partner", "Partner")

ZERO = Decimal("0.00")


def sort_key(text: str) -> str:
    """Alphabetical order as a French reader expects it ("Épicerie" among the E's)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


def distribution_lines(distribution: Distribution) -> QuerySet:
    return (
        Line.objects.filter(order__distribution_link__distribution=distribution)
        .select_related(
            "order",
            "order__user",
            "order__shipping_address",
            "order__billing_address",
            "order__distribution_link__pickup_point",
            "partner",
        )
        .order_by("order__number", "pk")
    )


# --- A producer's purchase order -------------------------------------------------------------


@dataclass
class PurchaseRow:
    title: str
    sku: str
    upc: str
    quantity: int = 0
    total_excl_tax: Decimal = ZERO
    total_incl_tax: Decimal = ZERO


@dataclass
class PointGroup:
    """What to bring to one pickup point (name "" : home delivery / no point)."""

    name: str
    address: str
    rows: list[PurchaseRow] = field(default_factory=list)

    @property
    def quantity(self) -> int:
        return sum(row.quantity for row in self.rows)

    @property
    def total_excl_tax(self) -> Decimal:
        return sum((row.total_excl_tax for row in self.rows), ZERO)

    @property
    def total_incl_tax(self) -> Decimal:
        return sum((row.total_incl_tax for row in self.rows), ZERO)


@dataclass
class PurchaseOrder:
    distribution: Distribution
    producer: Any
    points: list[PointGroup]

    @property
    def quantity(self) -> int:
        return sum(point.quantity for point in self.points)

    @property
    def total_excl_tax(self) -> Decimal:
        return sum((point.total_excl_tax for point in self.points), ZERO)

    @property
    def total_incl_tax(self) -> Decimal:
        return sum((point.total_incl_tax for point in self.points), ZERO)

    @property
    def products(self) -> list[PurchaseRow]:
        """All points together: the total of each product."""
        totals: dict[tuple[str, str], PurchaseRow] = {}
        for point in self.points:
            for row in point.rows:
                total = totals.setdefault(
                    (row.title, row.sku), PurchaseRow(row.title, row.sku, row.upc)
                )
                total.quantity += row.quantity
                total.total_excl_tax += row.total_excl_tax
                total.total_incl_tax += row.total_incl_tax
        return sorted(totals.values(), key=lambda row: (sort_key(row.title), row.sku))


def _point_of(order: Any) -> Any:
    link = getattr(order, "distribution_link", None)
    return link.pickup_point if link is not None else None


def purchase_orders(
    distribution: Distribution, producers: Iterable[Any] | None = None
) -> dict[int, PurchaseOrder]:
    """Producer pk → its purchase order (every producer of the distribution, and any
    other with lines), built from one query of the lines."""
    lines = distribution_lines(distribution).exclude(order__status__in=INACTIVE_STATUSES)
    wanted = None
    if producers is not None:
        wanted = [producer.pk for producer in producers]
        lines = lines.filter(partner_id__in=wanted)
    grouped: dict[int, dict[Any, dict[tuple[str, str], PurchaseRow]]] = {}
    partners: dict[int, Any] = {}
    points: dict[Any, Any] = {}
    for line in lines:
        if line.partner_id is None:
            continue
        partners[line.partner_id] = line.partner
        point = _point_of(line.order)
        key = point.pk if point is not None else None
        points[key] = point
        row = (
            grouped.setdefault(line.partner_id, {})
            .setdefault(key, {})
            .setdefault(
                (line.title, line.partner_sku),
                PurchaseRow(line.title, line.partner_sku, line.upc or ""),
            )
        )
        row.quantity += line.quantity
        row.total_excl_tax += line.line_price_excl_tax
        row.total_incl_tax += line.line_price_incl_tax
    if wanted is None:
        for producer in distribution.producers.all():
            partners.setdefault(producer.pk, producer)
    else:
        for producer in producers or ():
            partners.setdefault(producer.pk, producer)
    result = {}
    for pk, producer in partners.items():
        groups = []
        for key, rows in grouped.get(pk, {}).items():
            point = points[key]
            groups.append(
                PointGroup(
                    name=point.name if point is not None else "",
                    address=(
                        f"{point.address_line}, {point.postcode} {point.city}" if point else ""
                    ),
                    rows=sorted(rows.values(), key=lambda row: (sort_key(row.title), row.sku)),
                )
            )
        groups.sort(key=lambda group: (group.name == "", sort_key(group.name)))
        result[pk] = PurchaseOrder(distribution=distribution, producer=producer, points=groups)
    return result


def purchase_order(distribution: Distribution, producer: Any) -> PurchaseOrder:
    return purchase_orders(distribution, [producer])[producer.pk]


def producer_distributions(producer: Any) -> QuerySet[Distribution]:
    """The distributions a producer takes part in or has orders in, newest first
    (drafts and cancelled ones left out)."""
    return (
        Distribution.objects.filter(
            Q(producers=producer) | Q(orders__order__lines__partner=producer)
        )
        .exclude(status__in=[DistributionStatus.DRAFT, DistributionStatus.CANCELLED])
        .distinct()
        .order_by("-starts_at", "-pk")
    )


# --- The coordinators' distribution sheet ----------------------------------------------------


@dataclass
class SheetItem:
    title: str
    sku: str
    producer: str
    quantity: int
    total_incl_tax: Decimal


@dataclass
class SheetOrder:
    """One member's order: who collects what, where, and whether it is paid."""

    number: str
    member: str
    email: str
    point: str
    status: str
    status_label: str
    total_incl_tax: Decimal
    items: list[SheetItem] = field(default_factory=list)

    @property
    def paid(self) -> bool:
        return self.status in SOLD_STATUSES

    @property
    def cancelled(self) -> bool:
        return self.status in INACTIVE_STATUSES


@dataclass
class SheetProducer:
    name: str
    quantity: int = 0
    total_incl_tax: Decimal = ZERO
    orders: set[str] = field(default_factory=set)


@dataclass
class DistributionSheet:
    distribution: Distribution
    orders: list[SheetOrder]
    producers: list[SheetProducer]

    @property
    def active_orders(self) -> list[SheetOrder]:
        return [order for order in self.orders if not order.cancelled]

    @property
    def cancelled_orders(self) -> list[SheetOrder]:
        return [order for order in self.orders if order.cancelled]

    @property
    def unpaid_orders(self) -> list[SheetOrder]:
        return [order for order in self.active_orders if not order.paid]

    @property
    def total_incl_tax(self) -> Decimal:
        return sum((order.total_incl_tax for order in self.active_orders), ZERO)


def distribution_sheet(distribution: Distribution) -> DistributionSheet:
    """Every order of the distribution (cancelled ones marked, out of the totals), by
    pickup point then member, and the totals per producer."""
    orders: dict[int, SheetOrder] = {}
    producers: dict[str, SheetProducer] = {}
    for line in distribution_lines(distribution):
        order = line.order
        point = _point_of(order)
        sheet_order = orders.get(order.pk)
        if sheet_order is None:
            sheet_order = orders[order.pk] = SheetOrder(
                number=order.number,
                member=customer_name(order),
                email=order.email,
                point=point.name if point is not None else "",
                status=order.status,
                status_label=order_status_label(order.status),
                total_incl_tax=ZERO,
            )
        producer_name = line.partner.name if line.partner else line.partner_name
        sheet_order.items.append(
            SheetItem(
                title=line.title,
                sku=line.partner_sku,
                producer=producer_name,
                quantity=line.quantity,
                total_incl_tax=line.line_price_incl_tax,
            )
        )
        sheet_order.total_incl_tax += line.line_price_incl_tax
        if sheet_order.cancelled:
            continue
        producer = producers.setdefault(producer_name, SheetProducer(producer_name))
        producer.quantity += line.quantity
        producer.total_incl_tax += line.line_price_incl_tax
        producer.orders.add(order.number)
    return DistributionSheet(
        distribution=distribution,
        orders=sorted(
            orders.values(),
            key=lambda o: (o.point == "", sort_key(o.point), sort_key(o.member), o.number),
        ),
        producers=sorted(producers.values(), key=lambda p: sort_key(p.name)),
    )
