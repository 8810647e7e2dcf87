"""Demo pricing: rates, fees and net quantities read from the demo titles, idempotent."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.pricing.demo import load_pricing_demo, net_quantity_from_title
from shop.pricing.models import CommissionRate, LogisticsFee, ProductNetQuantity


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Miel de lavande (500 g)", (Decimal("500"), "g")),
        ("Lessive liquide au savon de Marseille (1,5 L)", (Decimal("1.5"), "l")),
        ("Nectar d'abricot (75 cl)", (Decimal("75"), "cl")),
        ("Yaourts de chèvre nature (4 pots de 125 g)", (Decimal("500"), "g")),
        ("Œufs de plein air (boîte de 6)", (Decimal("6"), "piece")),
        ("Tomme de chèvre (environ 300 g)", None),  # sold by weight
        ("Salade batavia", None),
    ],
)
def test_net_quantities_are_read_from_the_titles(title, expected):
    assert net_quantity_from_title(title) == expected


@pytest.mark.django_db
def test_the_demo_loads_rates_fees_and_net_quantities_twice_alike(settings, tmp_path):
    from shop.demo import load_shop_demo

    settings.MEDIA_ROOT = tmp_path
    load_shop_demo()
    first = load_pricing_demo()
    assert first == load_pricing_demo()
    assert first["commission rates"] == 3 and first["logistics fees"] == 2
    assert first["net quantities"] > 40
    honey = ProductNetQuantity.objects.get(product__title="Miel de lavande (500 g)")
    assert (honey.quantity, honey.unit) == (Decimal("500"), "g")
    # Non-food (soap, crockery) gets none: the law asks it of pre-packaged food.
    assert not ProductNetQuantity.objects.filter(product__title__startswith="Savon").exists()
    assert CommissionRate.objects.filter(product_class__name="Boissons").exists()
    assert LogisticsFee.objects.filter(scope="producer").get().partner is not None
