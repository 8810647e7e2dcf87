"""An index in the catalogue's order, so listing pages stop after one page of rows.

`browsable_products()` filters on `parent IS NULL` and orders by
`-priority, -date_created, pk`: without this index every product was read and sorted
for each page (a temporary B-tree on SQLite), a cost that grew with the catalogue.
`is_public` comes last so that the paginator's COUNT(*) reads the index alone.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0033_productclass_vat_rate"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="product",
            index=models.Index(
                fields=["parent", "-priority", "-date_created", "id", "is_public"],
                name="product_browse_order_idx",
            ),
        ),
    ]
