"""The files sent when ordering closes: a producer's purchase order (CSV, PDF) and the
distribution sheet (CSV). CSV files follow the producer pages' conventions (French
headers, `;`, decimal comma, BOM: shop.producer_orders.csv_export); PDF files are drawn
with reportlab's Helvetica, whose WinAnsi encoding covers French accents and "€"."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from xml.sax.saxutils import escape

from django.utils import timezone, translation
from django.utils.text import slugify
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from shop.producer_orders.csv_export import BOM, DELIMITER, decimal_cell, text_cell
from shop.producer_orders.statuses import order_status_label

from .selectors import DistributionSheet, PurchaseOrder

PURCHASE_HEADERS = [
    "Point de retrait",
    "Adresse",
    "Produit",
    "Référence",
    "EAN",
    "Quantité",
    "Total HT",
    "Total TTC",
]
SHEET_HEADERS = [
    "Point de retrait",
    "Commande",
    "Membre",
    "E-mail",
    "Statut",
    "Payée",
    "Produit",
    "Référence",
    "Producteur",
    "Quantité",
    "Total TTC",
]
FILE_LANGUAGE = "fr"
HOME = "Livraison à domicile"
TOTAL = "Total"


def _csv(rows: list[list]) -> bytes:
    buffer = io.StringIO()
    buffer.write(BOM)
    csv.writer(buffer, delimiter=DELIMITER, lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")


def _day(moment) -> str:
    return f"{timezone.localtime(moment):%d/%m/%Y}"


def euros(value: Decimal) -> str:
    return f"{value:,.2f} €".replace(",", " ").replace(".", ",")


def purchase_order_filename(order: PurchaseOrder, extension: str) -> str:
    producer = slugify(order.producer.name) or str(order.producer.pk)
    day = timezone.localtime(order.distribution.starts_at).date().isoformat()
    return f"bon-de-commande-{producer}-{day}.{extension}"


def sheet_filename(sheet: DistributionSheet) -> str:
    day = timezone.localtime(sheet.distribution.starts_at).date().isoformat()
    return f"feuille-de-distribution-{sheet.distribution.pk}-{day}.csv"


def purchase_order_csv(order: PurchaseOrder) -> bytes:
    """One row per product and pickup point, then the total."""
    rows: list[list] = [PURCHASE_HEADERS]
    for point in order.points:
        for row in point.rows:
            rows.append(
                [
                    text_cell(point.name or HOME),
                    text_cell(point.address),
                    text_cell(row.title),
                    text_cell(row.sku),
                    text_cell(row.upc),
                    row.quantity,
                    decimal_cell(row.total_excl_tax),
                    decimal_cell(row.total_incl_tax),
                ]
            )
    rows.append(
        [
            TOTAL,
            "",
            "",
            "",
            "",
            order.quantity,
            decimal_cell(order.total_excl_tax),
            decimal_cell(order.total_incl_tax),
        ]
    )
    return _csv(rows)


def sheet_csv(sheet: DistributionSheet) -> bytes:
    """One row per order line: who collects what, where, paid or not."""
    rows: list[list] = [SHEET_HEADERS]
    with translation.override(FILE_LANGUAGE):  # French cells, like the headers
        labels = {order.status: order_status_label(order.status) for order in sheet.orders}
    for order in sheet.orders:
        for item in order.items:
            rows.append(
                [
                    text_cell(order.point or HOME),
                    text_cell(order.number),
                    text_cell(order.member),
                    text_cell(order.email),
                    text_cell(labels[order.status]),
                    "oui" if order.paid else "non",
                    text_cell(item.title),
                    text_cell(item.sku),
                    text_cell(item.producer),
                    item.quantity,
                    decimal_cell(item.total_incl_tax),
                ]
            )
    return _csv(rows)


def _table(data: list[list], widths: list[float]) -> Table:
    table = Table(data, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, 0), "Helvetica-Bold", 9),
                ("FONT", (0, 1), (-1, -1), "Helvetica", 9),
                ("FONT", (0, -1), (-1, -1), "Helvetica-Bold", 9),
                ("ALIGN", (2, 0), (-1, -1), "RIGHT"),
                ("LINEBELOW", (0, 0), (-1, 0), 0.5, colors.black),
                ("LINEABOVE", (0, -1), (-1, -1), 0.5, colors.black),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ]
        )
    )
    return table


def purchase_order_pdf(order: PurchaseOrder) -> bytes:
    """Title, distribution, then one table per pickup point and the grand total."""
    styles = getSampleStyleSheet()
    distribution = order.distribution
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        title=f"Bon de commande — {order.producer.name}",
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
    )
    story: list = [
        Paragraph(escape(f"Bon de commande — {order.producer.name}"), styles["Title"]),
        Paragraph(
            escape(
                f"{distribution.title}, distribution du {_day(distribution.starts_at)} "
                f"({timezone.localtime(distribution.starts_at):%H:%M}"
                f"–{timezone.localtime(distribution.ends_at):%H:%M})"
            ),
            styles["Normal"],
        ),
        Spacer(1, 6 * mm),
    ]
    if not order.points:
        story.append(Paragraph("Aucune commande pour cette distribution.", styles["Normal"]))
    widths = [80 * mm, 30 * mm, 20 * mm, 25 * mm, 25 * mm]
    for point in order.points:
        heading = point.name or HOME
        if point.address:
            heading = f"{heading} — {point.address}"
        story.append(Paragraph(escape(heading), styles["Heading2"]))
        data: list[list] = [["Produit", "Référence", "Quantité", "Total HT", "Total TTC"]]
        for row in point.rows:
            data.append(
                [
                    Paragraph(escape(row.title), styles["Normal"]),
                    row.sku,
                    str(row.quantity),
                    euros(row.total_excl_tax),
                    euros(row.total_incl_tax),
                ]
            )
        data.append(
            [
                TOTAL,
                "",
                str(point.quantity),
                euros(point.total_excl_tax),
                euros(point.total_incl_tax),
            ]
        )
        story.append(_table(data, widths))
    if order.points:
        story.append(Spacer(1, 6 * mm))
        story.append(
            Paragraph(
                escape(
                    f"Total de la distribution : {order.quantity} article(s), "
                    f"{euros(order.total_excl_tax)} HT, {euros(order.total_incl_tax)} TTC"
                ),
                styles["Heading3"],
            )
        )
    document.build(story)
    return buffer.getvalue()
