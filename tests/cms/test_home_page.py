"""The home page's product selection shows each product's image (#11 point 12), loaded
with the selection at once, and its sections are spaced (one class every section has)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.test.factories import ProductImageFactory

from cms.models import HomePage
from tests.factories import create_product

from .helpers import home_page

pytestmark = pytest.mark.django_db


def feature(*products) -> HomePage:
    home = home_page()
    home.featured = [{"type": "product", "value": product.pk} for product in products]
    home.save_revision().publish()
    return HomePage.objects.get(pk=home.pk)


def selection(client, home) -> str:
    response = client.get(home.url)
    assert response.status_code == 200
    html = response.content.decode()
    start = html.index('class="featured-products')
    return html[start : html.index("</section>", start)]


def test_selected_products_show_their_image(client):
    honey = create_product(title="Miel de lavande")
    ProductImageFactory(product=honey)
    lentils = create_product(title="Lentilles vertes")  # no image: Oscar's placeholder
    html = selection(client, feature(honey, lentils))
    images = re.findall(
        r'<a class="home-product-image" href="([^"]+)"[^>]*>\s*<img src="([^"]+)"', html
    )
    assert [href for href, _src in images] == [honey.get_absolute_url(), lentils.get_absolute_url()]
    honey_src, lentils_src = (src for _href, src in images)
    assert honey_src.startswith("/media/cache/")  # a thumbnail of the product's own image
    assert honey_src != lentils_src
    # The image is decorative beside the title's link: empty alt, out of the tab order.
    assert 'alt=""' in html and 'tabindex="-1" aria-hidden="true"' in html
    assert html.index("home-product-image") < html.index("Miel de lavande")


def test_images_cost_one_query_whatever_the_number_of_products(client):
    products = [create_product(title=f"Produit {n}") for n in range(4)]
    for product in products:
        ProductImageFactory(product=product)

    def queries(home) -> int:
        client.get(home.url)  # warm up: thumbnails are made once
        with CaptureQueriesContext(connection) as captured:
            assert "home-product-image" in selection(client, home)
        return len(captured)

    assert queries(feature(*products[:1])) == queries(feature(*products))


def test_every_home_section_is_spaced(client):
    html = client.get(feature(create_product()).url).content.decode()
    sections = re.findall(r'<section class="([^"]*)"', html)
    assert len(sections) >= 3  # hero, how it works, the selection
    assert all("home-section" in classes for classes in sections if "hero" not in classes)
