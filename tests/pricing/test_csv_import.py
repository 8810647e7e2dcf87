"""Net quantities in the producers' CSV import (#13 point 7): two optional columns,
both or neither, checked with the rest of the file (one bad row imports nothing)."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.utils import translation

from shop.impact.csv_import import product_csv_import
from shop.pricing.models import ProductNetQuantity
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory

pytestmark = pytest.mark.django_db

HEADER = "reference;titre;prix_ht;stock;quantite_nette;unite\n"


@pytest.fixture
def producer():
    ProductClassFactory(name="Alimentaire", vat_rate=Decimal("0.0550"))
    return ProducerFactory(name="Rucher des Baronnies")


@pytest.fixture
def user(producer):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    producer.users.add(user)
    return user


def run(text: str, producer, user):
    with translation.override("fr"):
        return product_csv_import(producer=producer, file=io.BytesIO(text.encode()), user=user)


def net_of(sku: str) -> tuple[Decimal, str]:
    net = ProductNetQuantity.objects.get(product__stockrecords__partner_sku=sku)
    return net.quantity, net.unit


def test_net_quantities_are_imported_and_updated(producer, user):
    text = (
        HEADER
        + "MIEL;Miel 250 g;10,00;5;250;g\nJUS;Jus 75 cl;3,00;5;75;CL\nOEUFS;Œufs;2;5;6;pièce\n"
    )
    result = run(text, producer, user)
    assert result.ok, result.errors
    assert net_of("MIEL") == (Decimal("250.000"), "g")
    assert net_of("JUS") == (Decimal("75.000"), "cl")
    assert net_of("OEUFS") == (Decimal("6.000"), "piece")

    result = run(
        HEADER + "MIEL;Miel 500 g;18,00;5;0,5;kg\nJUS;Jus 75 cl;3,00;5;;\n", producer, user
    )
    assert result.ok and result.updated == 2, result.errors
    assert net_of("MIEL") == (Decimal("0.500"), "kg")
    assert net_of("JUS") == (Decimal("75.000"), "cl")  # empty cells keep the current one


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        ("250;", "la quantité nette et son unité"),
        (";g", "la quantité nette et son unité"),
        ("250;livres", "n'est pas une unité"),
        ("beaucoup;g", "n'est pas une quantité"),
        ("-1;g", "nombre positif"),
        ("0,0001;kg", "trois décimales"),
    ],
)
def test_bad_net_quantities_import_nothing(producer, user, cells, message):
    text = HEADER + "A;Farine;2;5;1;kg\nB;Sucre;2;5;" + cells + "\n"
    result = run(text, producer, user)
    assert not result.ok
    assert any("Ligne 3" in error and message in error for error in result.errors), result.errors
    assert not ProductNetQuantity.objects.exists()
