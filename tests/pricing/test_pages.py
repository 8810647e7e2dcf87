"""The breakdown and unit prices on the shop's pages (#13 points 6 and 7): "Où va votre
argent" on the product page and summed in the basket; the impact block's producer share
from the breakdown; the price per kilogram or litre next to every price of a product
with a net quantity, on every listing, at a constant number of queries."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from shop.impact.models import Claim
from shop.impact.selectors import PRODUCER_SHARE_CODE
from shop.pricing import services
from shop.pricing.models import LogisticsFee, ProductNetQuantity
from shop.pricing.templatetags.pricing_tags import unit_price_text
from tests.checkout.helpers import add_to_basket
from tests.cms.helpers import add_article, education_index, product_embed
from tests.factories import (
    ClaimFactory,
    CriterionFactory,
    DimensionFactory,
    ProducerFactory,
    UserFactory,
    create_product,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("french")]


@pytest.fixture
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def staff():
    return UserFactory(is_staff=True)


@pytest.fixture
def farm():
    return ProducerFactory(name="Ferme des Tilleuls")


@pytest.fixture
def honey(farm, staff):
    """10.00 € HT at 5.5 %: 10.55 € TTC; 15 % commission, 0.30 € transport, 250 g."""
    product = create_product(
        title="Miel de tilleul", price_excl_tax=Decimal("10.00"), producer=farm
    )
    services.logistics_fee_save(
        fee=LogisticsFee(label="Transport", kind="per_unit", amount=Decimal("0.30"), scope="all"),
        by=staff,
    )
    services.net_quantity_set(product=product, quantity=Decimal("250"), unit="g")
    return product


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("\xa0", " ")


@pytest.mark.parametrize(
    ("quantity", "unit", "price", "expected"),
    [
        ("250", "g", "10.55", "42,20 €/kg"),
        ("1.5", "kg", "6.00", "4,00 €/kg"),
        ("75", "cl", "12.90", "17,20 €/l"),
        ("500", "ml", "3.10", "6,20 €/l"),
        ("1", "l", "2.35", "2,35 €/l"),
        ("6", "piece", "3.00", "0,50 € la pièce"),
    ],
)
def test_unit_prices_convert_to_kilograms_and_litres(quantity, unit, price, expected):
    product = create_product()
    services.net_quantity_set(product=product, quantity=Decimal(quantity), unit=unit)
    product.refresh_from_db()
    text = unit_price_text(product, Decimal(price)).replace("\xa0", " ").replace("\u202f", " ")
    assert text == expected


def test_no_net_quantity_no_unit_price():
    product = create_product()
    assert unit_price_text(product, Decimal("10.55")) == ""


@override_settings(PRICING_DEFAULT_COMMISSION_PERCENT=Decimal("15"))
def test_the_product_page_says_where_the_money_goes(client, honey):
    html = client.get(honey.get_absolute_url()).content.decode()
    text = text_of(html)
    # 10.00 HT: 1.50 commission, 0.30 transport, 8.20 producer; 0.55 VAT; 10.55 TTC.
    assert "Où va votre argent" in text
    assert (
        "Sur 10,55 €, 8,20 € vont au producteur, 1,50 € à la coopérative, "
        "0,30 € à la logistique (transport, emballage) et 0,55 € à la TVA." in text
    )
    assert 'aria-labelledby="price-breakdown-title"' in html
    assert "<meter" in html and 'aria-hidden="true"' in html  # bars repeat the text only
    assert "42,20 €/kg" in text  # unit price next to the price
    assert "250 g" in text  # net quantity in the information table


@override_settings(PRICING_DEFAULT_COMMISSION_PERCENT=Decimal("15"))
def test_the_basket_sums_the_breakdown_of_its_lines(client, honey, farm):
    jam = create_product(title="Confiture", price_excl_tax=Decimal("4.00"), producer=farm)
    services.net_quantity_set(product=jam, quantity=Decimal("37"), unit="cl")
    client.force_login(UserFactory())
    add_to_basket(client, honey, 2)
    add_to_basket(client, jam, 1)
    text = text_of(client.get(reverse("basket:summary")).content.decode())
    # honey ×2: 16.40 + 3.00 + 0.60 + 1.10 = 21.10; jam: 3.10 + 0.60 + 0.30 + 0.22 = 4.22.
    assert (
        "Sur 25,32 €, 19,50 € vont au producteur, 3,60 € à la coopérative, "
        "0,90 € à la logistique (transport, emballage) et 1,32 € à la TVA." in text
    )
    assert "42,20 €/kg" in text
    assert "11,41 €/l" in text  # 4.22 / 0.37


@override_settings(PRICING_DEFAULT_COMMISSION_PERCENT=Decimal("15"))
def test_the_impact_block_uses_the_producer_share_from_the_breakdown(client, honey, farm):
    share = CriterionFactory(
        code=PRODUCER_SHARE_CODE,
        dimension=DimensionFactory(),
        name="Part producteur",
        value_type="percentage",
    )
    ClaimFactory(criterion=share, producer=farm, value_bool=None, value_number=Decimal("95"))
    text = text_of(client.get(reverse("catalogue:index")).content.decode())
    assert "77,7 % du prix au producteur" in text  # 8.20 / 10.55, not the declared 95 %
    assert "95 %" not in text
    assert Claim.objects.count() == 1


def test_unit_prices_on_every_listing(client, honey, farm):
    jam = create_product(title="Confiture", producer=farm, category_name="Épicerie")
    services.net_quantity_set(product=jam, quantity=Decimal("350"), unit="g")
    category_text = text_of(client.get(jam.categories.get().get_absolute_url()).content.decode())
    assert "30,14 €/kg" in category_text  # 10.55 / 0.35
    pages = [
        reverse("catalogue:index"),
        farm.get_absolute_url(),
        reverse("site-search") + "?q=miel",
    ]
    for url in pages:
        text = text_of(client.get(url).content.decode())
        assert "42,20 €/kg" in text, url
    article = add_article(education_index(), body=[product_embed(honey)])
    assert "42,20 €/kg" in text_of(client.get(article.url).content.decode())


def test_the_catalogue_costs_the_same_queries_for_10_and_50_products(client, farm, staff):
    made = 0

    def queries_with(count: int) -> int:
        nonlocal made
        for _ in range(count - made):
            made += 1
            product = create_product(title=f"Farine {made}", producer=farm)
            services.net_quantity_set(product=product, quantity=Decimal("1"), unit="kg")
        client.get("/boutique/catalogue/")  # warm the per-process caches
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/boutique/catalogue/?page=1")
        assert response.status_code == 200
        shown = min(made, 24)  # OSCAR_PRODUCTS_PER_PAGE
        assert response.content.decode().count('class="unit-price"') == shown
        return len(queries.captured_queries)

    assert queries_with(10) == queries_with(50)
    assert ProductNetQuantity.objects.count() == 50


@override_settings(PRICING_DEFAULT_COMMISSION_PERCENT=Decimal("15"))
def test_members_see_the_breakdown_of_the_member_price(client, honey, staff):
    from community.cooperative import benefits
    from community.cooperative import services as cooperative
    from tests.cooperative.conftest import make_member

    cooperative.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)
    benefits.member_discount_set(
        product_class=honey.get_product_class(), percent=Decimal("10"), by=staff
    )
    client.force_login(make_member(staff).user)
    text = text_of(client.get(honey.get_absolute_url()).content.decode())
    # 9.00 HT (10 % off): 1.35 commission, 0.30 transport, 7.35 producer; 0.50 VAT; 9.50.
    assert (
        "Sur 9,50 €, 7,35 € vont au producteur, 1,35 € à la coopérative, "
        "0,30 € à la logistique (transport, emballage) et 0,50 € à la TVA." in text
    )
    assert "38,00 €/kg" in text  # the unit price of what the member pays
