"""Demo catalogue: ESS producers of the Drôme, their products, and locally drawn images.

The data lives in `shop.demo_data` (producers, categories, products); this module loads
it. Everything is fictitious but plausible: organisations, street addresses and phone
numbers are invented; communes, postcodes and coordinates are real (see
`shop.demo_data.producers`). SIRET numbers are made up but pass the check digits, in a
range unlikely to hold a real company (see `shop.demo_data.producers`). Years of
foundation and head counts are invented to fit each description.

Loading is idempotent: rows are keyed on natural keys (producer slug, product class
name, category name, product UPC) and image files are only drawn when missing.
"""

import unicodedata
from collections.abc import Mapping
from decimal import Decimal
from io import BytesIO
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import Model
from django.utils.text import slugify
from oscar.core.loading import get_model
from PIL import Image, ImageDraw, ImageFont

from shop.demo_data.categories import CATEGORIES, PRODUCT_CLASSES, CategoryStyle
from shop.demo_data.producers import PRODUCERS
from shop.demo_data.products import PRODUCTS

if TYPE_CHECKING:
    from oscar.apps.catalogue.models import Category, ProductCategory, ProductImage
    from oscar.apps.partner.models import StockRecord

    from shop.catalogue.models import Product, ProductClass
    from shop.partner.models import Partner, Sector
else:
    Partner = get_model("partner", "Partner")
    Sector = get_model("partner", "Sector")
    ProductClass = get_model("catalogue", "ProductClass")
    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductImage = get_model("catalogue", "ProductImage")
    StockRecord = get_model("partner", "StockRecord")

M = TypeVar("M", bound=Model)

IMAGE_FOLDER = "images/products/demo"
IMAGE_SIZE = 600
CARD_MARGIN = 40
LINE_SPACING = 8


def upsert(
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    *,
    create_only: Mapping[str, Any] | None = None,
) -> tuple[M, bool]:
    """Get the row matching `lookup` or create it; save only the fields that differ.

    `create_only` values are set on creation and never overwritten (e.g. stock levels,
    which orders change). Returns the row and whether it was created.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        return model._default_manager.create(**lookup, **values, **(create_only or {})), True
    changed = {field: value for field, value in values.items() if getattr(obj, field) != value}
    if changed:
        for field, value in changed.items():
            setattr(obj, field, value)
        obj.save()
    return obj, False


def french_slug(text: str) -> str:
    """An ASCII slug that keeps the ligatures Unicode does not decompose (œ -> oe)."""
    return slugify(ascii_fold(text).replace("'", " "))


def product_code(title: str) -> str:
    """The stable natural key of a demo product (its UPC and producer SKU)."""
    return f"PC-{french_slug(title)}"[:64]


# --- Images ---------------------------------------------------------------------------


#: Fonts with the accented letters French needs, tried in order (Debian/Ubuntu ship the
#: first two, macOS and Windows the others). Pillow's built-in font only covers ASCII.
FONT_FILES = {
    False: ("DejaVuSans.ttf", "LiberationSans-Regular.ttf", "Arial.ttf", "arial.ttf"),
    True: ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf", "Arial Bold.ttf", "arialbd.ttf"),
}


class Typeface(NamedTuple):
    font: ImageFont.FreeTypeFont | ImageFont.ImageFont
    unicode: bool  # False: the fallback font, which needs ASCII text


def load_typeface(size: int, *, bold: bool = False) -> Typeface:
    for name in FONT_FILES[bold]:
        try:
            return Typeface(ImageFont.truetype(name, size), True)
        except OSError:
            continue
    return Typeface(ImageFont.load_default(size=size), False)


def ascii_fold(text: str) -> str:
    """ "Œufs frais à Montélimar" -> "Oeufs frais a Montelimar"."""
    for ligature, letters in (("œ", "oe"), ("Œ", "Oe"), ("æ", "ae"), ("Æ", "Ae")):
        text = text.replace(ligature, letters)
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def wrap_to_width(text: str, typeface: Typeface, max_width: int) -> list[str]:
    """Greedy word wrap measured in pixels."""
    lines: list[str] = []
    for word in text.split():
        candidate = f"{lines[-1]} {word}" if lines else word
        if lines and typeface.font.getlength(candidate) <= max_width:
            lines[-1] = candidate
        else:
            lines.append(word)
    return lines


def text_lines(text: str, typeface: Typeface, max_lines: int) -> list[str]:
    if not typeface.unicode:
        text = ascii_fold(text)
    return wrap_to_width(text, typeface, IMAGE_SIZE - 2 * CARD_MARGIN - 40)[:max_lines]


def line_height(typeface: Typeface) -> int:
    """From the top of an accented capital to the bottom of a descender, plus spacing."""
    return int(typeface.font.getbbox("ÀÉgjpq")[3]) + LINE_SPACING


def draw_centered_lines(
    draw: ImageDraw.ImageDraw, lines: list[str], typeface: Typeface, top: int, fill: str
) -> int:
    """Draw each line centred horizontally from `top`; return the y below the last one."""
    for line in lines:
        width = typeface.font.getlength(line)
        draw.text(((IMAGE_SIZE - width) / 2, top), line, font=typeface.font, fill=fill)
        top += line_height(typeface)
    return top


def render_product_image(title: str, producer_name: str, style: CategoryStyle) -> bytes:
    """A 600x600 PNG: the category's colours and shape, the product and producer names."""
    image = Image.new("RGB", (IMAGE_SIZE, IMAGE_SIZE), style.background)
    draw = ImageDraw.Draw(image)
    (x, y), radius = (IMAGE_SIZE // 2, 200), 130
    if style.sides:
        draw.regular_polygon(((x, y), radius), style.sides, fill=style.accent)
    else:
        draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=style.accent)
    draw.ellipse((x - 40, y - 40, x + 40, y + 40), fill=style.background)

    card_top, card_bottom = 370, 570
    draw.rounded_rectangle(
        (CARD_MARGIN, card_top, IMAGE_SIZE - CARD_MARGIN, card_bottom), radius=24, fill="#FFFFFF"
    )
    title_face, producer_face = load_typeface(32, bold=True), load_typeface(20)
    title_lines = text_lines(title, title_face, 3)
    producer_lines = text_lines(producer_name, producer_face, 1)
    height = len(title_lines) * line_height(title_face) + line_height(producer_face)
    top = card_top + (card_bottom - card_top - height) // 2
    top = draw_centered_lines(draw, title_lines, title_face, top, "#2B2B2B")
    draw_centered_lines(draw, producer_lines, producer_face, top + 4, "#5F5F5F")

    buffer = BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def ensure_product_image(product: Product, producer_name: str, style: CategoryStyle) -> bool:
    """Draw the product's image file if missing and attach it once. True if drawn."""
    path = f"{IMAGE_FOLDER}/{product.upc.lower()}.png"
    drawn = False
    if not default_storage.exists(path):
        content = render_product_image(product.title, producer_name, style)
        path = default_storage.save(path, ContentFile(content))
        drawn = True
    if not product.images.exists():
        ProductImage.objects.create(product=product, original=path, caption=product.title)
    return drawn


# --- Loaders --------------------------------------------------------------------------


def load_producers() -> dict[str, Partner]:
    producers: dict[str, Partner] = {}
    for data in PRODUCERS:
        values = {key: value for key, value in data.items() if key not in ("slug", "sector")}
        values["email"] = f"contact@{data['slug']}.test"
        # Sectors come from a data migration; a missing one leaves the field alone.
        sector = Sector.objects.filter(slug=data["sector"]).first()
        if sector is not None:
            values["sector"] = sector
        producers[data["slug"]], _created = upsert(Partner, {"slug": data["slug"]}, values)
    return producers


def load_product_classes() -> dict[str, ProductClass]:
    classes: dict[str, ProductClass] = {}
    for name, vat_rate in PRODUCT_CLASSES.items():
        classes[name], _created = upsert(
            ProductClass,
            {"name": name},
            {"vat_rate": vat_rate, "requires_shipping": True, "track_stock": True},
        )
    return classes


def upsert_root_category(name: str, description: str) -> Category:
    """A top-level category, found by name (as Oscar's breadcrumbs helper does)."""
    category = Category.objects.filter(depth=1, name=name).first()
    if category is None:
        return Category.add_root(name=name, slug=french_slug(name), description=description)
    if category.description != description:
        category.description = description
        category.save()
    return category


def load_categories() -> dict[str, Category]:
    categories: dict[str, Category] = {}
    for name, style in CATEGORIES.items():
        categories[name] = upsert_root_category(name, style.description)
    return categories


def load_products(
    producers: Mapping[str, Partner],
    classes: Mapping[str, ProductClass],
    categories: Mapping[str, Category],
) -> int:
    """Create or update the products, their stock records and images; return files drawn."""
    drawn = 0
    for category_name, items in PRODUCTS.items():
        style = CATEGORIES[category_name]
        for item in items:
            producer = producers[item.producer]
            code = product_code(item.title)
            product, _created = upsert(
                Product,
                {"upc": code},
                {
                    "title": item.title,
                    "description": item.description,
                    "product_class": classes[style.product_class],
                    "structure": Product.STANDALONE,
                    "is_public": True,
                },
                create_only={"slug": french_slug(item.title)},
            )
            ProductCategory.objects.get_or_create(
                product=product, category=categories[category_name]
            )
            upsert(
                StockRecord,
                {"product": product, "partner": producer},
                {"partner_sku": code, "price": Decimal(item.price), "price_currency": "EUR"},
                create_only={"num_in_stock": item.stock},
            )
            drawn += ensure_product_image(product, producer.name, style)
    return drawn


def load_shop_demo() -> dict[str, int]:
    """Load producers, product classes, categories and products. Returns counts."""
    producers = load_producers()
    classes = load_product_classes()
    categories = load_categories()
    drawn = load_products(producers, classes, categories)
    return {
        "producers": len(producers),
        "categories": len(categories),
        "products": sum(len(items) for items in PRODUCTS.values()),
        "images drawn": drawn,
    }
