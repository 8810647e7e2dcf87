"""Reading a French bank's CSV export: one `ParsedLine` per operation, or every error.

What banks export varies, so the reader is lenient about the shape and strict about the
values:
- encoding UTF-8 (with or without BOM) or Windows-1252; separator ";" (the French
  default), "," or tab, whichever the header row uses;
- a few lines of account details may come before the header row, which is the first row
  naming a date, a label and an amount (or a debit and a credit column); a reference
  column is optional (the reference is then looked for in the label);
- dates as 31/01/2025, 31/01/25, 31-01-2025, 31.01.2025 or 2025-01-31; amounts as
  "1 234,56", "1.234,56", "-20,00", "20.00 €" (at most two decimals).

A file with any wrong value imports nothing: every error names its line and column, in
the words of the file's own header.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

MAX_BYTES = 5 * 1024 * 1024
MAX_LINES = 10_000
HEADER_SEARCH_ROWS = 30

# Normalised header (lower case, no accents, letters and digits only) → field.
_ALIASES = {
    "date": (
        "date",
        "dateoperation",
        "datedoperation",
        "datedeloperation",
        "datecomptable",
        "datecompta",
        "bookingdate",
    ),
    "label": (
        "libelle",
        "libelleoperation",
        "libelledeloperation",
        "libellecourt",
        "intitule",
        "description",
        "label",
    ),
    "amount": ("montant", "montanteuros", "montanteur", "montanteneuros", "amount"),
    "debit": ("debit", "debiteuros", "debiteur"),
    "credit": ("credit", "crediteuros", "crediteur"),
    "reference": ("reference", "ref", "referenceoperation", "motif", "referencedeloperation"),
}
_DATE_FORMATS = ("%d/%m/%Y", "%d/%m/%y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d")
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


@dataclass(frozen=True)
class RowError:
    row: int  # line number in the file, 1-based
    column: str  # as written in the file's header ("" for the whole line)
    message: str

    def __str__(self) -> str:
        if self.column:
            return _("Line %(row)s, column “%(column)s”: %(message)s") % {
                "row": self.row,
                "column": self.column,
                "message": self.message,
            }
        return _("Line %(row)s: %(message)s") % {"row": self.row, "message": self.message}


class StatementInvalid(Exception):
    """The file cannot be imported; `errors` says why (file-level errors have row 0)."""

    def __init__(self, errors: list[RowError] | list[str]):
        self.errors = [str(error) for error in errors]
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class ParsedLine:
    row: int
    booking_date: datetime.date
    label: str
    amount: Decimal
    reference: str
    fingerprint: str


def _normalise_header(value: str) -> str:
    text = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]", "", text)


def _decode(content: bytes) -> str:
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return content.decode("cp1252", errors="strict")


def _columns(header: list[str]) -> dict[str, int]:
    """Field → column index, for the fields this header names."""
    found: dict[str, int] = {}
    for index, name in enumerate(header):
        key = _normalise_header(name)
        for field, aliases in _ALIASES.items():
            if key in aliases and field not in found:
                found[field] = index
    return found


def _is_header(columns: dict[str, int]) -> bool:
    has_amount = "amount" in columns or {"debit", "credit"} <= columns.keys()
    return "date" in columns and "label" in columns and has_amount


def parse_amount(text: str) -> Decimal | None:
    """A French or plain amount ("1 234,56", "1.234,56", "-20,00 €") → Decimal with two
    places; None if it is not one (or has more than two decimals)."""
    value = _SPACES.sub("", text).replace("€", "").replace("EUR", "").replace("+", "")
    if not value:
        return None
    if "," in value and "." in value:
        value = value.replace(".", "").replace(",", ".")  # 1.234,56
    else:
        value = value.replace(",", ".")
    if not re.fullmatch(r"-?\d+(\.\d{1,2})?", value):
        return None
    try:
        return Decimal(value).quantize(Decimal("0.01"))
    except InvalidOperation:
        return None


def parse_date(text: str) -> datetime.date | None:
    value = text.strip()
    for fmt in _DATE_FORMATS:
        try:
            return datetime.datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


def fingerprint(
    booking_date: datetime.date, amount: Decimal, label: str, reference: str, occurrence: int
) -> str:
    """Stable identity of a statement line: the same operation read from the same or an
    overlapping export gives the same fingerprint. `occurrence` tells apart identical
    operations on the same day (two 20 € transfers with the same label)."""
    parts = [
        booking_date.isoformat(),
        str(amount),
        _SPACES.sub(" ", label).strip().upper(),
        _SPACES.sub("", reference).upper(),
        str(occurrence),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _rows(text: str) -> list[list[str]]:
    sample = text[:4096]
    first_lines = sample.splitlines()[:HEADER_SEARCH_ROWS]
    counts = {sep: sum(line.count(sep) for line in first_lines) for sep in (";", "\t", ",")}
    delimiter = max(counts, key=lambda sep: (counts[sep], sep == ";"))
    return list(csv.reader(io.StringIO(text), delimiter=delimiter))


def parse_statement(content: bytes) -> list[ParsedLine]:
    """Every operation of the statement, in file order. Raises StatementInvalid."""
    if not content.strip():
        raise StatementInvalid([_("The file is empty.")])
    if len(content) > MAX_BYTES:
        raise StatementInvalid([_("The file is too large (at most 5 MB).")])
    try:
        text = _decode(content)
    except UnicodeDecodeError:
        raise StatementInvalid(
            [_("The file is not a text CSV file (UTF-8 or Windows-1252).")]
        ) from None
    rows = _rows(text)
    header_index, columns = next(
        (
            (index, _columns(row))
            for index, row in enumerate(rows[:HEADER_SEARCH_ROWS])
            if _is_header(_columns(row))
        ),
        (None, {}),
    )
    if header_index is None:
        raise StatementInvalid(
            [
                _(
                    "No header row found: the statement needs a date column, a label "
                    "column and an amount column (or a debit and a credit column)."
                )
            ]
        )
    header = rows[header_index]
    data = rows[header_index + 1 :]
    if len(data) > MAX_LINES:
        raise StatementInvalid(
            [_("Too many lines (at most %(max)s): split the statement.") % {"max": MAX_LINES}]
        )
    lines: list[ParsedLine] = []
    errors: list[RowError] = []
    seen: Counter[tuple] = Counter()
    for offset, row in enumerate(data):
        number = header_index + offset + 2  # 1-based, after the header row
        if not any(cell.strip() for cell in row):
            continue
        parsed = _parse_row(row, number, header, columns, errors)
        if parsed is None:
            continue
        booking_date, label, amount, reference = parsed
        key = (booking_date, amount, _SPACES.sub(" ", label).strip().upper(), reference)
        occurrence = seen[key]
        seen[key] += 1
        lines.append(
            ParsedLine(
                row=number,
                booking_date=booking_date,
                label=label,
                amount=amount,
                reference=reference,
                fingerprint=fingerprint(booking_date, amount, label, reference, occurrence),
            )
        )
    if errors:
        raise StatementInvalid(errors)
    if not lines:
        raise StatementInvalid([_("The statement has no operation.")])
    return lines


def _cell(row: list[str], columns: dict[str, int], field: str) -> str:
    index = columns.get(field)
    if index is None or index >= len(row):
        return ""
    return row[index].strip()


def _parse_row(
    row: list[str],
    number: int,
    header: list[str],
    columns: dict[str, int],
    errors: list[RowError],
) -> tuple[datetime.date, str, Decimal, str] | None:
    def error(field: str, message: str) -> None:
        errors.append(RowError(number, header[columns[field]].strip(), message))

    before = len(errors)
    for field, index in columns.items():
        if index < len(row) and "\x00" in row[index]:
            error(field, _("contains a NUL character."))
    if len(errors) > before:
        return None
    raw_date = _cell(row, columns, "date")
    booking_date = parse_date(raw_date)
    if booking_date is None:
        error(
            "date",
            _("“%(value)s” is not a date (expected DD/MM/YYYY).") % {"value": raw_date}
            if raw_date
            else _("the date is missing."),
        )
    label = _cell(row, columns, "label")
    if not label:
        error("label", _("the label is missing."))
    elif len(label) > 500:
        error("label", _("the label is longer than 500 characters."))
    amount = _row_amount(row, columns, error)
    reference = _cell(row, columns, "reference")[:140]
    if len(errors) > before or booking_date is None or amount is None:
        return None
    return booking_date, label, amount, reference


def _row_amount(row: list[str], columns: dict[str, int], error) -> Decimal | None:
    def read(field: str) -> tuple[Decimal | None, bool]:
        raw = _cell(row, columns, field)
        if not raw:
            return None, True
        value = parse_amount(raw)
        if value is None:
            error(field, _("“%(value)s” is not an amount (e.g. 20,00).") % {"value": raw})
            return None, False
        return value, True

    if "amount" in columns:
        amount, valid = read("amount")
        if amount is None and valid:
            error("amount", _("the amount is missing."))
        if amount == 0:
            error("amount", _("the amount is zero."))
            return None
        return amount
    debit, debit_valid = read("debit")
    credit, credit_valid = read("credit")
    if not (debit_valid and credit_valid):
        return None
    if not debit and not credit:
        error("credit", _("neither a debit nor a credit is given."))
        return None
    if debit and credit:
        error("credit", _("both a debit and a credit are given."))
        return None
    return credit if credit else -abs(debit or Decimal("0"))
