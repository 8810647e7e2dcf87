"""`manage.py seed_catalogue --products N`: a large scratch catalogue, fast, for benchmarks.

Creates N public standalone products (no image) in a dozen categories, one stock record
each at one of M producers (charter members), and claims against the charter criteria:
producer-level claims for most criteria, and product-level claims for about one product
in five. Everything is inserted with ``bulk_create`` in batches, each batch in its own
transaction: 10,000 products take seconds on SQLite.

The data is scratch data, recognisable and removable:

- products have a UPC (and stock records a SKU) starting with ``SEED-``;
- producers, categories and product classes have a code or slug starting with ``seed-``;
- ``--clear`` deletes all of them (claims and stock records go with them) first.

The same ``--seed`` gives the same titles, prices, producers and claims. Producers are
placed at real commune centres taken from the offline postcode table
(:func:`shop.geo.postcode_table`, metropolitan France only); no coordinate is invented.
Names, descriptions and claim values are fictitious.
"""

from __future__ import annotations

import datetime
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify
from oscar.core.loading import get_model

from shop.geo import postcode_table
from shop.impact.models import Claim, Criterion, add_months

if TYPE_CHECKING:
    from oscar.apps.catalogue.models import Category, ProductCategory
    from oscar.apps.partner.models import StockRecord

    from shop.catalogue.models import Product, ProductClass
    from shop.partner.models import Partner, Sector
else:
    Partner = get_model("partner", "Partner")
    Sector = get_model("partner", "Sector")
    StockRecord = get_model("partner", "StockRecord")
    Category = get_model("catalogue", "Category")
    Product = get_model("catalogue", "Product")
    ProductCategory = get_model("catalogue", "ProductCategory")
    ProductClass = get_model("catalogue", "ProductClass")

UPC_PREFIX = "SEED-"
CODE_PREFIX = "seed-"

FOOD = ("seed-alimentaire", "Alimentaire (données d'essai)", Decimal("0.0550"))
NON_FOOD = ("seed-non-alimentaire", "Non alimentaire (données d'essai)", Decimal("0.2000"))
ALCOHOL = ("seed-boissons-alcoolisees", "Boissons alcoolisées (données d'essai)", Decimal("0.2000"))


@dataclass(frozen=True)
class Leaf:
    """A leaf category, what its products are called and who makes them."""

    root: str
    name: str
    nouns: tuple[str, ...]
    sector: str  # slug of a default sector (partner migration 0010)
    product_class: tuple[str, str, Decimal]


LEAVES: tuple[Leaf, ...] = (
    Leaf(
        "Fruits et légumes",
        "Fruits",
        ("Pommes", "Poires", "Abricots", "Cerises", "Pêches", "Prunes", "Noix", "Coings"),
        "arboriculture",
        FOOD,
    ),
    Leaf(
        "Fruits et légumes",
        "Légumes",
        ("Carottes", "Poireaux", "Courges", "Pommes de terre", "Tomates", "Betteraves"),
        "maraichage",
        FOOD,
    ),
    Leaf(
        "Épicerie",
        "Épicerie salée",
        ("Lentilles vertes", "Pois chiches", "Farine de blé", "Huile d'olive", "Pâtes"),
        "epicerie-transformation",
        FOOD,
    ),
    Leaf(
        "Épicerie",
        "Épicerie sucrée",
        ("Miel de lavande", "Confiture d'abricot", "Compote de pommes", "Nougat", "Chocolat"),
        "apiculture",
        FOOD,
    ),
    Leaf(
        "Crèmerie",
        "Fromages",
        ("Tomme de chèvre", "Picodon", "Bleu fermier", "Tomme de brebis", "Faisselle"),
        "elevage-produits-laitiers",
        FOOD,
    ),
    Leaf(
        "Crèmerie",
        "Produits laitiers",
        ("Yaourt nature", "Beurre doux", "Crème fraîche", "Lait cru", "Fromage blanc"),
        "elevage-produits-laitiers",
        FOOD,
    ),
    Leaf(
        "Boulangerie",
        "Pains",
        ("Pain de campagne", "Pain au levain", "Pain aux noix", "Fougasse", "Pain de seigle"),
        "boulangerie-meunerie",
        FOOD,
    ),
    Leaf(
        "Boulangerie",
        "Biscuits",
        ("Sablés", "Croquants aux amandes", "Navettes", "Madeleines", "Pain d'épices"),
        "boulangerie-meunerie",
        FOOD,
    ),
    Leaf(
        "Boissons",
        "Jus et sirops",
        ("Jus de pomme", "Nectar d'abricot", "Sirop de menthe", "Limonade", "Jus de raisin"),
        "viticulture-boissons",
        FOOD,
    ),
    Leaf(
        "Boissons",
        "Vins et bières",
        ("Clairette de Die", "Bière blonde", "Cidre brut", "Vin rouge", "Bière ambrée"),
        "viticulture-boissons",
        ALCOHOL,
    ),
    Leaf(
        "Hygiène et entretien",
        "Hygiène",
        ("Savon au lait de chèvre", "Shampooing solide", "Baume à lèvres", "Déodorant"),
        "hygiene-cosmetiques",
        NON_FOOD,
    ),
    Leaf(
        "Hygiène et entretien",
        "Entretien",
        ("Lessive", "Liquide vaisselle", "Vinaigre ménager", "Éponges lavables"),
        "entretien-menager",
        NON_FOOD,
    ),
)

QUALIFIERS = ("bio", "de saison", "en vrac", "artisanal", "fermier", "paysan", "local", "")
SIZES = ("250 g", "500 g", "1 kg", "2 kg", "75 cl", "1 l", "le lot", "la pièce")
PRODUCER_KINDS = {
    "association": "Association",
    "scop": "SCOP",
    "scic": "SCIC",
    "coop_agricole": "Coopérative agricole",
    "esus": "Entreprise solidaire",
    "exploitation": "Ferme",
}
PRODUCER_THEMES = (
    "Les Jardins partagés",
    "La Ruche commune",
    "Le Fournil solidaire",
    "Terres vivantes",
    "Les Champs du lien",
    "L'Atelier du coin",
    "La Fruitière",
    "Le Grenier collectif",
    "Les Mains vertes",
    "La Source",
)
PRODUCT_CLAIM_SHARE = 0.2


class Command(BaseCommand):
    help = (
        "Create a large scratch catalogue (products, stock, producers, claims) with "
        "bulk inserts, for benchmarks. Rows are marked SEED-/seed-; --clear removes them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--products", type=int, required=True, help="products to create")
        parser.add_argument(
            "--producers", type=int, default=None, help="producers to create (default N/50)"
        )
        parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
        parser.add_argument("--batch", type=int, default=2000, help="products per transaction")
        parser.add_argument(
            "--clear", action="store_true", help="delete previously seeded rows first"
        )

    def handle(self, *args, **options) -> None:
        n_products = options["products"]
        n_producers = options["producers"] or max(1, n_products // 50)
        batch = options["batch"]
        if n_products < 1 or n_producers < 1 or batch < 1:
            raise CommandError("--products, --producers and --batch must be positive.")
        started = time.perf_counter()
        if options["clear"]:
            removed = clear_seeded()
            self.stdout.write(
                f"Cleared {removed['products']} products and {removed['producers']} producers "
                f"in {time.perf_counter() - started:.1f} s."
            )
        elif (
            seeded_products().exists()
            or Partner.objects.filter(code__startswith=CODE_PREFIX).exists()
        ):
            raise CommandError("Seeded rows already exist: pass --clear to replace them.")

        seeder = Seeder(random.Random(options["seed"]), today=timezone.localdate())
        t0 = time.perf_counter()
        with transaction.atomic():
            seeder.create_categories()
            seeder.create_producers(n_producers)
        self.stdout.write(
            f"{n_producers} producers, {len(seeder.leaf_categories)} leaf categories "
            f"in {time.perf_counter() - t0:.1f} s."
        )
        t0 = time.perf_counter()
        for start in range(0, n_products, batch):
            with transaction.atomic():
                seeder.create_products(start, min(start + batch, n_products))
            self.stdout.write(f"  {min(start + batch, n_products)} / {n_products} products")
        self.stdout.write(
            f"{n_products} products, {seeder.counts['stock records']} stock records, "
            f"{seeder.counts['producer claims']} producer claims, "
            f"{seeder.counts['product claims']} product claims "
            f"in {time.perf_counter() - t0:.1f} s."
        )
        self.stdout.write(
            self.style.SUCCESS(f"Seeded in {time.perf_counter() - started:.1f} s in all.")
        )


def seeded_products():
    return Product.objects.filter(upc__startswith=UPC_PREFIX)


def clear_seeded() -> dict[str, int]:
    """Delete every seeded row; returns how many products and producers went."""
    with transaction.atomic():
        products = seeded_products()
        producers = Partner.objects.filter(code__startswith=CODE_PREFIX)
        counts = {"products": products.count(), "producers": producers.count()}
        # Children first, with plain DELETEs: the cascade collector would fetch them all.
        Claim.objects.filter(
            Q(product__upc__startswith=UPC_PREFIX) | Q(producer__code__startswith=CODE_PREFIX)
        ).delete()
        ProductCategory.objects.filter(product__upc__startswith=UPC_PREFIX).delete()
        StockRecord.objects.filter(
            Q(product__upc__startswith=UPC_PREFIX) | Q(partner__code__startswith=CODE_PREFIX)
        ).delete()
        products.delete()
        producers.delete()
        Category.objects.filter(code__startswith=CODE_PREFIX, depth=1).delete()  # + children
        ProductClass.objects.filter(slug__startswith=CODE_PREFIX, products__isnull=True).delete()
    return counts


class Seeder:
    """Builds the rows; one random generator drives every choice, in a fixed order."""

    def __init__(self, rng: random.Random, *, today: datetime.date) -> None:
        self.rng = rng
        self.today = today
        self.leaf_categories: list[tuple[Leaf, object]] = []
        self.producers_by_leaf: dict[str, list] = {}
        self.counts = {"stock records": 0, "producer claims": 0, "product claims": 0}
        criteria = list(
            Criterion.objects.filter(is_active=True).order_by("code")  # fixed order
        )
        self.producer_criteria = [c for c in criteria if c.applies_to_producers()]
        self.product_criteria = [c for c in criteria if c.applies_to_products()]
        self.product_classes: dict[str, ProductClass] = {}

    # --- Categories and product classes --------------------------------------------

    def create_categories(self) -> None:
        roots: dict[str, Category] = {}
        for leaf in LEAVES:
            root = roots.get(leaf.root)
            if root is None:
                root = roots[leaf.root] = Category.add_root(
                    name=leaf.root, code=CODE_PREFIX + slugify(leaf.root)
                )
            child = root.add_child(
                name=leaf.name, code=f"{CODE_PREFIX}{slugify(leaf.root)}-{slugify(leaf.name)}"
            )
            self.leaf_categories.append((leaf, child))
        for slug, name, vat_rate in {leaf.product_class for leaf in LEAVES}:
            self.product_classes[slug], _ = ProductClass.objects.get_or_create(
                slug=slug,
                defaults={
                    "name": name,
                    "vat_rate": vat_rate,
                    "requires_shipping": True,
                    "track_stock": True,
                },
            )

    # --- Producers and their claims ------------------------------------------------

    def create_producers(self, count: int) -> None:
        rng = self.rng
        # Real commune centres of metropolitan France, in a fixed order.
        places = sorted(
            (
                located
                for located in postcode_table().values()
                if located.precision == "commune" and not located.postcode.startswith("97")
            ),
            key=lambda located: located.postcode,
        )
        if count <= len(places):
            chosen = rng.sample(places, count)
        else:
            chosen = [rng.choice(places) for _ in range(count)]
        sectors = {sector.slug: sector for sector in Sector.objects.all()}
        producers = []
        for index, place in enumerate(chosen, start=1):
            leaf, _category = self.leaf_categories[(index - 1) % len(self.leaf_categories)]
            legal_form = rng.choice(sorted(PRODUCER_KINDS))
            name = f"{PRODUCER_KINDS[legal_form]} {rng.choice(PRODUCER_THEMES)} ({place.label})"
            code = f"{CODE_PREFIX}{index:05d}"
            producers.append(
                Partner(
                    code=code,
                    name=name,
                    slug=f"{code}-{slugify(name)}"[:128],
                    legal_form=legal_form,
                    charter_status="membre",
                    sector=sectors.get(leaf.sector),
                    description=(
                        f"Producteur fictif ({leaf.name.lower()}), créé par seed_catalogue "
                        "pour mesurer les pages du catalogue."
                    ),
                    year_founded=rng.randint(1950, 2024),
                    employees=rng.randint(1, 80),
                    postcode=place.postcode,
                    city=place.label,
                    latitude=place.point.latitude,
                    longitude=place.point.longitude,
                )
            )
        Partner.objects.bulk_create(producers)
        # Re-read for the primary keys (not every backend returns them from bulk inserts).
        created = Partner.objects.filter(code__startswith=CODE_PREFIX).order_by("code")
        for index, producer in enumerate(created):
            leaf, _category = self.leaf_categories[index % len(self.leaf_categories)]
            self.producers_by_leaf.setdefault(leaf.name, []).append(producer)
        claims = []
        for producer in created:
            for criterion in self.producer_criteria:
                is_inclusion = criterion.kind == Criterion.Kind.INCLUSION
                if is_inclusion or rng.random() < 0.7:
                    claims.append(self.claim(criterion, producer, None))
        Claim.objects.bulk_create(claims)
        self.counts["producer claims"] += len(claims)

    def claim(self, criterion: Criterion, producer, product) -> Claim:
        rng = self.rng
        is_inclusion = criterion.kind == Criterion.Kind.INCLUSION
        claim = Claim(criterion=criterion, producer=producer, product=product)
        if not is_inclusion and rng.random() < 0.05:
            claim.not_applicable = True
        elif criterion.value_type == Criterion.ValueType.YES_NO:
            claim.value_bool = is_inclusion or rng.random() < 0.6
        elif criterion.value_type == Criterion.ValueType.LEVEL:
            claim.value_level = rng.randint(0, criterion.max_level)
        elif criterion.value_type == Criterion.ValueType.PERCENTAGE:
            claim.value_number = Decimal(rng.randint(0, 100))
        else:
            reference = float(criterion.reference_value or 100)
            claim.value_number = Decimal(str(round(rng.uniform(0, 2 * reference), 1)))
        if criterion.evidence_required:
            claim.evidence_text = "Justificatif fictif (données d'essai)."
        if criterion.is_certification and claim.is_positive:
            claim.source = Claim.Source.THIRD_PARTY
            claim.certifier = "Organisme certificateur fictif"
            claim.certificate_number = f"SEED-{rng.randint(10_000, 99_999)}"
        # Up to 400 days ago: with 12-month validity, about one claim in ten has expired.
        claim.valid_from = self.today - datetime.timedelta(days=rng.randint(0, 400))
        claim.valid_until = add_months(claim.valid_from, criterion.validity_months)
        draw = rng.random()
        if draw < 0.35:
            claim.state = Claim.State.VALIDATED
            claim.validated_at = timezone.now() - datetime.timedelta(
                days=(self.today - claim.valid_from).days
            )
        elif draw < 0.45:
            claim.state = Claim.State.DISPUTED
        return claim

    # --- Products ------------------------------------------------------------------

    def create_products(self, start: int, stop: int) -> None:
        rng = self.rng
        products, plans = [], []
        for number in range(start + 1, stop + 1):
            leaf, category = self.leaf_categories[rng.randrange(len(self.leaf_categories))]
            producer = rng.choice(
                self.producers_by_leaf.get(leaf.name)
                or [p for group in self.producers_by_leaf.values() for p in group]
            )
            qualifier = rng.choice(QUALIFIERS)
            noun = rng.choice(leaf.nouns)
            title = " ".join(part for part in (noun, qualifier, rng.choice(SIZES)) if part)
            title = f"{title} — n° {number}"
            upc = f"{UPC_PREFIX}{number:07d}"
            products.append(
                Product(
                    title=title,
                    slug=slugify(title)[:255],
                    upc=upc,
                    structure=Product.STANDALONE,
                    is_public=True,
                    product_class=self.product_classes[leaf.product_class[0]],
                    description=(
                        f"{noun} de {producer.name}, {producer.city}. "
                        "Produit fictif créé par seed_catalogue pour les mesures de charge."
                    ),
                )
            )
            extra_category = None
            if rng.random() < 0.1:
                extra_category = self.leaf_categories[rng.randrange(len(self.leaf_categories))][1]
            plans.append(
                {
                    "upc": upc,
                    "producer": producer,
                    "category": category,
                    "extra_category": extra_category,
                    "price": Decimal(rng.randint(150, 4000)) / 100,
                    "stock": 0 if rng.random() < 0.05 else rng.randint(1, 200),
                    "claim_criteria": (
                        rng.sample(self.product_criteria, min(2, len(self.product_criteria)))
                        if self.product_criteria and rng.random() < PRODUCT_CLAIM_SHARE
                        else []
                    ),
                }
            )
        Product.objects.bulk_create(products)
        pks = dict(
            Product.objects.filter(upc__in=[plan["upc"] for plan in plans]).values_list("upc", "pk")
        )
        stockrecords, links, claims = [], [], []
        for plan in plans:
            product_id = pks[plan["upc"]]
            stockrecords.append(
                StockRecord(
                    product_id=product_id,
                    partner=plan["producer"],
                    partner_sku=plan["upc"],
                    price=plan["price"],
                    num_in_stock=plan["stock"],
                )
            )
            links.append(ProductCategory(product_id=product_id, category=plan["category"]))
            extra = plan["extra_category"]
            if extra is not None and extra.pk != plan["category"].pk:
                links.append(ProductCategory(product_id=product_id, category=extra))
            for criterion in plan["claim_criteria"]:
                claim = self.claim(criterion, plan["producer"], None)
                claim.product_id = product_id
                claims.append(claim)
        StockRecord.objects.bulk_create(stockrecords)
        ProductCategory.objects.bulk_create(links)
        Claim.objects.bulk_create(claims)
        self.counts["stock records"] += len(stockrecords)
        self.counts["product claims"] += len(claims)
