"""Import a producer's products from a spreadsheet saved as CSV.

Columns (header row required, `;` or `,` delimiter, UTF-8):

    reference  the producer's SKU; required; an existing reference updates that product
    titre      required
    description, categorie ("Épicerie" or a path "Épicerie > Miel"), classe (product
    class name, "Alimentaire" when empty; it must exist), upc: optional
    prix_ht    price excluding tax, "12,50" or "12.50"; required, > 0
    stock      whole number >= 0; required
    quantite_nette, unite  the net quantity of a pre-packaged product ("250" and "g";
               units g, kg, ml, cl, l, piece): both or neither; it gives the unit price

Every row is checked before anything is written: one bad row and nothing is imported,
and the result lists every error with its line (line 1 is the header, as in a
spreadsheet). On an update, an empty optional cell keeps the current value.
"""

from __future__ import annotations

import csv
import io
import logging
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import IO, TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _
from oscar.apps.catalogue.categories import create_from_breadcrumbs
from oscar.core.loading import get_model

from shop.impact.dashboard.permissions import managed_producers
from shop.pricing import services as pricing_services
from shop.pricing.models import Unit

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
    from oscar.apps.catalogue.models import Category, ProductCategory
    from oscar.apps.partner.models import StockRecord

    from shop.catalogue.models import Product, ProductClass
    from shop.partner.models import Partner
else:
    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductClass = get_model("catalogue", "ProductClass")
    StockRecord = get_model("partner", "StockRecord")

logger = logging.getLogger(__name__)

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
DEFAULT_PRODUCT_CLASS = "Alimentaire"
REQUIRED_COLUMNS = ("reference", "titre", "prix_ht", "stock")
OPTIONAL_COLUMNS = ("description", "categorie", "classe", "upc", "quantite_nette", "unite")
UNIT_ALIASES = {"pièce": Unit.PIECE, "pieces": Unit.PIECE, "pièces": Unit.PIECE, "pce": Unit.PIECE}
MAX_NET_QUANTITY = Decimal("9999999.999")  # ProductNetQuantity.quantity: 10 digits, 3 decimals
CATEGORY_SEPARATOR = ">"
MAX_PRICE = Decimal("9999999999.99")  # StockRecord.price: 12 digits, 2 decimals
NUL = "\x00"


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass
class ProductRow:
    """One valid row, ready to write."""

    line: int
    reference: str
    title: str
    description: str
    category: str
    product_class: ProductClass | None  # None: keep the current class on update
    price: Decimal
    stock: int
    upc: str
    net_quantity: tuple[Decimal, str] | None  # None: keep the current one on update
    record: StockRecord | None  # the existing stock record, None for a new product


class RowError(ValueError):
    """A cell that cannot be imported; the message says why."""


def product_csv_import(
    *, producer: Partner, file: IO[bytes], user: AbstractBaseUser | AnonymousUser
) -> ImportResult:
    """Create or update `producer`'s products and stock from a CSV file, all or nothing."""
    if not managed_producers(user).filter(pk=producer.pk).exists():
        raise PermissionDenied
    result = ImportResult()
    try:
        rows = _read_rows(file)
    except RowError as error:
        result.errors.append(str(error))
        return result
    valid_rows = _validate_rows(rows, producer=producer, errors=result.errors)
    if result.errors:
        return result
    categories: dict[str, Category] = {}
    try:
        with transaction.atomic():
            for row in valid_rows:
                if _write_row(row, producer=producer, categories=categories):
                    result.created += 1
                else:
                    result.updated += 1
    except RowError as error:  # rolled back: nothing written
        return ImportResult(errors=[str(error)])
    logger.info(
        "CSV import for producer %s by user %s: %s created, %s updated",
        producer.pk,
        user.pk,
        result.created,
        result.updated,
    )
    return result


# --- Reading the file -----------------------------------------------------------------


def _read_rows(file: IO[bytes]) -> list[tuple[int, dict[str, str]]]:
    """The data rows as (line number, {column: cell}), after the file-level checks."""
    text = _decode(file)
    lines = text.splitlines()
    if not lines or not lines[0].strip():
        raise RowError(_("The file is empty: it needs a header row and at least one product."))
    delimiter = ";" if lines[0].count(";") > lines[0].count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    columns = [_normalise_column(name) for name in next(reader)]
    _check_columns(columns)
    rows: list[tuple[int, dict[str, str]]] = []
    for line, cells in enumerate(reader, start=2):
        if not any(cell.strip() for cell in cells):
            continue
        if len(rows) >= MAX_ROWS:
            raise RowError(
                _("The file has more than %(max)s products: split it into several files.")
                % {"max": MAX_ROWS}
            )
        rows.append((line, _row_dict(columns, cells)))
    if not rows:
        raise RowError(_("The file has a header row but no product."))
    return rows


def _decode(file: IO[bytes]) -> str:
    too_large = _("The file is larger than 2 MB: split it into several files.")
    if (getattr(file, "size", None) or 0) > MAX_BYTES:
        raise RowError(too_large)
    data = file.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise RowError(too_large)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise RowError(
            _("The file is not UTF-8 text: save it as “CSV UTF-8” from your spreadsheet.")
        ) from error


def _normalise_column(name: str) -> str:
    """ "Catégorie " and "categorie" name the same column."""
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _check_columns(columns: list[str]) -> None:
    missing = [name for name in REQUIRED_COLUMNS if name not in columns]
    unknown = [name for name in columns if name not in REQUIRED_COLUMNS + OPTIONAL_COLUMNS]
    duplicated = sorted({name for name in columns if columns.count(name) > 1})
    problems = []
    if missing:
        problems.append(_("missing columns: %(names)s") % {"names": ", ".join(missing)})
    if unknown:
        problems.append(_("unknown columns: %(names)s") % {"names": ", ".join(unknown)})
    if duplicated:
        problems.append(_("repeated columns: %(names)s") % {"names": ", ".join(duplicated)})
    if problems:
        raise RowError(
            _("The header row is not valid (%(problems)s). Expected columns: %(expected)s.")
            % {
                "problems": "; ".join(problems),
                "expected": ", ".join(REQUIRED_COLUMNS + OPTIONAL_COLUMNS),
            }
        )


def _row_dict(columns: list[str], cells: list[str]) -> dict[str, str]:
    row = dict.fromkeys(REQUIRED_COLUMNS + OPTIONAL_COLUMNS, "")
    row.update({name: cell.strip() for name, cell in zip(columns, cells, strict=False)})
    if any(cell.strip() for cell in cells[len(columns) :]):
        row["__extra__"] = "yes"
    return row


# --- Validating every row -------------------------------------------------------------


def row_error(line: int, column: str, message: str) -> str:
    return _("Line %(line)s, field “%(field)s”: %(message)s") % {
        "line": line,
        "field": column,
        "message": message,
    }


@dataclass
class _Context:
    """What row checks look up once per file."""

    existing: dict[str, StockRecord]
    classes: dict[str, ProductClass]
    upc_owners: dict[str, int]
    seen_references: dict[str, int] = field(default_factory=dict)
    seen_upcs: dict[str, int] = field(default_factory=dict)


def _validate_rows(
    rows: list[tuple[int, dict[str, str]]], *, producer, errors: list[str]
) -> list[ProductRow]:
    context = _Context(
        existing={
            record.partner_sku: record
            for record in StockRecord.objects.filter(partner=producer).select_related("product")
        },
        classes={pc.name.lower(): pc for pc in ProductClass.objects.all()},
        upc_owners=dict(
            Product.objects.filter(
                upc__in=[row["upc"] for _line, row in rows if row["upc"]]
            ).values_list("upc", "pk")
        ),
    )
    valid = []
    for line, row in rows:
        row_errors: list[str] = []
        product_row = _validate_row(line, row, context, row_errors)
        errors.extend(row_errors)
        if product_row is not None:  # None exactly when the row has errors
            valid.append(product_row)
    return valid


def _validate_row(
    line: int, row: dict[str, str], context: _Context, errors: list[str]
) -> ProductRow | None:
    if row.get("__extra__"):
        errors.append(
            _("Line %(line)s: more cells than columns in the header row.") % {"line": line}
        )
    checks = {
        "reference": lambda: _reference(row["reference"], line, context),
        "titre": lambda: _text(row["titre"], max_length=255, required=True),
        "categorie": lambda: _category_path(row["categorie"]),
        "classe": lambda: _product_class(row["classe"], row["reference"], context),
        "prix_ht": lambda: _price(row["prix_ht"]),
        "stock": lambda: _stock(row["stock"]),
        "upc": lambda: _upc(row["upc"], row["reference"], line, context),
        "quantite_nette": lambda: _net_quantity(row["quantite_nette"], row["unite"]),
    }
    # A NUL character passes csv but no database text column takes it: named per cell.
    with_nul = [column for column, cell in row.items() if NUL in cell]
    for column in with_nul:
        errors.append(row_error(line, column, _("it contains a null character (NUL): remove it.")))
    values: dict[str, Any] = {}  # each column's checked value, of that column's type
    for column, check in checks.items():
        if column in with_nul:
            continue
        try:
            values[column] = check()
        except RowError as error:
            errors.append(row_error(line, column, str(error)))
    if errors:
        return None
    return ProductRow(
        line=line,
        reference=values["reference"],
        title=values["titre"],
        description=row["description"],
        category=values["categorie"],
        product_class=values["classe"],
        price=values["prix_ht"],
        stock=values["stock"],
        upc=values["upc"],
        net_quantity=values["quantite_nette"],
        record=context.existing.get(values["reference"]),
    )


def _text(value: str, *, max_length: int, required: bool = False) -> str:
    if required and not value:
        raise RowError(_("this field is required."))
    if len(value) > max_length:
        raise RowError(_("at most %(max)s characters.") % {"max": max_length})
    return value


def _reference(value: str, line: int, context: _Context) -> str:
    value = _text(value, max_length=128, required=True)
    first_line = context.seen_references.setdefault(value, line)
    if first_line != line:
        raise RowError(
            _("the reference “%(reference)s” already appears on line %(first)s.")
            % {"reference": value, "first": first_line}
        )
    return value


def _category_path(value: str) -> str:
    names = [name.strip() for name in value.split(CATEGORY_SEPARATOR)] if value else []
    if any(not name for name in names):
        raise RowError(_("an empty category name in “%(path)s”.") % {"path": value})
    if any(len(name) > 255 for name in names):
        raise RowError(_("a category name has at most 255 characters."))
    return f" {CATEGORY_SEPARATOR} ".join(names)


def _product_class(value: str, reference: str, context: _Context) -> ProductClass | None:
    if not value and reference in context.existing:
        return None
    name = value or DEFAULT_PRODUCT_CLASS
    product_class = context.classes.get(name.lower())
    if product_class is None:
        raise RowError(
            _("no product class is named “%(name)s” (known: %(known)s).")
            % {"name": name, "known": ", ".join(pc.name for pc in context.classes.values())}
        )
    return product_class


def _price(value: str) -> Decimal:
    if not value:
        raise RowError(_("this field is required."))
    cleaned = value.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    cleaned = cleaned.replace("€", "").replace(",", ".")
    try:
        price = Decimal(cleaned)
    except InvalidOperation as error:
        raise RowError(
            _("“%(value)s” is not a price (write 12,50 or 12.50).") % {"value": value}
        ) from error
    if not price.is_finite() or price <= 0:
        raise RowError(_("the price must be greater than zero."))
    exponent = price.as_tuple().exponent  # an int: the price is finite
    if isinstance(exponent, int) and exponent < -2:
        raise RowError(_("a price has at most two decimals."))
    if price > MAX_PRICE:
        raise RowError(_("this price is too large."))
    return price


def _net_quantity(quantity: str, unit: str) -> tuple[Decimal, str] | None:
    """("250", "g") → (250, "g"); both empty → None; one without the other is an error."""
    if not quantity and not unit:
        return None
    if not quantity or not unit:
        raise RowError(_("give both the net quantity and its unit (g, kg, ml, cl, l, piece)."))
    unit = UNIT_ALIASES.get(unit.lower(), unit.lower())
    if unit not in Unit.values:
        raise RowError(
            _("“%(unit)s” is not a unit (use g, kg, ml, cl, l or piece).") % {"unit": unit}
        )
    try:
        value = Decimal(quantity.replace(" ", "").replace(",", "."))
    except InvalidOperation as error:
        raise RowError(_("“%(value)s” is not a quantity.") % {"value": quantity}) from error
    if not value.is_finite() or value <= 0 or value > MAX_NET_QUANTITY:
        raise RowError(_("the net quantity must be a positive number."))
    exponent = value.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -3:
        raise RowError(_("a net quantity has at most three decimals."))
    return value, unit


def _stock(value: str) -> int:
    if not value:
        raise RowError(_("this field is required."))
    try:
        stock = int(value.replace(" ", ""))
    except ValueError as error:
        raise RowError(_("“%(value)s” is not a whole number.") % {"value": value}) from error
    if stock < 0:
        raise RowError(_("the stock cannot be negative."))
    if stock > 2_147_483_647:
        raise RowError(_("this stock is too large."))
    return stock


def _upc(value: str, reference: str, line: int, context: _Context) -> str:
    if not value:
        return ""
    _text(value, max_length=64)
    first_line = context.seen_upcs.setdefault(value, line)
    if first_line != line:
        raise RowError(
            _("the UPC “%(upc)s” already appears on line %(first)s.")
            % {"upc": value, "first": first_line}
        )
    owner = context.upc_owners.get(value)
    record = context.existing.get(reference)
    if owner is not None and (record is None or record.product_id != owner):
        raise RowError(_("the UPC “%(upc)s” belongs to another product.") % {"upc": value})
    return value


# --- Writing --------------------------------------------------------------------------


def _write_row(row: ProductRow, *, producer, categories: dict[str, Category]) -> bool:
    """Create or update one product and its stock record; True when created."""
    record = row.record
    created = record is None
    product = Product(structure=Product.STANDALONE) if record is None else record.product
    product.title = row.title
    if row.description or created:
        product.description = row.description
    if row.product_class is not None:
        product.product_class = row.product_class
    if row.upc:
        product.upc = row.upc
    product.save()
    if row.category:
        if row.category not in categories:
            categories[row.category] = _category(row.category)
        category = categories[row.category]
        ProductCategory.objects.get_or_create(product=product, category=category)
    if record is None:
        record = StockRecord(product=product, partner=producer, partner_sku=row.reference)
    record.price = row.price
    record.num_in_stock = row.stock
    record.save()
    if row.net_quantity is not None:
        quantity, unit = row.net_quantity
        pricing_services.net_quantity_set(product=product, quantity=quantity, unit=unit)
    return created


def _category(path: str) -> Category:
    """An existing category by path or name, else one created (a root for a bare name)."""
    if CATEGORY_SEPARATOR not in path:
        existing = Category.objects.filter(name__iexact=path).order_by("depth", "path").first()
        if existing is not None:
            return existing
    try:
        return create_from_breadcrumbs(path, separator=CATEGORY_SEPARATOR)
    except ValueError as error:  # several categories share a name at one level
        raise RowError(
            _("The category “%(path)s” is ambiguous: ask the shop team.") % {"path": path}
        ) from error
