"""Benchmark: allocation and settlement of a large group order (a script, not a test).

Builds, in a SCRATCH database, one group order with --members members (10,000) and
--products products (200), each member committing to about --per-member products (10)
with random quantities and tolerances (fixed seed), i.e. about 100,000 commitments; then
times and counts the queries of:

* ``services.group_order_allocate`` (the allocation alone),
* ``services.group_order_close`` (lock every commitment + allocate again),
* ``settlement.group_order_confirm`` (one Oscar order per member, pay at pickup, no
  e-mail),

and times the pure ``allocation.allocate_offer`` for 10k / 100k / 1M parts.

    DATABASE_URL=sqlite:////tmp/g3bench.sqlite3 manage.py migrate
    DATABASE_URL=sqlite:////tmp/g3bench.sqlite3 manage.py benchmark_allocation

It writes a lot of rows: it refuses to run unless the database name contains "bench"
(or --force).
"""

from __future__ import annotations

import datetime
import random
import time
from decimal import Decimal

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext, override_settings
from django.utils import timezone
from oscar.core.loading import get_model

from groupbuy.models import (
    BuyingGroup,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    Membership,
    PriceTier,
)
from groupbuy.orders import allocation, services
from groupbuy.settlement import services as settlement

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")
StockRecord = get_model("partner", "StockRecord")
PickupPoint = get_model("shipping", "PickupPoint")
BATCH = 5000


class Command(BaseCommand):
    help = "Time allocation and settlement of a large group order (scratch database only)."

    def add_arguments(self, parser):
        parser.add_argument("--members", type=int, default=10_000)
        parser.add_argument("--products", type=int, default=200)
        parser.add_argument("--per-member", type=int, default=10)
        parser.add_argument("--seed", type=int, default=42)
        parser.add_argument(
            "--pure-sizes", default="10000,100000,1000000", help="parts for allocate_offer"
        )
        parser.add_argument("--skip-database", action="store_true")
        parser.add_argument("--force", action="store_true", help="run on any database")

    def handle(self, *args, **options):
        if not options["skip_database"]:
            name = str(connection.settings_dict["NAME"])
            if "bench" not in name and not options["force"]:
                raise CommandError(
                    f"Refusing to fill {name!r}: use a scratch database whose name contains "
                    "'bench' (e.g. DATABASE_URL=sqlite:////tmp/g3bench.sqlite3), or --force."
                )
            with override_settings(STRIPE_SECRET_KEY="", STRIPE_PUBLISHABLE_KEY=""):
                self.database_benchmark(options)
        self.pure_benchmark([int(n) for n in options["pure_sizes"].split(",") if n])

    # --- with the database ------------------------------------------------------------

    def database_benchmark(self, options):
        rng = random.Random(options["seed"])
        started = time.perf_counter()
        group_order = self.build(rng, options)
        commitments = Commitment.objects.filter(offer__group_order=group_order).count()
        parts = CommitmentPart.objects.filter(commitment__offer__group_order=group_order).count()
        self.stdout.write(
            f"Built {options['members']} members × {options['products']} products: "
            f"{commitments} commitments, {parts} parts in {time.perf_counter() - started:.1f} s "
            f"({connection.vendor})"
        )
        rows = []
        with transaction.atomic():
            seconds, queries, results = self.measure(
                lambda: services.group_order_allocate(group_order=group_order)
            )
        shipped = sum(r.units for r in results.values())
        rows.append(("allocate()", seconds, queries, f"{shipped} units shipped"))
        seconds, queries, _result = self.measure(
            lambda: services.group_order_close(group_order=group_order)
        )
        rows.append(("group_order_close() (locks + allocate)", seconds, queries, ""))
        seconds, queries, outcome = self.measure(
            lambda: settlement.group_order_confirm(
                group_order=group_order, notify=False, collect_payments=False
            )
        )
        rows.append(("group_order_confirm()", seconds, queries, f"{outcome.orders_created} orders"))
        seconds, queries, again = self.measure(
            lambda: settlement.group_order_confirm(
                group_order=group_order, notify=False, collect_payments=False
            )
        )
        rows.append(
            ("group_order_confirm() again", seconds, queries, f"{again.orders_created} orders")
        )
        self.stdout.write("")
        self.stdout.write(f"{'step':<42} {'seconds':>8} {'queries':>8}  note")
        for label, secs, count, note in rows:
            self.stdout.write(f"{label:<42} {secs:>8.2f} {count:>8}  {note}")
        self.stdout.write(f"commitments: {commitments}")

    def measure(self, func):
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            result = func()
            seconds = time.perf_counter() - started
        return seconds, len(queries.captured_queries), result

    def build(self, rng: random.Random, options) -> GroupOrder:
        n_members, n_products = options["members"], options["products"]
        per_member = min(options["per_member"], n_products)
        stamp = int(time.time())
        product_class, _created = ProductClass.objects.get_or_create(
            name="Benchmark", defaults={"vat_rate": Decimal("0.0550")}
        )
        producers = [
            Partner.objects.create(name=f"Producteur bench {stamp}-{i}", slug=f"bench-{stamp}-{i}")
            for i in range(max(1, n_products // 10))
        ]
        products = [
            Product.objects.create(
                title=f"Produit {i}",
                slug=f"bench-{stamp}-{i}",
                product_class=product_class,
                structure="standalone",
            )
            for i in range(n_products)
        ]
        StockRecord.objects.bulk_create(  # bulk: no stock alert signal per record
            [
                StockRecord(
                    product=product,
                    partner=producers[i % len(producers)],
                    partner_sku=f"B{stamp}-{i}",
                    price=Decimal("3.00"),
                    price_currency=settings.OSCAR_DEFAULT_CURRENCY,
                    num_in_stock=0,
                )
                for i, product in enumerate(products)
            ]
        )
        point = PickupPoint.objects.create(
            name="Bench", slug=f"bench-{stamp}", address_line="1 rue", postcode="26150", city="Die"
        )
        group = BuyingGroup.objects.create(name=f"Bench {stamp}", slug=f"bench-{stamp}")
        now = timezone.now()
        group_order = GroupOrder.objects.create(
            group=group,
            title="Benchmark",
            state="open",
            opens_at=now - datetime.timedelta(days=2),
            closes_at=now + datetime.timedelta(days=1),
            pickup_point=point,
            pickup_date=(now + datetime.timedelta(days=5)).date(),
        )
        offers = GroupOrderProduct.objects.bulk_create(
            [
                GroupOrderProduct(
                    group_order=group_order,
                    product=product,
                    case_size=rng.choice([1, 4, 6, 10, 12]),
                    min_units=rng.choice([0, 0, 20, 100]),
                    max_units=rng.choice([None, None, 5000]),
                    unit_price_incl_tax=Decimal("4.00"),
                    position=i,
                )
                for i, product in enumerate(products)
            ]
        )
        offers = list(GroupOrderProduct.objects.filter(group_order=group_order).order_by("pk"))
        PriceTier.objects.bulk_create(
            [PriceTier(offer=o, min_units=200, unit_price_incl_tax=Decimal("3.60")) for o in offers]
        )
        User = get_user_model()
        users = [
            User(
                email=f"bench{stamp}-{i}@example.org",
                first_name="M",
                last_name=str(i),
                password="!",
            )
            for i in range(n_members)
        ]
        User.objects.bulk_create(users, batch_size=BATCH)
        users = list(
            User.objects.filter(email__startswith=f"bench{stamp}-").values_list("pk", flat=True)
        )
        Membership.objects.bulk_create(
            [Membership(group=group, user_id=pk) for pk in users], batch_size=BATCH
        )
        commitments = []
        for user_id in users:
            for offer in rng.sample(offers, per_member):
                moment = now - datetime.timedelta(seconds=rng.randint(0, 86_400))
                commitments.append(
                    Commitment(
                        offer=offer,
                        member_id=user_id,
                        tolerance=rng.choice([0, 0, 0, 1, 2, 3]),
                        tolerance_since=moment,
                    )
                )
        Commitment.objects.bulk_create(commitments, batch_size=BATCH)
        ids = {
            (offer_id, member_id): pk
            for pk, offer_id, member_id in Commitment.objects.filter(
                offer__group_order=group_order
            ).values_list("pk", "offer_id", "member_id")
        }
        parts = []
        for commitment in commitments:
            moment = commitment.tolerance_since
            parts.append(
                CommitmentPart(
                    commitment_id=ids[(commitment.offer_id, commitment.member_id)],
                    quantity=rng.randint(1, 6),
                    created_at=moment,
                )
            )
        CommitmentPart.objects.bulk_create(parts, batch_size=BATCH)
        return group_order

    # --- the pure function --------------------------------------------------------------

    def pure_benchmark(self, sizes: list[int]) -> None:
        self.stdout.write("")
        self.stdout.write(f"{'allocate_offer parts':>22} {'seconds':>9} {'µs/part':>9}")
        rng = random.Random(7)
        base = datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        for size in sizes:
            parts = [
                allocation.Part(
                    rng.randrange(size), rng.randint(1, 6), base + datetime.timedelta(seconds=i), i
                )
                for i in range(size)
            ]
            tolerances = [
                allocation.Tolerance(p.member_id, 2, p.created_at, p.pk) for p in parts[::10]
            ]
            terms = allocation.Terms(
                case_size=6, unit_price=Decimal("4.00"), tiers=[(1000, Decimal("3.50"))]
            )
            rng.shuffle(parts)
            started = time.perf_counter()
            allocation.allocate_offer(terms, parts, tolerances)
            seconds = time.perf_counter() - started
            self.stdout.write(f"{size:>22,} {seconds:>9.3f} {seconds / size * 1e6:>9.2f}")
