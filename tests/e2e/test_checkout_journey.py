"""Checkout in a real browser, in French: sign in through allauth, fill the basket,
collect at a pickup point and pay there (after accepting the terms of sale), then find
the order in "Mon compte"."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_product, make_pickup_point

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRODUCT_TITLE = "Miel de lavande"


def test_checkout_paying_at_pickup_then_order_history(page: Page, page_errors, screenshot_dir):
    product = create_product(
        title=PRODUCT_TITLE, price_excl_tax=Decimal("10.00"), category_name="Épicerie"
    )
    point = make_pickup_point()
    user = UserFactory(email="camille.checkout@example.org")
    shots = iter(range(1, 100))

    def shot(name: str) -> None:
        path = screenshot_dir / f"checkout-{next(shots):02d}-{name}.png"
        page.screenshot(path=path, full_page=True)

    sign_in(page, user.email)

    # Basket.
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    page.goto("/boutique/basket/")
    shot("basket")
    page.locator("#content_inner a[href='/boutique/checkout/']").click()

    # Delivery: a pickup point and its first upcoming slot.
    expect(page).to_have_url(re.compile(r"/boutique/checkout/shipping-method/$"))
    expect(page.locator(".delivery-option")).to_contain_text(point.name)
    page.wait_for_load_state()  # js/checkout.js, which ticks the slot's point, has run
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    expect(page.locator(f'input[value="{point.shipping_code}"]')).to_be_checked()
    shot("delivery")
    page.locator("#delivery_continue").click()

    # Payment: pay at pickup (no address was asked for a pickup).
    expect(page).to_have_url(re.compile(r"/boutique/checkout/payment-method/$"))
    expect(page.locator("label[for=payment_pickup]")).to_have_text(
        re.compile("Paiement au retrait|Pay at pickup")
    )
    page.locator("label[for=payment_pickup]").click()
    shot("payment")
    page.locator("#payment_continue").click()

    # Review, then place the order.
    expect(page).to_have_url(re.compile(r"/boutique/checkout/preview/$"))
    expect(page.locator("#content_inner")).to_contain_text(point.name)
    expect(page.locator(".pickup-slot")).not_to_be_empty()
    expect(page.locator("#content_inner")).to_contain_text(PRODUCT_TITLE)
    shot("review")
    # Without the terms of sale accepted, the page comes back with a French error.
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/preview/$"))
    expect(page.locator("#id_accept_terms-error")).to_have_text(
        "Veuillez accepter les conditions générales de vente pour passer votre commande."
    )
    shot("terms-refused")
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name="Commander avec obligation de paiement").click()

    # Confirmation.
    expect(page).to_have_url(re.compile(r"/boutique/checkout/thank-you/$"))
    number = page.locator(".order-number").inner_text().strip()
    assert re.fullmatch(r"\d+", number)
    expect(page.locator("#content_inner")).to_contain_text(point.name)
    shot("thank-you")

    # "Mon compte" → order history shows the order.
    page.locator("#account_link").click()
    page.locator("a[href='/boutique/accounts/orders/']").first.click()
    expect(page).to_have_url(re.compile(r"/boutique/accounts/orders/$"))
    expect(page.get_by_role("link", name=number, exact=True)).to_be_visible()
    shot("order-history")
    print(f"screenshots: {screenshot_dir}")

    assert page_errors == [], f"JavaScript errors: {page_errors}"
