"""An anonymous visit to an education page costs a fixed number of queries, whatever the
number of embedded products; the rendered body is cached and refreshed on changes."""

from decimal import Decimal

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ProducerFactory, create_product

from .helpers import add_article, education_index, paragraph, product_embed

pytestmark = pytest.mark.django_db


def article_with(count: int, index, slug: str):
    producers = [ProducerFactory(name=f"Producteur {slug} {n}") for n in range(3)]
    products = [
        create_product(title=f"Produit {slug} {n}", producer=producers[n % 3]) for n in range(count)
    ]
    body = [paragraph("<p>Introduction.</p>")]
    body += [product_embed(product) for product in products]
    # The same block types on both pages: each type costs one bulk query of its own.
    compared = (products * 2)[:2]
    body.append(
        {"type": "comparison", "value": {"title": "", "products": [p.pk for p in compared]}}
    )
    return add_article(index, slug=slug, body=body), products


def queries_for(client, url: str, *, cold: bool) -> int:
    client.get(url)  # warm Django's and Wagtail's own caches (content types, site root)
    if cold:
        cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("cold", [True, False], ids=["body-not-cached", "body-cached"])
def test_query_count_does_not_grow_with_embedded_products(client, cold):
    index = education_index()
    one, _ = article_with(1, index, "un")
    ten, products = article_with(10, index, "dix")
    assert len(ten.body) == 12
    html = client.get(ten.url).content.decode()
    assert all(product.title in html for product in products)

    assert queries_for(client, one.url, cold=cold) == queries_for(client, ten.url, cold=cold)


def test_cached_body_is_refreshed_on_price_change_and_on_publish(client):
    index = education_index()
    article, (product,) = article_with(1, index, "prix")
    client.get(article.url)
    with CaptureQueriesContext(connection) as cached:
        client.get(article.url)
    with CaptureQueriesContext(connection) as first:
        cache.clear()
        client.get(article.url)
    assert len(cached) < len(first)  # the body came from the cache

    record = product.stockrecords.get()
    record.price = Decimal("20.00")
    record.save()
    assert "21,10" in client.get(article.url).content.decode()

    article.body.append(("paragraph", "<p>Un paragraphe ajouté.</p>"))
    article.save_revision().publish()
    assert "Un paragraphe ajouté." in client.get(article.url).content.decode()
