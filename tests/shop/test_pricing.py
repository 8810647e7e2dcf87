from decimal import Decimal

import pytest
from oscar.core.loading import get_class

from tests.factories import create_product

Selector = get_class("partner.strategy", "Selector")


@pytest.mark.django_db
def test_food_price_is_shown_with_reduced_vat():
    product = create_product(price_excl_tax=Decimal("10.00"), vat_rate=Decimal("0.0550"))
    info = Selector().strategy().fetch_for_product(product)
    assert info.price.excl_tax == Decimal("10.00")
    assert info.price.incl_tax == Decimal("10.55")
    assert info.price.is_tax_known


@pytest.mark.django_db
def test_other_goods_use_the_standard_rate():
    product = create_product(
        title="Savon", price_excl_tax=Decimal("5.00"), vat_rate=Decimal("0.2000")
    )
    info = Selector().strategy().fetch_for_product(product)
    assert info.price.incl_tax == Decimal("6.00")


@pytest.mark.django_db
def test_tax_is_rounded_to_the_cent():
    product = create_product(price_excl_tax=Decimal("3.33"))
    info = Selector().strategy().fetch_for_product(product)
    # 3.33 x 5.5 % = 0.18315 -> 0.18
    assert info.price.incl_tax == Decimal("3.51")


@pytest.mark.django_db
def test_product_page_shows_ttc_price(client):
    product = create_product(price_excl_tax=Decimal("10.00"))
    response = client.get(product.get_absolute_url())
    assert response.status_code == 200
    assert "10,55" in response.content.decode()


@pytest.mark.django_db
def test_a_candidate_producers_goods_are_not_on_sale_until_admitted(client):
    from tests.factories import ProducerFactory

    candidate = ProducerFactory(name="Ferme candidate", charter_status="candidat")
    product = create_product(title="Tomme candidate", producer=candidate)
    info = Selector().strategy().fetch_for_product(product)
    assert not info.availability.is_available_to_buy
    assert "Tomme candidate" not in client.get("/boutique/catalogue/").content.decode()

    candidate.charter_status = "membre"
    candidate.save()
    product.refresh_from_db()
    assert Selector().strategy().fetch_for_product(product).availability.is_available_to_buy
    assert "Tomme candidate" in client.get("/boutique/catalogue/").content.decode()
