"""`manage.py benchmark_distribution`: the shop page of one distribution, small and large.

On a scratch database seeded with `seed_catalogue`, opens a distribution (at the first
pickup point, or the demo's) offering `--offers` products, then measures in this
process, with Django's test client, the SQL queries and the median build time of the
catalogue page and of a category page for a visitor who chose that distribution. It runs
twice, with a small offer (`--small`, default 100) and the full one, so the figures show
whether the page's cost grows with the distribution (it must not: the catalogue's
constant query count). Prints a table; asserts nothing (speed goals live in figures).
"""

from __future__ import annotations

import datetime
import statistics
import time
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, reset_queries, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from oscar.core.loading import get_model

from shop.distributions import services
from shop.distributions.current import SESSION_KEY
from shop.distributions.models import Distribution
from shop.shipping.demo import load_pickup_demo

Category = get_model("catalogue", "Category")
Product = get_model("catalogue", "Product")
PickupPoint = get_model("shipping", "PickupPoint")
PLAIN_STATIC_STORAGE = "django.contrib.staticfiles.storage.StaticFilesStorage"
TITLE = "Benchmark distribution"


class Command(BaseCommand):
    help = "Query count and build time of a distribution's shop pages, small and large."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--offers", type=int, default=2000)
        parser.add_argument("--small", type=int, default=100)
        parser.add_argument("--runs", type=int, default=20)

    def handle(self, *args: Any, **options: Any) -> None:
        products = list(
            Product.objects.filter(parent__isnull=True, stockrecords__isnull=False)
            .order_by("pk")
            .values_list("pk", flat=True)[: options["offers"]]
        )
        if len(products) < options["offers"]:
            raise CommandError(
                f"Only {len(products)} products with a stock record: run "
                f"`manage.py seed_catalogue --products {options['offers']}` first."
            )
        category = Category.objects.filter(product__isnull=False).order_by("pk").first()
        rows = []
        for size in (options["small"], options["offers"]):
            distribution = open_distribution(products[:size])
            for label, path in [
                ("catalogue", "/boutique/catalogue/"),
                ("a category", category.get_absolute_url() if category else None),
            ]:
                if path:
                    queries, median_ms = measure(distribution, path, runs=options["runs"])
                    rows.append((label, size, queries, median_ms))
        self.stdout.write(f"{'page':<12} {'offers':>7} {'queries':>8} {'median ms':>10}")
        for label, size, queries, median_ms in rows:
            self.stdout.write(f"{label:<12} {size:>7} {queries:>8} {median_ms:>10.1f}")


def open_distribution(product_ids: list[int]) -> Distribution:
    """The only open distribution, offering exactly `product_ids` (10 of each)."""
    staff = get_user_model().objects.filter(is_staff=True).first()
    point = PickupPoint.objects.order_by("pk").first() or load_pickup_demo()[0]
    now = timezone.now()
    with transaction.atomic():
        Distribution.objects.filter(title=TITLE).delete()
        distribution = services.distribution_create(
            title=TITLE,
            starts_at=now + datetime.timedelta(days=3),
            ends_at=now + datetime.timedelta(days=3, hours=2),
            opens_at=now - datetime.timedelta(hours=1),
            closes_at=now + datetime.timedelta(days=2),
            pickup_points=[point],
            producers=[],
            by=staff,
        )
        for product in Product.objects.filter(pk__in=product_ids):
            services.distribution_offer_set(
                distribution=distribution, product=product, quantity=10, by=staff
            )
        return services.distribution_publish(distribution=distribution, by=staff)


def measure(distribution: Distribution, path: str, *, runs: int) -> tuple[int, float]:
    client = Client()
    session = client.session
    session[SESSION_KEY] = distribution.pk
    session.save()
    with override_settings(
        ALLOWED_HOSTS=["testserver"],
        SECURE_SSL_REDIRECT=False,
        STORAGES={**settings.STORAGES, "staticfiles": {"BACKEND": PLAIN_STATIC_STORAGE}},
    ):
        client.get(path)  # warm: thumbnails, caches
        reset_queries()  # under DEBUG the log is capped: a full one would hide these
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        count = len(queries)
        if response.status_code != 200:
            raise CommandError(f"{path} answered {response.status_code}.")
        timings = []
        for _ in range(runs):
            started = time.perf_counter()
            client.get(path)
            timings.append((time.perf_counter() - started) * 1000)
    return count, statistics.median(timings)
