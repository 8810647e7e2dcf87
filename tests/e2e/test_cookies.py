"""Only strictly necessary cookies: a visitor browses the home page, the catalogue and a
product, adds it to the basket, signs in and orders with pay-at-pickup; every cookie any
response set is one of those the privacy page lists, and that page says so."""

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

#: The strictly necessary cookies, and nothing else (shop/legal/cookies.py):
#: the session (sign-in, checkout steps, messages), Django's CSRF protection, Oscar's
#: basket of a visitor not signed in, and the language chosen with the switcher.
ALLOWED = {"sessionid", "csrftoken", "oscar_open_basket", "django_language"}

PRODUCT_TITLE = "Lentilles vertes"


def cookie_names(set_cookie_header: str) -> set[str]:
    """Names in a Set-Cookie header (Playwright joins several with new lines)."""
    return {line.split("=", 1)[0].strip() for line in set_cookie_header.splitlines() if line}


def test_a_visitor_who_browses_and_orders_gets_only_necessary_cookies(
    page: Page, page_errors, screenshot_dir
):
    from cms.demo import load_legal_pages

    load_legal_pages()
    product = create_product(
        title=PRODUCT_TITLE, price_excl_tax=Decimal("4.00"), category_name="Épicerie"
    )
    point = make_pickup_point()
    user = UserFactory(email="cookies.visiteuse@example.org")
    set_by_responses: set[str] = set()

    def record(response) -> None:
        for header in response.headers_array():
            if header["name"].lower() == "set-cookie":
                set_by_responses.update(cookie_names(header["value"]))

    page.on("response", record)

    # Browsing, not signed in: home, catalogue, product, basket.
    page.goto("/")
    footer = page.get_by_role("navigation", name="Informations légales")
    for title in ("Mentions légales", "Conditions générales de vente"):
        expect(footer.get_by_role("link", name=title)).to_be_visible()
    page.goto("/boutique/catalogue/")
    expect(page.get_by_role("link", name=PRODUCT_TITLE).first).to_be_visible()
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    anonymous = {cookie["name"] for cookie in page.context.cookies()}
    assert "oscar_open_basket" in anonymous  # the visitor's basket, kept in a cookie

    # Signing in (the basket follows the member), then the checkout, paid at pickup.
    sign_in(page, user.email)
    page.goto("/boutique/basket/")
    expect(page.locator("#content_inner")).to_contain_text(PRODUCT_TITLE)
    page.locator("#content_inner a[href='/boutique/checkout/']").click()
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    page.locator("#delivery_continue").click()
    page.locator("label[for=payment_pickup]").click()
    page.locator("#payment_continue").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/preview/$"))
    terms_link = page.get_by_role("link", name=re.compile("lire les conditions générales"))
    expect(terms_link).to_have_attribute("href", "/conditions-generales-de-vente/")
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.locator("#place-order").click()
    expect(page).to_have_url(re.compile(r"/boutique/checkout/thank-you/$"))

    # The privacy page, reached from the footer, lists those cookies and says why.
    page.get_by_role("navigation", name="Informations légales").get_by_role(
        "link", name="Politique de confidentialité"
    ).click()
    expect(page).to_have_url(re.compile(r"/confidentialite/$"))
    expect(page.locator("#content_inner")).to_contain_text(
        "que des cookies strictement nécessaires"
    )
    listed = set(page.locator("table.cookie-table tbody th code").all_inner_texts())
    page.screenshot(path=screenshot_dir / "cookies-privacy.png", full_page=True)

    in_browser = {cookie["name"] for cookie in page.context.cookies()}
    assert {"sessionid", "csrftoken", "oscar_open_basket"} <= set_by_responses  # seen
    assert set_by_responses - ALLOWED == set(), f"unexpected cookies: {set_by_responses}"
    assert in_browser - ALLOWED == set(), f"unexpected cookies: {in_browser}"
    assert listed == ALLOWED
    assert page_errors == [], f"JavaScript errors: {page_errors}"
