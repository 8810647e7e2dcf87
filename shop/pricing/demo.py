"""Demo pricing: commission rates, logistics fees, and the net quantities of the demo's
pre-packaged food read from its titles ("Miel de lavande (500 g)"). Idempotent."""

from __future__ import annotations

import re
from decimal import Decimal

from django.contrib.auth import get_user_model
from oscar.core.loading import get_model

from shop.demo import product_code
from shop.demo_data.categories import CATEGORIES
from shop.demo_data.products import PRODUCTS

from . import services
from .models import CommissionRate, LogisticsFee, ProductNetQuantity

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")
ProductClass = get_model("catalogue", "ProductClass")

#: Product classes of pre-packaged food: only these show a unit price in the demo.
FOOD_CLASSES = ("Alimentaire", "Boissons")
#: (producer slug or None, class name or None, percent, why)
COMMISSIONS = [
    (None, "Boissons", "18", "Bouteilles lourdes : plus de manutention"),
    ("fournil-cooperatif-de-crest", None, "10", "Pain livré chaque matin par le fournil"),
    ("rucher-des-trois-becs", "Alimentaire", "12", "Convention avec le rucher"),
]
#: (label, kind, amount, scope, producer slug or class name)
FEES = [
    ("Transport vers les points de retrait", "per_unit", "0.20", "all", None),
    ("Chaîne du froid", "percent", "2", "producer", "laiterie-des-monts-du-matin"),
]
# "(500 g)", "(1,5 L)", "(4 pots de 125 g)", "(boîte de 6)"; "environ" is sold by weight.
SIMPLE = re.compile(r"\((\d+(?:,\d+)?)\s*(g|kg|ml|cl|L)\)$")
POTS = re.compile(r"\((\d+) pots de (\d+)\s*(g|cl)\)$")
BOX = re.compile(r"\(boîte de (\d+)\)$")


def net_quantity_from_title(title: str) -> tuple[Decimal, str] | None:
    if match := SIMPLE.search(title):
        return Decimal(match[1].replace(",", ".")), match[2].lower()
    if match := POTS.search(title):
        return Decimal(match[1]) * Decimal(match[2]), match[3]
    if match := BOX.search(title):
        return Decimal(match[1]), "piece"
    return None


def load_pricing_demo(*, staff_email: str | None = None) -> dict[str, int]:
    staff = get_user_model().objects.filter(email=staff_email).first() if staff_email else None
    producers = {p.slug: p for p in Partner.objects.all()}
    classes = {c.name: c for c in ProductClass.objects.all()}
    for slug, class_name, percent, note in COMMISSIONS:
        partner = producers.get(slug) if slug else None
        product_class = classes.get(class_name) if class_name else None
        if (slug and partner is None) or (class_name and product_class is None):
            continue
        existing = CommissionRate.objects.filter(
            partner=partner, product_class=product_class
        ).first()
        services.commission_rate_save(
            partner=partner,
            product_class=product_class,
            percent=Decimal(percent),
            by=staff,
            note=note,
            rate=existing,
        )
    for label, kind, amount, scope, target in FEES:
        fee = LogisticsFee.objects.filter(label=label).first() or LogisticsFee(label=label)
        fee.kind, fee.amount, fee.scope = kind, Decimal(amount), scope
        fee.partner = producers.get(target) if scope == "producer" and target else None
        services.logistics_fee_save(fee=fee, by=staff, note="Démo")
    products = {p.upc: p for p in Product.objects.filter(upc__startswith="PC-")}
    for category_name, items in PRODUCTS.items():
        if CATEGORIES[category_name].product_class not in FOOD_CLASSES:
            continue
        for item in items:
            found = net_quantity_from_title(item.title)
            product = products.get(product_code(item.title))
            if found and product is not None:
                services.net_quantity_set(product=product, quantity=found[0], unit=found[1])
    return {
        "commission rates": CommissionRate.objects.count(),
        "logistics fees": LogisticsFee.objects.count(),
        "net quantities": ProductNetQuantity.objects.count(),
    }
