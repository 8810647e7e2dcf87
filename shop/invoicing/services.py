"""Issuing invoices: one per issuer per order, numbered without gaps.

When: at the sale, i.e. when the order is placed (French practice for sales to
consumers), whatever the payment method: a card order and an order paid at pickup both
get their invoice then; the "acquittée" mention (`paid_at`) follows when the order is
paid. Numbering: the issuer's sequence row for the year is locked (`select_for_update`)
inside the invoice's transaction, so parallel orders wait for each other and a rolled
back invoice gives its number back: numbers are unique, chronological and gapless.
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override
from oscar.core.loading import get_model

from shop.payments.selectors import order_payment_split
from shop.payments.statuses import COLLECTED, PAID, PREPARING, READY
from shop.pricing.selectors import pricing_rates
from shop.producer_orders.selectors import customer_name

from .models import (
    COOPERATIVE_ISSUER,
    Invoice,
    InvoiceLine,
    InvoiceSequence,
    InvoicingMode,
    InvoicingProfile,
    partner_issuer,
)

if TYPE_CHECKING:
    from oscar.apps.order.models import Line, Order

    from shop.partner.models import Partner
else:
    Order = get_model("order", "Order")

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
PAID_STATUSES = frozenset({PAID, PREPARING, READY, COLLECTED})


@dataclass
class DraftLine:
    partner: Partner | None
    description: str
    quantity: int
    unit_price_excl_tax: Decimal
    vat_rate: Decimal
    total_excl_tax: Decimal
    total_incl_tax: Decimal
    commission_percent: Decimal = Decimal("0")

    @property
    def vat_amount(self) -> Decimal:
        return self.total_incl_tax - self.total_excl_tax


@dataclass
class IssuerLines:
    partner: Partner | None  # None: the cooperative
    profile: InvoicingProfile | None = None
    lines: list[DraftLine] = field(default_factory=list)


# --- numbering --------------------------------------------------------------------------


def invoice_number_format(*, issuer: str, year: int, sequence_number: int) -> str:
    prefix = settings.INVOICE_NUMBER_PREFIX
    if issuer == COOPERATIVE_ISSUER:
        return f"{prefix}-{year}-{sequence_number:06d}"
    return f"{prefix}-M{issuer.removeprefix('partner-')}-{year}-{sequence_number:06d}"


def _next_number(*, issuer: str, year: int) -> int:
    """The issuer's next number, its sequence row locked until the caller commits."""
    InvoiceSequence.objects.get_or_create(issuer=issuer, year=year)
    sequence = InvoiceSequence.objects.select_for_update().get(issuer=issuer, year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return sequence.last_number


# --- snapshots -------------------------------------------------------------------------


def cooperative_seller() -> dict:
    return {"kind": "cooperative", **settings.COOPERATIVE_LEGAL_IDENTITY}


def producer_seller(*, partner: Partner, profile: InvoicingProfile) -> dict:
    with override("fr"):
        legal_form = str(partner.get_legal_form_display())
    return {
        "kind": "producer",
        "name": partner.name,
        "legal_form": legal_form,
        "address": partner.address_line,
        "postcode": partner.postcode,
        "city": partner.city,
        "siret": partner.siret,
        "vat_number": profile.vat_number,
        "vat_franchise": profile.vat_franchise,
        "mandatary": settings.COOPERATIVE_LEGAL_IDENTITY["name"],
    }


def buyer_snapshot(order: Order) -> dict:
    address = order.billing_address or order.shipping_address
    lines = []
    if address is not None:  # French order: street lines, then "postcode city"
        lines = [part for part in (address.line1, address.line2, address.line3) if part]
        lines.append(f"{address.postcode} {address.line4}".strip())
    return {"name": customer_name(order), "address": lines, "email": order.email}


# --- the lines of each issuer ----------------------------------------------------------


def _vat_rate(line: Line) -> Decimal:
    if line.product is not None:
        return line.product.get_product_class().vat_rate
    if not line.line_price_excl_tax:
        return Decimal("0")
    rate = line.line_price_incl_tax / line.line_price_excl_tax - 1
    return rate.quantize(Decimal("0.0001"))


def _class_id(line: Line) -> int | None:
    if line.product is None:
        return None
    product_class = line.product.get_product_class()
    return product_class.pk if product_class else None


def _draft_line(line: Line, *, franchise: bool) -> DraftLine:
    description = line.description
    if line.line_price_before_discounts_incl_tax != line.line_price_incl_tax:
        description = _("%(item)s (discount included)") % {"item": description}
    if franchise:  # no VAT: what the member paid is the price
        unit = (line.line_price_incl_tax / line.quantity).quantize(CENT)
        return DraftLine(
            line.partner, description, line.quantity, unit, Decimal("0"),
            line.line_price_incl_tax, line.line_price_incl_tax,
        )  # fmt: skip
    unit = line.unit_price_excl_tax
    if unit is None:
        unit = (line.line_price_before_discounts_excl_tax / line.quantity).quantize(CENT)
    return DraftLine(
        line.partner, description, line.quantity, unit, _vat_rate(line),
        line.line_price_excl_tax, line.line_price_incl_tax,
    )  # fmt: skip


def order_lines_by_issuer(order: Order) -> dict[str, IssuerLines]:
    """The order's lines (and delivery charge) grouped by who invoices them."""
    lines = list(
        order.lines.select_related("partner", "product__product_class", "product__parent")
        .prefetch_related("attributes__option")
        .order_by("pk")
    )
    partner_ids = {line.partner_id for line in lines if line.partner_id}
    profiles = {
        profile.partner_id: profile
        for profile in InvoicingProfile.objects.filter(
            partner_id__in=partner_ids, mode=InvoicingMode.MANDATE
        )
    }
    rates = pricing_rates()
    groups: dict[str, IssuerLines] = {}
    with override("fr"):
        for line in lines:
            profile = profiles.get(line.partner_id) if line.partner_id else None
            if profile is None:
                group = groups.setdefault(COOPERATIVE_ISSUER, IssuerLines(partner=None))
            else:
                key = partner_issuer(profile.partner_id)
                group = groups.setdefault(key, IssuerLines(line.partner, profile))
            draft = _draft_line(line, franchise=bool(profile and profile.vat_franchise))
            if line.partner_id:
                draft.commission_percent = rates.commission_percent(
                    partner_id=line.partner_id, class_id=_class_id(line)
                )
            group.lines.append(draft)
        if order.shipping_incl_tax:
            group = groups.setdefault(COOPERATIVE_ISSUER, IssuerLines(partner=None))
            group.lines.append(_shipping_line(order))
    return groups


def _shipping_line(order: Order) -> DraftLine:
    excl, incl = order.shipping_excl_tax, order.shipping_incl_tax
    rate = (incl / excl - 1).quantize(Decimal("0.0001")) if excl else Decimal("0")
    return DraftLine(None, _("Delivery"), 1, excl, rate, excl, incl)


# --- issuing ----------------------------------------------------------------------------


def invoice_issue_for_order(*, order: Order, reason: str = "order placed") -> list[Invoice]:
    """Issue the order's missing invoices (one per issuer); return the new ones.

    Idempotent: run twice (or by two workers at once: the order row is locked), it
    issues nothing the second time.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().get(pk=order.pk)
        done = set(order.invoices.values_list("issuer", flat=True))
        groups = order_lines_by_issuer(order)
        todo = {issuer: group for issuer, group in groups.items() if issuer not in done}
        if not todo:
            return []
        buyer = buyer_snapshot(order)
        with override("fr"):
            payment_method = order_payment_split(order)["payment_method_label"]
        paid = order.status in PAID_STATUSES
        issued = [
            _issue(order, issuer, group, buyer=buyer, payment_method=payment_method, paid=paid)
            for issuer, group in sorted(todo.items())
        ]
    for invoice in issued:
        logger.info("Invoice %s issued for order %s (%s)", invoice.number, order.number, reason)
    return issued


def _issue(
    order: Order, issuer: str, group: IssuerLines, *, buyer: dict, payment_method: str, paid: bool
) -> Invoice:
    year = timezone.localdate().year
    sequence_number = _next_number(issuer=issuer, year=year)
    issued_at = timezone.now()  # after the lock: numbers follow the dates
    seller = (
        cooperative_seller()
        if group.partner is None or group.profile is None
        else producer_seller(partner=group.partner, profile=group.profile)
    )
    invoice = Invoice.objects.create(
        number=invoice_number_format(issuer=issuer, year=year, sequence_number=sequence_number),
        issuer=issuer,
        year=year,
        sequence_number=sequence_number,
        partner=group.partner if issuer != COOPERATIVE_ISSUER else None,
        order=order,
        issued_at=issued_at,
        seller=seller,
        buyer=buyer,
        total_excl_tax=sum((line.total_excl_tax for line in group.lines), ZERO),
        total_tax=sum((line.vat_amount for line in group.lines), ZERO),
        total_incl_tax=sum((line.total_incl_tax for line in group.lines), ZERO),
        payment_method=payment_method[:80],
        paid_at=issued_at if paid else None,
    )
    InvoiceLine.objects.bulk_create(
        InvoiceLine(
            invoice=invoice,
            partner=line.partner,
            description=line.description[:300],
            quantity=line.quantity,
            unit_price_excl_tax=line.unit_price_excl_tax,
            vat_rate=line.vat_rate,
            total_excl_tax=line.total_excl_tax,
            vat_amount=line.vat_amount,
            total_incl_tax=line.total_incl_tax,
            commission_percent=line.commission_percent,
        )
        for line in group.lines
    )
    return invoice


def invoice_mark_paid(*, order: Order, paid_at: datetime.datetime | None = None) -> int:
    """Add the "acquittée" date to the order's invoices not yet marked; how many."""
    with transaction.atomic():
        count = Invoice.objects.filter(order=order, paid_at__isnull=True).update(
            paid_at=paid_at or timezone.now()
        )
    if count:
        logger.info("Invoices of order %s marked paid", order.number)
    return count


def invoicing_profile_set(
    *,
    partner: Partner,
    mode: str,
    by: Any,
    vat_number: str = "",
    vat_franchise: bool = False,
) -> InvoicingProfile:
    """Create or change a producer's invoicing profile (audited: who, when)."""
    with transaction.atomic():
        profile, _created = InvoicingProfile.objects.update_or_create(
            partner=partner,
            defaults={
                "mode": mode,
                "vat_number": vat_number,
                "vat_franchise": vat_franchise,
                "updated_by": by,
            },
        )
    logger.info("Invoicing profile of %s set to %s by %s", partner, mode, by)
    return profile
