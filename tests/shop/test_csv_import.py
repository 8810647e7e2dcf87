"""CSV import of a producer's products: all rows checked first, then all or nothing."""

from __future__ import annotations

import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from shop.impact import csv_import
from shop.impact.csv_import import product_csv_import
from tests.factories import ProducerFactory, ProductClassFactory, UserFactory, create_product

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")
Category = get_model("catalogue", "Category")
Selector = get_class("partner.strategy", "Selector")

pytestmark = pytest.mark.django_db

VALID_CSV = """reference,titre,description,categorie,classe,prix_ht,stock,upc
MIEL-250,Miel de lavande 250 g,Récolte d'été,Épicerie > Miel,,10.00,12,
MIEL-500,Miel de lavande 500 g,,Épicerie > Miel,Alimentaire,18.50,5,3760001234567
SAVON-1,Savon à l'huile d'olive,,Hygiène,Non alimentaire,5,0,
"""


@pytest.fixture
def producer():
    return ProducerFactory(name="Rucher des Baronnies")


@pytest.fixture
def user(producer):
    user = UserFactory()
    user.user_permissions.add(
        Permission.objects.get(codename="dashboard_access", content_type__app_label="partner")
    )
    producer.users.add(user)
    return user


@pytest.fixture(autouse=True)
def product_classes():
    ProductClassFactory(name="Alimentaire", vat_rate=Decimal("0.0550"))
    ProductClassFactory(name="Non alimentaire", vat_rate=Decimal("0.2000"))


def run(text: str, producer, user, *, encoding: str = "utf-8"):
    return product_csv_import(producer=producer, file=io.BytesIO(text.encode(encoding)), user=user)


def test_valid_file_creates_products_with_stock_at_the_producer(producer, user):
    result = run(VALID_CSV, producer, user)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (3, 0)
    record = StockRecord.objects.get(partner=producer, partner_sku="MIEL-250")
    assert (record.price, record.num_in_stock) == (Decimal("10.00"), 12)
    assert record.product.title == "Miel de lavande 250 g"
    assert record.product.description == "Récolte d'été"
    assert record.product.get_product_class().name == "Alimentaire"
    assert [c.full_name for c in record.product.categories.all()] == ["Épicerie > Miel"]
    assert Product.objects.get(upc="3760001234567").stockrecords.get().partner == producer
    assert Category.objects.filter(name="Miel").count() == 1


def test_imported_prices_are_shown_including_vat(producer, user):
    run(VALID_CSV, producer, user)
    strategy = Selector().strategy()
    honey = StockRecord.objects.get(partner_sku="MIEL-250").product
    soap = StockRecord.objects.get(partner_sku="SAVON-1").product
    assert strategy.fetch_for_product(honey).price.incl_tax == Decimal("10.55")
    assert strategy.fetch_for_product(soap).price.incl_tax == Decimal("6.00")


def test_reimport_updates_without_duplicates(producer, user):
    run(VALID_CSV, producer, user)
    changed = VALID_CSV.replace("10.00,12", "11.00,30").replace("Miel de lavande 250 g", "Miel 250")
    result = run(changed, producer, user)
    assert result.ok, result.errors
    assert (result.created, result.updated) == (0, 3)
    assert StockRecord.objects.filter(partner=producer).count() == 3
    assert Product.objects.count() == 3
    record = StockRecord.objects.get(partner=producer, partner_sku="MIEL-250")
    assert (record.price, record.num_in_stock, record.product.title) == (
        Decimal("11.00"),
        30,
        "Miel 250",
    )
    # An empty optional cell keeps the current value.
    assert record.product.description == "Récolte d'été"
    assert record.product.categories.count() == 1


def test_same_reference_at_another_producer_is_another_product(producer, user):
    other = ProducerFactory(name="Autre ferme")
    create_product(title="Autre miel", producer=other)
    StockRecord.objects.filter(partner=other).update(partner_sku="MIEL-250")
    result = run(VALID_CSV, producer, user)
    assert result.created == 3
    assert StockRecord.objects.get(partner=other).product.title == "Autre miel"


def test_one_bad_row_imports_nothing_and_names_rows_and_fields(producer, user):
    text = """reference;titre;prix_ht;stock
A1;Confiture d'abricot;4,20;10
A2;Confiture de figue;quatre;10
A3;Compote;3,10;5
A4;;3,50;-2
"""
    result = run(text, producer, user)
    assert not result.ok
    assert (result.created, result.updated) == (0, 0)
    assert not Product.objects.exists()
    assert len(result.errors) == 3
    line3, line5_title, line5_stock = result.errors
    assert "3" in line3 and "prix_ht" in line3 and "quatre" in line3
    assert "5" in line5_title and "titre" in line5_title
    assert "5" in line5_stock and "stock" in line5_stock


def test_error_message_format_in_french(producer, user):
    from django.utils import translation

    with translation.override("fr"):
        error = csv_import.row_error(3, "prix_ht", "x")
    assert error.startswith(("Ligne 3", "Line 3"))
    assert "prix_ht" in error


def test_semicolons_and_decimal_comma(producer, user):
    text = "reference;titre;prix_ht;stock;categorie\nC1;Huile d'olive 1 L;12,50;8;Épicerie\n"
    result = run(text, producer, user)
    assert result.ok, result.errors
    record = StockRecord.objects.get(partner_sku="C1")
    assert record.price == Decimal("12.50")
    assert record.product.categories.get().name == "Épicerie"


def test_byte_order_mark_and_accented_header_are_accepted(producer, user):
    text = "\ufeffRéférence;Titre;Prix_HT;Stock;Catégorie\nC1;Tomme;7,5;3;Fromages\n"
    assert run(text, producer, user).ok


@pytest.mark.parametrize(
    ("line", "field"),
    [
        ("B1,Titre,0,1,", "prix_ht"),
        ("B1,Titre,1.234,1,", "prix_ht"),
        ("B1,Titre,1,2.5,", "stock"),
        ("B1,Titre,1,1,Inconnue", "classe"),
        (",Titre,1,1,", "reference"),
    ],
)
def test_each_rule_is_checked(producer, user, line, field):
    result = run(f"reference,titre,prix_ht,stock,classe\n{line}\n", producer, user)
    assert len(result.errors) == 1
    assert "2" in result.errors[0] and field in result.errors[0]


def test_duplicate_reference_and_foreign_upc_are_errors(producer, user):
    create_product(title="Produit d'ailleurs")
    Product.objects.filter(title="Produit d'ailleurs").update(upc="999")
    text = "reference,titre,prix_ht,stock,upc\nD1,Un,1,1,\nD1,Deux,1,1,\nD2,Trois,1,1,999\n"
    result = run(text, producer, user)
    assert len(result.errors) == 2
    assert "3" in result.errors[0] and "reference" in result.errors[0]
    assert "4" in result.errors[1] and "upc" in result.errors[1]


def test_missing_columns_are_reported(producer, user):
    result = run("reference,titre\nX,Y\n", producer, user)
    assert len(result.errors) == 1
    assert "prix_ht" in result.errors[0] and "stock" in result.errors[0]


def test_file_over_2_mb_is_rejected(producer, user):
    text = "reference,titre,prix_ht,stock\n" + "R,T,1,1," + "x" * (2 * 1024 * 1024) + "\n"
    result = run(text, producer, user)
    assert len(result.errors) == 1 and "2 Mo" in result.errors[0]
    assert not Product.objects.exists()


def test_file_over_5000_rows_is_rejected(producer, user):
    rows = "".join(f"R{n},Titre {n},1,1\n" for n in range(5001))
    result = run("reference,titre,prix_ht,stock\n" + rows, producer, user)
    assert len(result.errors) == 1 and "5000" in result.errors[0].replace("\u202f", "")
    assert not Product.objects.exists()


def test_non_utf8_file_is_rejected(producer, user):
    result = run("reference,titre,prix_ht,stock\nR,Pâté,1,1\n", producer, user, encoding="latin-1")
    assert len(result.errors) == 1 and "UTF-8" in result.errors[0]


def test_only_the_producers_users_may_import(producer):
    with pytest.raises(PermissionDenied):
        run(VALID_CSV, producer, UserFactory())


# --- The upload page ------------------------------------------------------------------


def import_url(producer) -> str:
    return reverse("impact-dashboard:product-import", kwargs={"pk": producer.pk})


def test_upload_page_imports_end_to_end(client, producer, user):
    client.force_login(user)
    page = client.get(import_url(producer))
    assert page.status_code == 200
    assert 'enctype="multipart/form-data"' in page.content.decode()
    upload = SimpleUploadedFile("produits.csv", VALID_CSV.encode(), "text/csv")
    response = client.post(import_url(producer), {"file": upload}, follow=True)
    assert response.redirect_chain[-1][0] == import_url(producer)
    messages = [str(message) for message in response.context["messages"]]
    assert len(messages) == 1 and "3" in messages[0]
    assert StockRecord.objects.filter(partner=producer).count() == 3


def test_upload_page_lists_every_error(client, producer, user):
    client.force_login(user)
    text = "reference;titre;prix_ht;stock\nA;Un;1;1\nB;Deux;x;1\nC;Trois;1;1\nD;;1;1\n"
    upload = SimpleUploadedFile("produits.csv", text.encode(), "text/csv")
    response = client.post(import_url(producer), {"file": upload})
    assert response.status_code == 200
    assert len(response.context["errors"]) == 2
    page = response.content.decode()
    assert "prix_ht" in page and "titre" in page
    assert not Product.objects.exists()


def test_upload_page_of_another_producer_is_404(client, producer, user):
    other = ProducerFactory(name="Voisin")
    client.force_login(user)
    upload = SimpleUploadedFile("produits.csv", VALID_CSV.encode(), "text/csv")
    assert client.post(import_url(other), {"file": upload}).status_code == 404
    assert not Product.objects.exists()
