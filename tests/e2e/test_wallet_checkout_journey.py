"""Paying an order with the wallet in a real browser, in French: the payment step offers
the wallet for the whole total, no other method is needed, and the order page shows it."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from shop.wallet import selectors, services
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_product, make_pickup_point

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_an_order_paid_with_the_wallet(page: Page, page_errors):
    product = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    point = make_pickup_point()
    user = UserFactory(email="camille.porte-monnaie@example.org")
    services.wallet_top_up_cash(
        user=user, amount=Decimal("20.00"), by=UserFactory(is_staff=True), key="cash-e2e"
    )
    sign_in(page, user.email)

    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    page.goto("/boutique/checkout/shipping-method/")
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    page.locator("#delivery_continue").click()

    # The wallet is offered for the whole total (10.55 €): no other method is needed.
    expect(page).to_have_url(re.compile(r"/payment-method/$"))
    expect(page.get_by_label("Utiliser mon porte-monnaie")).to_be_checked()
    expect(page.get_by_label("Montant payé avec mon porte-monnaie (€)")).to_have_value("10.55")
    page.locator("#payment_continue").click()

    expect(page).to_have_url(re.compile(r"/preview/$"))
    expect(page.locator(".wallet-part")).to_contain_text("10,55")
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name="Commander avec obligation de paiement").click()

    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    expect(page.locator(".wallet-part")).to_contain_text("Payé avec votre porte-monnaie")
    number = page.locator(".order-number").inner_text().strip()
    assert selectors.balance_of(user) == Decimal("9.45")

    page.goto(f"/boutique/accounts/orders/{number}/")
    expect(page.locator(".order-payment-split")).to_contain_text("10,55")
    assert page_errors == []
