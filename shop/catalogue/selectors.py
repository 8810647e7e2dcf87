"""Reads shared by the catalogue pages: database queries whose cost grows with the page
size, never with the size of the catalogue."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet
from oscar.core.loading import get_model

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
ProductCategory = get_model("catalogue", "ProductCategory")


def browsable_products(*, category: Any = None) -> QuerySet:
    """Public parent products of charter members, optionally within a category and its
    descendants (a candidate producer's products appear once it is admitted)."""
    products = (
        Product.objects.browsable()
        .base_queryset()  # product class and the "has options" annotations
        .select_related("net_quantity")  # the unit price on every card, in the same query
        .prefetch_related(None)
        .prefetch_related(
            # Each stock record with its partner: the producer shown in the impact block.
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "images",
        )
    )
    on_sale = StockRecord.objects.filter(product=OuterRef("pk"), partner__charter_status="membre")
    products = products.filter(Exists(on_sale))
    if category is not None:
        # Exists over the tree path instead of a join + DISTINCT over every product.
        in_category = ProductCategory.objects.filter(
            product=OuterRef("pk"),
            category__path__startswith=category.path,
            category__depth__gte=category.depth,
        )
        products = products.filter(Exists(in_category))
    return products.order_by("-priority", "-date_created", "pk")
