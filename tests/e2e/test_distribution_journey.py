"""Shopping for a distribution in a real browser, in French: choose the distribution,
see only what it offers with the quantity left, buy, collect at its point in its pickup
window, download the order's invoice; the order records the distribution and its
quantity sold."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from shop.distributions.models import DistributionOffer, OrderDistribution
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_product, make_distribution, make_pickup_point
from tests.invoicing.helpers import pdf_text

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_choose_a_distribution_buy_for_it_and_download_the_invoice(
    page: Page, page_errors, tmp_path: Path
):
    honey = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    create_product(title="Jus de pomme")  # not offered in the distribution
    point = make_pickup_point()
    distribution = make_distribution(
        title="Distribution du vendredi", offers={honey: 5}, points=[point]
    )
    user = UserFactory(email="camille.distribution@example.org")
    sign_in(page, user.email)

    page.goto("/boutique/distributions/")
    expect(page.get_by_role("heading", name="Distribution du vendredi")).to_be_visible()
    page.get_by_role("button", name="Commander pour cette distribution").click()

    # The catalogue of the distribution, with its banner and the quantity left.
    expect(page).to_have_url(re.compile(r"/boutique/catalogue/$"))
    expect(page.locator(".distribution-banner")).to_contain_text("Distribution du vendredi")
    expect(page.locator(".product-list")).to_contain_text("Miel de lavande")
    expect(page.locator(".product-list")).not_to_contain_text("Jus de pomme")
    expect(page.locator(".product-list .distribution-left")).to_contain_text("5 restants")

    page.goto(honey.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    page.goto("/boutique/checkout/shipping-method/")

    # Only the distribution's point, its pickup window as the one slot.
    expect(page.locator(".delivery-option")).to_have_count(1)
    page.wait_for_load_state()
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    page.locator("#delivery_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/payment-method/$"))
    page.locator("label[for=payment_pickup]").click()
    page.locator("#payment_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/preview/$"))
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name="Commander avec obligation de paiement").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/thank-you/$"))
    number = page.locator(".order-number").inner_text().strip()

    # The invoice, from the order's page in "Mon compte".
    page.goto(f"/boutique/accounts/orders/{number}/")
    invoice = page.get_by_role("link", name=re.compile(r"Télécharger la facture PC-\d{4}-\d{6}"))
    with page.expect_download() as download_info:
        invoice.click()
    path = tmp_path / "facture.pdf"
    download_info.value.save_as(path)
    text = pdf_text(path.read_bytes())
    assert f"Commande {number}" in text and "Miel de lavande" in text

    link = OrderDistribution.objects.get()
    assert (link.distribution_id, link.pickup_point_id) == (distribution.pk, point.pk)
    assert DistributionOffer.objects.get().sold == 1
    assert page_errors == [], f"JavaScript errors: {page_errors}"
