"""CSV files that open cleanly in a French spreadsheet (Excel, LibreOffice).

UTF-8 with a byte order mark (so Excel reads accents right), `;` between cells and a
decimal comma (what French Excel expects), and headers in French whatever the page
language: the files are meant for spreadsheets and scripts, which need stable columns.
Text cells starting with a formula character are prefixed with an apostrophe so that a
customer name such as `=HYPERLINK(...)` stays text (CSV injection).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import HttpResponse

from .selectors import PreparationRow, SalesReport

BOM = "\ufeff"
DELIMITER = ";"
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

PREPARATION_HEADERS = [
    "Produit",
    "Référence",
    "Quantité totale",
    "Commande",
    "Client",
    "Quantité",
    "Créneau",
]
SALES_HEADERS = ["Référence", "Produit", "Quantité", "Total HT", "TVA", "Total TTC"]
SALES_TOTAL_LABEL = "Total"


def decimal_cell(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def text_cell(value: str) -> str:
    value = str(value or "")
    return "'" + value if value.startswith(FORMULA_PREFIXES) else value


def csv_response(filename: str, rows: Iterable[list]) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write(BOM)
    writer = csv.writer(response, delimiter=DELIMITER, lineterminator="\r\n")
    writer.writerows(rows)
    return response


def _slot(customer) -> str:
    if customer.start_time and customer.end_time:
        return f"{customer.start_time:%H:%M}-{customer.end_time:%H:%M}"
    return ""


def preparation_rows(rows: list[PreparationRow]) -> list[list]:
    """One row per customer line, with the product and its total repeated on each."""
    table: list[list] = [PREPARATION_HEADERS]
    for row in rows:
        for customer in row.customers:
            table.append(
                [
                    text_cell(row.title),
                    text_cell(row.sku),
                    row.quantity,
                    text_cell(customer.order_number),
                    text_cell(customer.customer_name),
                    customer.quantity,
                    _slot(customer),
                ]
            )
    return table


def sales_rows(report: SalesReport) -> list[list]:
    """One row per product, then the totals."""
    table: list[list] = [SALES_HEADERS]
    for row in [*report.rows, report.total]:
        table.append(
            [
                text_cell(row.sku),
                text_cell(row.title) if row is not report.total else SALES_TOTAL_LABEL,
                row.quantity,
                decimal_cell(row.total_excl_tax),
                decimal_cell(row.vat),
                decimal_cell(row.total_incl_tax),
            ]
        )
    return table
