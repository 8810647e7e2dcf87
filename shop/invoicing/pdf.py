"""An invoice as PDF, drawn from its stored rows with reportlab (Helvetica: WinAnsi
covers French accents and "€"). Always in French, as French invoices must be; the
output is deterministic (`invariant`), so the same invoice gives the same file."""

from __future__ import annotations

import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import override
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from . import selectors
from .models import Invoice

FRANCHISE_MENTION = "TVA non applicable, art. 293 B du CGI"


def euros(amount: Decimal) -> str:
    """1234.5 -> "1 234,50 €" (French format)."""
    return f"{amount:,.2f} €".replace(",", " ").replace(".", ",")


def percent(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %".replace(".", ",")


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y")


def _para(text: str, style) -> Paragraph:
    return Paragraph(escape(text).replace("\n", "<br/>"), style)


def seller_text(seller: dict) -> str:
    lines = [seller.get("name", "")]
    if seller.get("legal_form"):
        lines.append(seller["legal_form"])
    lines.append(seller.get("address", ""))
    lines.append(f"{seller.get('postcode', '')} {seller.get('city', '')}".strip())
    if seller.get("siret"):
        lines.append(_("SIRET: %(siret)s") % {"siret": seller["siret"]})
    if seller.get("registration"):
        lines.append(seller["registration"])
    if seller.get("share_capital"):
        lines.append(_("Share capital: %(capital)s") % {"capital": seller["share_capital"]})
    if seller.get("vat_franchise"):
        lines.append(FRANCHISE_MENTION)
    elif seller.get("vat_number"):
        lines.append(_("VAT number: %(number)s") % {"number": seller["vat_number"]})
    return "\n".join(line for line in lines if line)


def mandate_mention(invoice: Invoice) -> str:
    return (
        f"Facture émise par {invoice.seller.get('mandatary', '')} au nom et pour le compte "
        f"de {invoice.seller.get('name', '')} (mandat de facturation)"
    )


def invoice_pdf(invoice: Invoice) -> bytes:
    with override("fr"):
        return _render(invoice)


def _render(invoice: Invoice) -> bytes:
    styles = getSampleStyleSheet()
    body, small = styles["BodyText"], styles["BodyText"].clone("small", fontSize=8, leading=10)
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=18 * mm,
        bottomMargin=18 * mm,
        title=f"Facture {invoice.number}",
        author=invoice.seller.get("name", ""),
        invariant=1,
    )
    story: list = [
        Paragraph(escape(f"Facture {invoice.number}"), styles["Title"]),
        _para(
            _("Date: %(date)s — Order %(order)s")
            % {"date": _date(invoice.issued_at), "order": invoice.order.number},
            body,
        ),
        Spacer(1, 4 * mm),
    ]
    buyer = "\n".join(
        [
            invoice.buyer.get("name", ""),
            *invoice.buyer.get("address", []),
            invoice.buyer.get("email", ""),
        ]
    )
    parties = Table(
        [
            [_para(_("Seller"), styles["Heading4"]), _para(_("Buyer"), styles["Heading4"])],
            [_para(seller_text(invoice.seller), body), _para(buyer, body)],
        ],
        colWidths=[87 * mm, 87 * mm],
    )
    parties.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP")]))
    story += [parties, Spacer(1, 3 * mm)]
    if invoice.is_mandate:
        story += [_para(mandate_mention(invoice), body), Spacer(1, 3 * mm)]
    story += [_lines_table(invoice, small), Spacer(1, 4 * mm), _totals_table(invoice)]
    story += [Spacer(1, 5 * mm), *[_para(text, small) for text in payment_mentions(invoice)]]
    doc.build(story)
    return buffer.getvalue()


def _lines_table(invoice: Invoice, style) -> Table:
    rows: list[list] = [
        [_("Description"), _("Qty"), _("Unit price excl. tax"), capfirst(_("VAT rate")),
         _("Total excl. tax"), _("VAT"), _("Total incl. tax")],
    ]  # fmt: skip
    for line in invoice.lines.all():
        rows.append(
            [
                _para(line.description, style),
                str(line.quantity),
                euros(line.unit_price_excl_tax),
                percent(line.vat_rate),
                euros(line.total_excl_tax),
                euros(line.vat_amount),
                euros(line.total_incl_tax),
            ]
        )
    table = Table(
        [[_para(str(cell), style) if i == 0 and r == 0 else cell for i, cell in enumerate(row)]
         for r, row in enumerate(rows)],
        colWidths=[58 * mm, 12 * mm, 24 * mm, 16 * mm, 22 * mm, 20 * mm, 22 * mm],
        repeatRows=1,
    )  # fmt: skip
    table.setStyle(_GRID)
    return table


_GRID = TableStyle(
    [
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("FONTNAME", (0, 0), (-1, 0), "Helvetica-Bold"),
        ("GRID", (0, 0), (-1, -1), 0.25, colors.grey),
        ("ALIGN", (1, 1), (-1, -1), "RIGHT"),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _totals_table(invoice: Invoice) -> Table:
    rows: list[list] = [[capfirst(_("VAT rate")), _("Base excl. tax"), _("VAT")]]
    for rate, base, vat in selectors.vat_by_rate(invoice):
        rows.append([percent(rate), euros(base), euros(vat)])
    rows += [
        [_("Total excl. tax"), "", euros(invoice.total_excl_tax)],
        [_("Total VAT"), "", euros(invoice.total_tax)],
        [_("Total incl. tax"), "", euros(invoice.total_incl_tax)],
    ]
    table = Table(rows, colWidths=[40 * mm, 30 * mm, 30 * mm], hAlign="RIGHT")
    table.setStyle(_GRID)
    return table


def payment_mentions(invoice: Invoice) -> list[str]:
    """Payment terms: what a consumer needs, and what the law asks towards professionals."""
    mentions = []
    if invoice.paid_at is not None:
        mentions.append(_("Paid (acquittée) on %(date)s.") % {"date": _date(invoice.paid_at)})
    else:
        mentions.append(_("Payable at the latest when the order is collected."))
    if invoice.payment_method:
        mentions.append(_("Payment method: %(method)s.") % {"method": invoice.payment_method})
    mentions += [
        _("No discount for early payment."),
        _(
            "Late payment by a professional: penalties at three times the legal interest "
            "rate and a fixed recovery fee of 40 € (art. L441-10 and D441-5 of the French "
            "commercial code)."
        ),
    ]
    return mentions


# --- the producer's monthly statement ---------------------------------------------------


def statement_pdf(statement: selectors.Statement) -> bytes:
    with override("fr"):
        return _render_statement(statement)


def _render_statement(statement: selectors.Statement) -> bytes:
    styles = getSampleStyleSheet()
    body = styles["BodyText"]
    month = f"{statement.month:%m/%Y}"
    buffer = io.BytesIO()
    doc = SimpleDocTemplate(buffer, pagesize=A4, title=f"Relevé {month}", invariant=1)
    summary = [
        [_("Sales excl. tax"), euros(statement.sales_excl_tax)],
        [capfirst(_("VAT")), euros(statement.sales_vat)],
        [_("Sales incl. tax"), euros(statement.sales_incl_tax)],
        [
            _("Commission (%(rate)s of sales excl. tax)")
            % {"rate": percent(statement.commission_rate)},
            f"− {euros(statement.commission)}",
        ],
        [_("Owed to you"), euros(statement.owed)],
    ]
    rows: list[list] = [
        [
            _("Date"),
            _("Invoice"),
            _("Order number"),
            _("Excl. tax"),
            capfirst(_("VAT")),
            _("Incl. tax"),
        ]
    ]
    for row in statement.rows:
        rows.append(
            [
                _date(row.invoice.issued_at),
                row.invoice.number,
                row.invoice.order.number,
                euros(row.excl_tax),
                euros(row.vat),
                euros(row.incl_tax),
            ]
        )
    summary_table, rows_table = Table(summary, hAlign="LEFT"), Table(rows, repeatRows=1)
    summary_table.setStyle(_GRID)
    rows_table.setStyle(_GRID)
    story = [
        Paragraph(escape(_("Statement for %(month)s") % {"month": month}), styles["Title"]),
        _para(statement.producer.name, styles["Heading3"]),
        summary_table,
        Spacer(1, 5 * mm),
        rows_table if statement.rows else _para(_("No sales this month."), body),
    ]
    doc.build(story)
    return buffer.getvalue()
