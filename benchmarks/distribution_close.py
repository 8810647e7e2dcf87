"""Benchmark: closing a distribution of 1,000 orders from 50 producers.

Builds, in a throwaway test database, a distribution at 3 pickup points with 50
producers (4 products each) and 1,000 orders of 3 lines, then times what the worker does
when ordering closes: `distributions_close_due` closes it and runs (immediate task
backend) one purchase-order task per producer — its CSV and PDF built and its e-mail
sent through the locmem backend — and the distribution sheet's task.

    .venv/bin/python benchmarks/distribution_close.py
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \
        .venv/bin/python benchmarks/distribution_close.py

Prints figures; asserts nothing about time (the target is under 10 s of worker time).
"""

from __future__ import annotations

import datetime
import os
import random
import sys
import time
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import django
from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import (
    CaptureQueriesContext,
    setup_databases,
    setup_test_environment,
    teardown_databases,
)
from django.utils import timezone

# Run from anywhere; the test settings: locmem e-mail, immediate task backend.
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

ORDERS = 1000
PRODUCERS = 50
PRODUCTS_PER_PRODUCER = 4
LINES_PER_ORDER = 3
CENT = Decimal("0.01")


def build():
    from oscar.core.loading import get_model

    from shop.distributions.models import OrderDistribution
    from tests.factories import (
        ProducerFactory,
        UserFactory,
        create_product,
        make_distribution,
        make_pickup_point,
    )

    Order = get_model("order", "Order")
    Line = get_model("order", "Line")
    rng = random.Random(13)
    points = [make_pickup_point(name=f"Point {n}", slug=f"point-bench-{n}") for n in range(3)]
    records = []
    for p in range(PRODUCERS):
        producer = ProducerFactory(name=f"Producteur {p:02d}", email=f"producteur{p}@example.org")
        for k in range(PRODUCTS_PER_PRODUCER):
            product = create_product(
                title=f"Produit {p:02d}-{k}",
                price_excl_tax=Decimal("3.00") + k,
                producer=producer,
            )
            records.append((product, product.stockrecords.get()))
    distribution = make_distribution(
        title="Distribution de référence",
        offers={product: 10_000 for product, _ in records},
        points=points,
        opens_in=-datetime.timedelta(days=2),
        closes_in=-datetime.timedelta(minutes=1),
        starts_in=datetime.timedelta(days=1),
    )
    placed = timezone.now() - datetime.timedelta(hours=2)
    # Its creator gets the distribution sheet (as the coordinators of its points do).
    distribution.created_by = UserFactory(email="coordination@example.org", is_staff=True)
    distribution.save(update_fields=["created_by"])
    members = [UserFactory(first_name=f"Membre{n}") for n in range(200)]
    orders = Order.objects.bulk_create(
        Order(
            number=f"9{n:06d}",
            user=members[n % len(members)],
            currency=settings.OSCAR_DEFAULT_CURRENCY,
            total_incl_tax=Decimal("0.00"),
            total_excl_tax=Decimal("0.00"),
            status="paid" if n % 5 else "pending_payment",
            shipping_method="Retrait",
            date_placed=placed,
        )
        for n in range(ORDERS)
    )
    lines = []
    for order in orders:
        for product, record in rng.sample(records, LINES_PER_ORDER):
            quantity = rng.randint(1, 4)
            unit_incl = (record.price * Decimal("1.055")).quantize(CENT, rounding=ROUND_HALF_UP)
            lines.append(
                Line(
                    order=order,
                    partner=record.partner,
                    partner_name=record.partner.name,
                    partner_sku=record.partner_sku,
                    stockrecord=record,
                    product=product,
                    title=product.title,
                    quantity=quantity,
                    line_price_excl_tax=record.price * quantity,
                    line_price_incl_tax=unit_incl * quantity,
                    line_price_before_discounts_excl_tax=record.price * quantity,
                    line_price_before_discounts_incl_tax=unit_incl * quantity,
                    unit_price_excl_tax=record.price,
                    unit_price_incl_tax=unit_incl,
                    status=order.status,
                    num_allocated=quantity,
                )
            )
    Line.objects.bulk_create(lines, batch_size=1000)
    OrderDistribution.objects.bulk_create(
        OrderDistribution(order=order, distribution=distribution, pickup_point=points[n % 3])
        for n, order in enumerate(orders)
    )
    return distribution, len(lines)


def main() -> None:
    django.setup()
    setup_test_environment()  # locmem e-mail backend
    old = setup_databases(verbosity=0, interactive=False)
    try:
        from shop.distributions.closing import services

        started = time.perf_counter()
        distribution, line_count = build()
        print(
            f"Built {ORDERS} orders ({line_count} lines) from {PRODUCERS} producers "
            f"in {time.perf_counter() - started:.1f} s ({connection.vendor})."
        )
        mail.outbox = []
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            closed = services.distributions_close_due()
            elapsed = time.perf_counter() - started
        assert closed == [distribution.pk], closed
        attachments = sum(len(message.attachments) for message in mail.outbox)
        size = sum(len(content) for m in mail.outbox for _n, content, _t in m.attachments)
        print(
            f"Closing + sending: {elapsed:.2f} s of worker time, {len(queries)} queries, "
            f"{len(mail.outbox)} e-mails, {attachments} attachments ({size / 1024:.0f} KiB)."
        )
        print(f"Per producer: {elapsed / PRODUCERS * 1000:.0f} ms.")
    finally:
        teardown_databases(old, verbosity=0)


if __name__ == "__main__":
    main()
