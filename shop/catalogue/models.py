from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _
from oscar.apps.catalogue.abstract_models import AbstractProduct, AbstractProductClass


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


class Product(AbstractProduct):
    """Oscar's product, ours to extend (impact profile, producer links)."""

    class Meta(AbstractProduct.Meta):
        indexes = [
            # The catalogue's order (shop.catalogue.selectors.browsable_products) behind
            # its `parent IS NULL` filter: a listing page reads its rows in index order
            # and stops, instead of sorting every product.
            models.Index(
                fields=["parent", "-priority", "-date_created", "id"],
                name="product_browse_order_idx",
            ),
        ]


from oscar.apps.catalogue.models import *
