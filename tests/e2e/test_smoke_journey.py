"""Smoke journey in French, in a real browser: home → shop → product → basket.

The live server runs in transactional tests, whose teardown empties the database:
`serialized_rollback=True` reloads what the migrations created (Wagtail's page tree and
our home page, cms 0002) before each test.
"""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from playwright.sync_api import Page, expect

from tests.factories import create_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRODUCT_TITLE = "Miel de lavande"
# 10.00 excl. tax + 5.5 % VAT, as French formats it: the space before € may be a
# no-break or narrow no-break space.
PRICE_TTC = re.compile(r"10,55\s*€")


@pytest.fixture
def home_page():
    """The Wagtail home page of the default site.

    `serialized_rollback` brings back the one migration cms 0002 created; should the
    test database have lost it (a database reused after a transactional test emptied it),
    the page is recreated the way that migration does it.
    """
    from wagtail.coreutils import get_supported_content_language_variant
    from wagtail.models import Locale, Page, Site

    from cms.models import HomePage

    site = Site.objects.filter(is_default_site=True).select_related("root_page").first()
    if site is not None and isinstance(site.root_page.specific, HomePage):
        return site.root_page.specific

    Locale.objects.get_or_create(
        language_code=get_supported_content_language_variant(settings.LANGUAGE_CODE)
    )
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root", slug="root"))
    home = root.add_child(
        instance=HomePage(
            title="Panier Commun",
            slug="accueil",
            hero_title="Le panier coopératif de l'économie sociale et solidaire",
        )
    )
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={
            "hostname": "localhost",
            "port": 80,
            "root_page": home,
            "site_name": "Panier Commun",
        },
    )
    return home


def _header(page: Page):
    return page.locator("header.site-header")


def test_french_journey_from_home_to_basket(page: Page, page_errors, home_page, screenshot_dir):
    create_product(
        title=PRODUCT_TITLE,
        price_excl_tax=Decimal("10.00"),
        vat_rate=Decimal("0.0550"),
        category_name="Épicerie",
    )

    # Home: Wagtail's page, in French.
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator(".hero h1")).to_have_text(home_page.hero_title or home_page.title)
    page.screenshot(path=screenshot_dir / "1-home.png", full_page=True)

    # Shop: the header's link leads to the catalogue, which lists the product.
    _header(page).get_by_role("link", name="Boutique", exact=True).click()
    expect(page).to_have_url(re.compile(r"/boutique/catalogue/$"))
    product_link = page.locator(".product-list").get_by_role("link", name=PRODUCT_TITLE)
    expect(product_link.first).to_be_visible()
    page.screenshot(path=screenshot_dir / "2-catalogue.png", full_page=True)

    # Product: the price shown is VAT-inclusive (TTC).
    product_link.first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT_TITLE)
    expect(page.locator(".product_main .price_color")).to_have_text(PRICE_TTC)
    page.screenshot(path=screenshot_dir / "3-product.png", full_page=True)

    # Anonymous visitors can fill a basket.
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    expect(page.locator(".alert-success").first).to_contain_text(PRODUCT_TITLE)

    page.goto("/boutique/basket/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    basket = page.locator("#content_inner")
    expect(basket.get_by_role("link", name=PRODUCT_TITLE).first).to_be_visible()
    expect(basket).to_contain_text(PRICE_TTC)
    page.screenshot(path=screenshot_dir / "4-basket.png", full_page=True)
    print(f"screenshots: {screenshot_dir}")

    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_language_switcher_shows_the_home_page_in_english(page: Page, page_errors, home_page):
    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")

    _header(page).get_by_role("button", name="EN", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(_header(page).get_by_role("link", name="Shop", exact=True)).to_be_visible()
    expect(_header(page).get_by_role("button", name="EN", exact=True)).to_have_attribute(
        "aria-current", "true"
    )

    # And back to French.
    _header(page).get_by_role("button", name="FR", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(_header(page).get_by_role("link", name="Boutique", exact=True)).to_be_visible()

    assert page_errors == [], f"JavaScript errors: {page_errors}"
