"""The sales journal as CSV for the accountant (French spreadsheet conventions, as the
producers' sales report: BOM, ";", decimal comma, formula cells neutralised)."""

from __future__ import annotations

from decimal import Decimal

from django.utils import timezone

from shop.producer_orders.csv_export import csv_response, decimal_cell, text_cell

from .selectors import JournalRow

__all__ = ["csv_response", "journal_rows"]


def _rate_label(rate: Decimal) -> str:
    return f"{(rate * 100).normalize():f} %".replace(".", ",")


def journal_rows(rows: list[JournalRow]) -> list[list]:
    """Date, number, issuer, buyer, HT and TVA per VAT rate (a column pair per rate
    present), TTC, payment method."""
    rates = sorted({rate for row in rows for rate in row.by_rate})
    header = ["Date", "Numéro de facture", "Émetteur", "Client"]
    for rate in rates:
        header += [f"HT {_rate_label(rate)}", f"TVA {_rate_label(rate)}"]
    header += ["Total TTC", "Mode de paiement"]
    table: list[list] = [header]
    zero = (Decimal("0.00"), Decimal("0.00"))
    for row in rows:
        invoice = row.invoice
        cells = [
            timezone.localtime(invoice.issued_at).strftime("%d/%m/%Y"),
            text_cell(invoice.number),
            text_cell(invoice.seller.get("name", "")),
            text_cell(invoice.buyer.get("name", "")),
        ]
        for rate in rates:
            base, vat = row.by_rate.get(rate, zero)
            cells += [decimal_cell(base), decimal_cell(vat)]
        cells += [decimal_cell(row.incl_tax), text_cell(invoice.payment_method)]
        table.append(cells)
    return table
