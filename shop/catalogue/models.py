from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductClass
from wagtail.search import index

from shop.search_text import fold


class VatRate(models.TextChoices):
    """French VAT rates that apply to goods sold to consumers."""

    REDUCED_FOOD = "0.0550", _("5.5 % (food, books)")
    INTERMEDIATE = "0.1000", _("10 % (restaurant, some services)")
    STANDARD = "0.2000", _("20 % (standard rate)")
    SUPER_REDUCED = "0.0210", _("2.1 % (press, some medicines)")


class ProductClass(AbstractProductClass):
    vat_rate = models.DecimalField(
        _("VAT rate"),
        max_digits=5,
        decimal_places=4,
        choices=[(Decimal(value), label) for value, label in VatRate.choices],
        default=Decimal(VatRate.STANDARD),
        help_text=_("Applied to the price excluding tax to show consumer prices (TTC)."),
    )
    # A member benefit of the cooperative, set by staff (shop.partner.strategy applies it).
    member_discount_percent = models.DecimalField(
        _("member discount (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
        help_text=_("Members of the cooperative pay this much less; 0 for no member price."),
    )

    @property
    def vat_percentage(self) -> Decimal:
        """The rate as shown to consumers: 5.5, 20 (for "5,5 %", "20 %")."""
        return self.vat_rate * 100


class Product(index.Indexed, AbstractProduct):
    """Oscar's product, ours to extend (impact profile, producer links).

    Indexed by Wagtail's search (`cms.search`): saving through the ORM updates the index;
    rows written in bulk (seed_catalogue, CSV import) need `manage.py wagtail_update_index`
    (plain `update_index` is Haystack's).
    """

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("description"),
        index.SearchField("search_text"),
        index.AutocompleteField("title"),
        index.FilterField("id"),  # cms.search filters on the catalogue's selector by pk
        index.FilterField("is_public"),
        index.FilterField("parent_id"),
        index.FilterField("structure"),
    ]

    def search_text(self) -> str:
        """Title and description folded for French search (accents, plurals)."""
        return fold(f"{self.title} {self.description}")

    class Meta(AbstractProduct.Meta):
        indexes = [
            # The catalogue's order (shop.catalogue.selectors.browsable_products) behind
            # its `parent IS NULL` filter: a listing page reads its rows in index order
            # and stops, instead of sorting every product. `is_public` last makes the
            # paginator's COUNT(*) read the index alone.
            models.Index(
                fields=["parent", "-priority", "-date_created", "id", "is_public"],
                name="product_browse_order_idx",
            ),
        ]


from oscar.apps.catalogue.models import *
