"""The scratch catalogue for benchmarks (`seed_catalogue`) and the untimed parts of
`benchmark_pages`. Speed is read from the benchmark's figures, never asserted here."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command, load_command_class
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from oscar.core.loading import get_model

from shop.catalogue.management.commands import benchmark_pages
from shop.geo import postcode_table
from shop.impact.models import Claim
from tests.factories import create_product

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
Category = get_model("catalogue", "Category")
StockRecord = get_model("partner", "StockRecord")

pytestmark = pytest.mark.django_db


def seed(**options) -> str:
    out = StringIO()
    call_command("seed_catalogue", stdout=out, **options)
    return out.getvalue()


def seeded_products():
    return Product.objects.filter(upc__startswith="SEED-")


def seeded_producers():
    return Partner.objects.filter(code__startswith="seed-")


def titles() -> list[str]:
    return list(seeded_products().order_by("upc").values_list("title", flat=True))


def test_seed_creates_products_with_stock_producers_and_claims():
    output = seed(products=200)
    products = seeded_products()
    assert products.count() == 200
    assert "200 products" in output
    assert StockRecord.objects.filter(product__in=products).count() == 200
    assert not products.filter(stockrecords__isnull=True).exists()
    assert not products.filter(categories__isnull=True).exists()
    assert not products.exclude(structure="standalone").exists()

    producers = seeded_producers()
    assert producers.count() == 4  # one producer for 50 products by default
    assert set(producers.values_list("charter_status", flat=True)) == {"membre"}
    table = postcode_table()
    for producer in producers:
        # Real commune centres from the offline table, in metropolitan France.
        located = table[producer.postcode]
        assert located.precision == "commune"
        assert (producer.latitude, producer.longitude) == (
            located.point.latitude,
            located.point.longitude,
        )
        assert producer.city == located.label
        assert not producer.postcode.startswith("97")

    assert Claim.objects.filter(producer__in=producers, product__isnull=True).count() >= 4 * 5
    with_own_claims = products.filter(claims__isnull=False).distinct().count()
    assert 20 <= with_own_claims <= 65  # about one product in five


def test_seeded_catalogue_is_browsable(client):
    seed(products=60)
    response = client.get("/boutique/catalogue/")
    assert response.status_code == 200
    assert response.context["paginator"].count == 60
    category = Category.objects.get(code="seed-fruits-et-legumes")
    assert client.get(category.get_absolute_url()).status_code == 200
    product = seeded_products().first()
    assert client.get(product.get_absolute_url()).status_code == 200


def test_same_seed_same_catalogue():
    seed(products=60, seed=3)
    first_titles = titles()
    first_producers = list(seeded_producers().order_by("code").values_list("name", "postcode"))
    seed(products=60, seed=3, clear=True)
    assert titles() == first_titles
    assert (
        list(seeded_producers().order_by("code").values_list("name", "postcode")) == first_producers
    )
    seed(products=60, seed=4, clear=True)
    assert titles() != first_titles


def test_clear_removes_seeded_rows_only():
    own = create_product(title="Miel de la coopérative")
    seed(products=100)
    with pytest.raises(CommandError, match="--clear"):
        seed(products=10)
    seed(products=50, clear=True)
    assert seeded_products().count() == 50
    assert seeded_producers().count() == 1
    assert Category.objects.filter(code__startswith="seed-", depth=1).count() == 6
    assert not Claim.objects.filter(
        Q(producer__code__startswith="seed-") & ~Q(producer__in=seeded_producers())
    ).exists()
    assert Product.objects.filter(pk=own.pk).exists()
    assert StockRecord.objects.filter(product=own).exists()


def _count_queries(client, url: str) -> int:
    client.get(url)  # warm up: thumbnails are generated once, then read from the cache
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _seeded_category_url() -> str:
    return Category.objects.get(code="seed-fruits-et-legumes").get_absolute_url()


@pytest.mark.parametrize(
    "url",
    [
        lambda: "/boutique/catalogue/",
        lambda: "/boutique/catalogue/?page=2",
        _seeded_category_url,
        lambda: "/boutique/producteurs/",
    ],
    ids=["catalogue", "catalogue-page-2", "category", "directory"],
)
def test_listing_pages_cost_the_same_with_50_and_200_products(client, url):
    seed(products=50, producers=25)
    with_50 = _count_queries(client, url())
    seed(products=200, producers=100, clear=True)
    with_200 = _count_queries(client, url())
    assert with_50 == with_200, (with_50, with_200)


def test_benchmark_command_documents_its_options():
    command = load_command_class("shop.catalogue", "benchmark_pages")
    usage = command.create_parser("manage.py", "benchmark_pages").format_help()
    for option in ("--workers", "--duration", "--concurrency", "--products-check"):
        assert option in usage


def test_benchmark_pages_and_query_counts_without_a_server(tmp_path):
    seed(products=200)
    with pytest.raises(CommandError, match="too small"):
        benchmark_pages.pages_to_measure(check=True)
    pages = benchmark_pages.pages_to_measure(check=False)
    paths = [page.path for page in pages]
    assert paths[:2] == ["/boutique/catalogue/", "/boutique/catalogue/?page=9"]
    assert paths[-2:] == ["/boutique/producteurs/", "/boutique/"]
    benchmark_pages.count_queries(pages, media_root=str(tmp_path))
    assert all(page.queries is not None for page in pages)
    assert pages[-1].queries == 0  # the bare view touches no table
