"""The documents of a group order after closing: one consolidated purchase order per
producer, and the coordinator's pickup list per member (printable HTML and CSV).

The purchase order is what the allocation rounded each product to (cases × case size):
it is fixed at closing, and releasing an unpaid member's lines later never changes it
(the units are offered to other members, or stay with the coordinator). The pickup list
reads the members' orders, so it follows releases and payments; units released and
taken by nobody appear on it as "not assigned".

CSV files follow shop/producer_orders/csv_export.py: UTF-8 with BOM, `;`, decimal
comma, French headers whatever the page language, formula-safe text cells.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from oscar.core.loading import get_model

from groupbuy.orders.models import GroupOrder
from shop.payments import statuses
from shop.producer_orders.csv_export import decimal_cell, text_cell

from .models import GroupOrderSettlement
from .selectors import offer_id_of, offer_infos, shipped_units

if TYPE_CHECKING:
    from oscar.apps.order.models import Line

    from shop.partner.models import Partner
else:
    Partner = get_model("partner", "Partner")
    Line = get_model("order", "Line")

PURCHASE_ORDER_HEADERS = [
    "Produit",
    "Référence",
    "Colis",
    "Unités",
    "Prix unitaire TTC",
    "Total TTC",
]
PICKUP_LIST_HEADERS = ["Membre", "E-mail", "Produit", "Quantité", "Prix unitaire", "Total", "Payé"]
YES, NO = "Oui", "Non"


@dataclass
class PurchaseLine:
    offer_id: int
    title: str
    sku: str
    case_size: int
    units: int
    unit_price: Decimal

    @property
    def cases(self) -> int:
        return self.units // self.case_size

    @property
    def total(self) -> Decimal:
        return self.unit_price * self.units


@dataclass
class PurchaseOrder:
    group_order: GroupOrder
    producer: Partner
    lines: list[PurchaseLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0"))


def purchase_order(group_order: GroupOrder, producer: Partner) -> PurchaseOrder:
    infos = offer_infos(group_order)
    document = PurchaseOrder(group_order=group_order, producer=producer)
    shipped = shipped_units(group_order)
    for offer_id, info in infos.items():  # offers in their page order
        if info.partner_id != producer.pk or offer_id not in shipped:
            continue
        units, price = shipped[offer_id]
        document.lines.append(
            PurchaseLine(offer_id, info.title, info.partner_sku, info.case_size, units, price)
        )
    return document


def purchase_order_rows(document: PurchaseOrder) -> list[list]:
    rows: list[list] = [PURCHASE_ORDER_HEADERS]
    for line in document.lines:
        rows.append(
            [
                text_cell(line.title),
                text_cell(line.sku),
                line.cases,
                line.units,
                decimal_cell(line.unit_price),
                decimal_cell(line.total),
            ]
        )
    rows.append(["Total", "", "", "", "", decimal_cell(document.total)])
    return rows


@dataclass
class PickupLine:
    title: str
    quantity: int
    unit_price: Decimal
    total: Decimal


@dataclass
class PickupMember:
    name: str
    email: str
    paid: bool
    order_numbers: list[str] = field(default_factory=list)
    lines: list[PickupLine] = field(default_factory=list)

    @property
    def total(self) -> Decimal:
        return sum((line.total for line in self.lines), Decimal("0"))


@dataclass
class PickupList:
    group_order: GroupOrder
    members: list[PickupMember]
    unassigned: list[PickupLine]

    @property
    def total(self) -> Decimal:
        return sum((m.total for m in self.members), Decimal("0"))


def pickup_list(group_order: GroupOrder) -> PickupList:
    """Every member with an order still standing, their lines and whether they paid."""
    settlements = (
        GroupOrderSettlement.objects.filter(group_order=group_order)
        .exclude(payment_state=GroupOrderSettlement.PaymentState.RELEASED)
        .select_related("member", "order")
        .order_by("member__last_name", "member__first_name", "member_id", "sequence")
    )
    members: dict[int, PickupMember] = {}
    order_member = {}
    for settlement in settlements:
        user = settlement.member
        paid = settlement.order.status in (statuses.PAID, statuses.PREPARING, statuses.READY)
        paid = paid or settlement.order.status == statuses.COLLECTED
        entry = members.get(user.pk)
        if entry is None:
            entry = members[user.pk] = PickupMember(
                name=user.get_full_name() or user.email,
                email=user.email,
                paid=True,
            )
        entry.paid = entry.paid and paid
        entry.order_numbers.append(settlement.order.number)
        order_member[settlement.order_id] = user.pk
    taken: dict[int, int] = defaultdict(int)
    for order_id, reference, title, quantity, unit_price, total in (
        Line.objects.filter(order_id__in=list(order_member))
        .order_by("order_id", "pk")
        .values_list(
            "order_id",
            "partner_line_reference",
            "title",
            "quantity",
            "unit_price_incl_tax",
            "line_price_incl_tax",
        )
    ):
        members[order_member[order_id]].lines.append(PickupLine(title, quantity, unit_price, total))
        taken[offer_id_of(reference)] += quantity
    unassigned = []
    if members:
        infos = offer_infos(group_order)
        for offer_id, (units, price) in shipped_units(group_order).items():
            left = units - taken.get(offer_id, 0)
            if left > 0:
                unassigned.append(PickupLine(infos[offer_id].title, left, price, price * left))
    return PickupList(group_order, list(members.values()), unassigned)


def pickup_list_rows(document: PickupList) -> list[list]:
    rows: list[list] = [PICKUP_LIST_HEADERS]
    for member in document.members:
        for line in member.lines:
            rows.append(
                [
                    text_cell(member.name),
                    text_cell(member.email),
                    text_cell(line.title),
                    line.quantity,
                    decimal_cell(line.unit_price),
                    decimal_cell(line.total),
                    YES if member.paid else NO,
                ]
            )
    for line in document.unassigned:
        rows.append(
            [
                "Non attribué",
                "",
                text_cell(line.title),
                line.quantity,
                decimal_cell(line.unit_price),
                decimal_cell(line.total),
                "",
            ]
        )
    return rows
