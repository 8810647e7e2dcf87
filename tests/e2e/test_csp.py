"""The public pages work under the strict Content-Security-Policy, in Chromium: each page
is loaded (and its scripts run: the map draws, the live pages open their websocket, the
card step mounts Stripe's Payment Element) and the test fails on any violation the
browser reports or any JavaScript error."""

from __future__ import annotations

import re
from decimal import Decimal
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.csp import Violations
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_group_order, create_product, make_pickup_point

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def violations(page: Page, page_errors) -> Violations:
    return Violations(page, page_errors)


def test_public_pages_and_checkout_work_under_the_policy(page: Page, violations: Violations):
    product = create_product(title="Miel de lavande", category_name="Épicerie")
    create_product(title="Confiture de figues")  # a second producer on the map
    point = make_pickup_point()
    user = UserFactory(email="camille.csp@example.org")

    for url in ("/", "/boutique/catalogue/", "/boutique/producteurs/", "/comptes/login/"):
        violations.visit(url)
        violations.assert_none()
    # The map was drawn by Leaflet (inline styles set from script are allowed).
    violations.visit("/boutique/producteurs/")
    expect(page.locator("#producer-map .leaflet-marker-icon").first).to_be_visible()
    violations.assert_none()

    violations.visit(product.get_absolute_url())
    violations.assert_none()

    sign_in(page, user.email)
    violations.assert_none()
    violations.visit(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    violations.visit("/boutique/basket/")
    # Oscar's basket script is initialised (js/panier.js): the voucher form unfolds.
    page.get_by_role("link", name=re.compile("code de réduction|voucher code", re.I)).click()
    expect(page.locator("#voucher_form_container")).to_be_visible()
    violations.assert_none()

    page.locator("#content_inner a[href='/boutique/checkout/']").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/shipping-method/$"))
    page.wait_for_load_state()  # the page's scripts have run
    # js/checkout.js: choosing a slot selects its pickup point.
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    expect(page.locator(f'input[value="{point.shipping_code}"]')).to_be_checked()
    violations.assert_none()
    page.locator("#delivery_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/payment-method/$"))
    page.locator("label[for=payment_pickup]").click()
    page.locator("#payment_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/preview/$"))
    violations.assert_none()
    page.locator("input[name=accept_terms]").check()
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/thank-you/$"))
    violations.assert_none()


def test_live_pages_open_their_websocket_under_the_policy(page: Page, violations: Violations):
    coordinator = UserFactory(email="coordination.csp@example.org")
    group_order = create_group_order(
        coordinator=coordinator,
        offers=[
            {
                "product": create_product(title="Jus de pomme"),
                "case_size": 6,
                "unit_price_incl_tax": Decimal("3.50"),
            }
        ],
    )
    sockets: list[str] = []
    page.on("websocket", lambda socket: sockets.append(urlsplit(socket.url).path))

    sign_in(page, coordinator.email)
    violations.visit(group_order.get_absolute_url())
    # js/panier.js sets the case bar's width from its data attribute (no style="").
    expect(page.locator('[data-field="case-progress"]').first).to_have_attribute(
        "data-progress-percent", "0"
    )
    page.wait_for_timeout(500)
    assert any(path.startswith("/ws/") for path in sockets), sockets
    # data-confirm (js/panier.js) asks first: dismissed, nothing is sent.
    dialogs: list[str] = []

    def dismiss(dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", dismiss)
    page.get_by_role("button", name="Annuler la commande groupée").click()
    page.wait_for_timeout(300)
    assert len(dialogs) == 1, dialogs
    group_order.refresh_from_db()
    assert group_order.state == "open"
    violations.assert_none()

    sockets.clear()
    violations.visit("/communaute/")
    page.wait_for_timeout(500)
    assert any(path.startswith("/ws/") for path in sockets), sockets
    violations.assert_none()

    violations.visit(group_order.group.get_absolute_url())
    violations.assert_none()


def test_card_step_mounts_stripe_js_under_its_policy(
    page: Page, violations: Violations, stripe_on, settings
):
    """Stripe.js (here localstripe's copy, on another origin) loads and mounts the
    Payment Element on the card step: the step's policy allows it."""
    settings.STRIPE_JS_URL = f"{stripe_on}/js.stripe.com/v3/"
    product = create_product(title="Miel de lavande")
    make_pickup_point()
    user = UserFactory(email="carte.csp@example.org")

    sign_in(page, user.email)
    violations.visit(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    violations.assert_none()
    violations.visit("/boutique/checkout/shipping-method/")
    page.locator(".delivery-option select").first.select_option(index=1)
    page.locator("#delivery_continue").click()
    page.locator("label[for=payment_card]").click()
    page.locator("#payment_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/payment-details/$"))
    # js/card-payment.js found Stripe and mounted the element (localstripe's own inputs);
    # a blocked Stripe.js would show the "could not be loaded" message instead.
    expect(page.locator("#payment-element input[placeholder=number]")).to_be_visible()
    expect(page.locator("#card-errors")).to_be_hidden()
    violations.assert_none()
