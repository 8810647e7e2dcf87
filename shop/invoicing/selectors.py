"""Reads of invoices: an order's invoices, VAT per rate, statements and the journal."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db.models import Count, QuerySet
from django.utils import timezone

from shop.payments.statuses import CANCELLED, REFUNDED

from .models import COOPERATIVE_ISSUER, Invoice, InvoiceLine, InvoiceSequence

if TYPE_CHECKING:
    from oscar.apps.order.models import Order

    from shop.partner.models import Partner

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
# Orders cancelled or refunded are not owed to producers (credit notes are not built yet).
UNSOLD_STATUSES = (CANCELLED, REFUNDED)


def vat_by_rate(invoice: Invoice) -> list[tuple[Decimal, Decimal, Decimal]]:
    """(rate, base excl. tax, VAT) per rate, lowest rate first."""
    return _by_rate(invoice.lines.all())


def _by_rate(lines: Iterable[InvoiceLine]) -> list[tuple[Decimal, Decimal, Decimal]]:
    totals: dict[Decimal, list[Decimal]] = defaultdict(lambda: [ZERO, ZERO])
    for line in lines:
        totals[line.vat_rate][0] += line.total_excl_tax
        totals[line.vat_rate][1] += line.vat_amount
    return [(rate, base, vat) for rate, (base, vat) in sorted(totals.items())]


def invoices_for_order(order: Order) -> QuerySet:
    return Invoice.objects.filter(order=order).order_by("issuer", "pk")


def invoices_for_user(user: Any) -> QuerySet:
    """The invoices `user` may download: all for staff, else those of their orders."""
    invoices = Invoice.objects.select_related("order")
    if user.is_staff:
        return invoices
    return invoices.filter(order__user=user)


def month_bounds(month: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    """The first instant of the month and of the next one, in the site's time zone."""
    start = month.replace(day=1)
    following = (start + datetime.timedelta(days=32)).replace(day=1)
    aware = timezone.make_aware
    return (
        aware(datetime.datetime.combine(start, datetime.time.min)),
        aware(datetime.datetime.combine(following, datetime.time.min)),
    )


def invoice_list(*, issuer: str = "", month: datetime.date | None = None) -> QuerySet:
    invoices = Invoice.objects.select_related("order", "partner")
    if issuer:
        invoices = invoices.filter(issuer=issuer)
    if month is not None:
        start, end = month_bounds(month)
        invoices = invoices.filter(issued_at__gte=start, issued_at__lt=end)
    return invoices.order_by("-issued_at", "-pk")


@dataclass
class SequenceStatus:
    issuer: str
    year: int
    last_number: int
    issued: int
    name: str = ""

    @property
    def is_gapless(self) -> bool:
        return self.issued == self.last_number


def sequence_statuses() -> list[SequenceStatus]:
    """Each issuer's series: its last number against the invoices it holds."""
    counts = {
        (row["issuer"], row["year"]): row["n"]
        for row in Invoice.objects.values("issuer", "year").annotate(n=Count("pk"))
    }
    names = dict(issuer_choices())
    return [
        SequenceStatus(
            s.issuer,
            s.year,
            s.last_number,
            counts.get((s.issuer, s.year), 0),
            name=names.get(s.issuer) or s.issuer,
        )
        for s in InvoiceSequence.objects.order_by("-year", "issuer")
    ]


def issuer_choices() -> list[tuple[str, str]]:
    """The cooperative, then the producers that have invoiced under mandate."""
    choices = [(COOPERATIVE_ISSUER, settings.COOPERATIVE_LEGAL_IDENTITY["name"])]
    seen = Invoice.objects.exclude(issuer=COOPERATIVE_ISSUER).values_list("issuer", "partner__name")
    choices += sorted(set(seen), key=lambda pair: (pair[1] or "").casefold())
    return choices


# --- the producer's monthly statement ---------------------------------------------------


@dataclass
class StatementRow:
    invoice: Invoice
    excl_tax: Decimal = ZERO
    vat: Decimal = ZERO
    incl_tax: Decimal = ZERO


@dataclass
class Statement:
    producer: Partner
    month: datetime.date
    commission: Decimal
    rows: list[StatementRow] = field(default_factory=list)
    vat_rates: list[tuple[Decimal, Decimal, Decimal]] = field(default_factory=list)

    @property
    def sales_excl_tax(self) -> Decimal:
        return sum((row.excl_tax for row in self.rows), ZERO)

    @property
    def sales_vat(self) -> Decimal:
        return sum((row.vat for row in self.rows), ZERO)

    @property
    def sales_incl_tax(self) -> Decimal:
        return sum((row.incl_tax for row in self.rows), ZERO)

    @property
    def commission_rate(self) -> Decimal:
        """The commission as a share of sales excl. tax (rates may differ by product
        class: this is their weighted mean)."""
        if not self.sales_excl_tax:
            return ZERO
        return (self.commission / self.sales_excl_tax).quantize(Decimal("0.0001"))

    @property
    def owed(self) -> Decimal:
        """What the cooperative owes: what members paid for the producer's lines, less
        the commission."""
        return self.sales_incl_tax - self.commission


def producer_lines(producer: Partner, *, month: datetime.date) -> QuerySet:
    """The producer's invoice lines issued in `month`, orders cancelled or refunded left
    out."""
    start, end = month_bounds(month)
    return (
        InvoiceLine.objects.filter(
            partner=producer, invoice__issued_at__gte=start, invoice__issued_at__lt=end
        )
        .exclude(invoice__order__status__in=UNSOLD_STATUSES)
        .select_related("invoice", "invoice__order")
        .order_by("invoice__issued_at", "invoice__pk", "pk")
    )


def commission_on(lines: list[InvoiceLine]) -> Decimal:
    """The cooperative's commission on `lines`, at the rate each was sold with, on sales
    excl. tax, rounded to the cent once."""
    total = sum((line.total_excl_tax * line.commission_percent for line in lines), ZERO)
    return (total / 100).quantize(CENT)


def producer_statement(producer: Partner, *, month: datetime.date) -> Statement:
    """What the cooperative owes `producer` for the month: one row per invoice."""
    lines = list(producer_lines(producer, month=month))
    rows: dict[int, StatementRow] = {}
    for line in lines:
        row = rows.setdefault(line.invoice_id, StatementRow(line.invoice))
        row.excl_tax += line.total_excl_tax
        row.vat += line.vat_amount
        row.incl_tax += line.total_incl_tax
    return Statement(
        producer=producer,
        month=month.replace(day=1),
        commission=commission_on(lines),
        rows=list(rows.values()),
        vat_rates=_by_rate(lines),
    )


# --- the sales journal -----------------------------------------------------------------


@dataclass
class JournalRow:
    invoice: Invoice
    by_rate: dict[Decimal, tuple[Decimal, Decimal]]  # rate -> (excl. tax, VAT)
    incl_tax: Decimal


def sales_journal(
    *, month: datetime.date, producer: Partner | None = None, issuer: str = ""
) -> list[JournalRow]:
    """One row per invoice issued in the month (with a producer: only its lines, on the
    invoices that hold some), its amounts per VAT rate. Invoices stay in the journal
    whatever happened to the order since: the journal is the record of what was issued."""
    start, end = month_bounds(month)
    lines = InvoiceLine.objects.filter(
        invoice__issued_at__gte=start, invoice__issued_at__lt=end
    ).select_related("invoice", "invoice__order")
    if producer is not None:
        lines = lines.filter(partner=producer)
    if issuer:
        lines = lines.filter(invoice__issuer=issuer)
    rows: dict[int, JournalRow] = {}
    for line in lines.order_by("invoice__issued_at", "invoice__pk", "pk"):
        row = rows.setdefault(line.invoice_id, JournalRow(line.invoice, {}, ZERO))
        base, vat = row.by_rate.get(line.vat_rate, (ZERO, ZERO))
        row.by_rate[line.vat_rate] = (base + line.total_excl_tax, vat + line.vat_amount)
        row.incl_tax += line.total_incl_tax
    return list(rows.values())
