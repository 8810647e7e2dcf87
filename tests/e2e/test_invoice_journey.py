"""Buy in a real browser, then download the order's invoice from "Mon compte": the PDF
is the cooperative's invoice of that order."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_product, make_pickup_point
from tests.invoicing.helpers import pdf_text

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_buy_then_download_the_invoice(page: Page, page_errors, tmp_path: Path):
    product = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    point = make_pickup_point()
    user = UserFactory(email="camille.facture@example.org", first_name="Camille")
    sign_in(page, user.email)

    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    page.goto("/boutique/checkout/shipping-method/")
    page.wait_for_load_state()
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    page.locator("#delivery_continue").click()
    page.locator("label[for=payment_pickup]").click()
    page.locator("#payment_continue").click()
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name="Commander avec obligation de paiement").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/thank-you/$"))
    number = page.locator(".order-number").inner_text().strip()

    page.goto(f"/boutique/accounts/orders/{number}/")
    link = page.get_by_role("link", name=re.compile(r"Télécharger la facture PC-\d{4}-000001"))
    with page.expect_download() as download_info:
        link.click()
    path = tmp_path / "facture.pdf"
    download_info.value.save_as(path)

    text = pdf_text(path.read_bytes())
    assert re.search(r"Facture PC-\d{4}-000001", text)
    assert f"Commande {number}" in text
    assert "Miel de lavande" in text and "Camille" in text
    assert page_errors == [], f"JavaScript errors: {page_errors}"
