"""Screenshots of the pages a newcomer reads first (#11 point 12), at 1280 and 375 px
wide, on the demo data (`manage.py load_demo`: real images, claims in every state, a
group order with commitments): home, catalogue, a product page and a group order page
as a member sees it. CI keeps them as artefacts (E2E_SCREENSHOT_DIR, set by .ci/run).

At both widths no page scrolls sideways, and the passport's disclosures open with the
keyboard.
"""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Count, Q
from playwright.sync_api import Page, expect

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

WIDTHS = (1280, 375)
#: A full page screenshot of real content weighs far more than a blank one (~5 KB).
MIN_BYTES = 20_000


@pytest.fixture
def demo():
    """The demo data, and the pages to photograph: (name, url, member view)."""
    from community.demo import CONSUMER
    from groupbuy.demo import DEMO_GROUP_ORDER_TITLE
    from groupbuy.models import GroupOrder
    from shop.demo import Partner

    call_command("load_demo", stdout=StringIO())
    # The product page of the producer the community checked most: a full passport.
    producer = (
        Partner.objects.annotate(
            validated=Count("claims", filter=Q(claims__state="validated", claims__product=None))
        )
        .order_by("-validated", "name")
        .first()
    )
    product = producer.stockrecords.select_related("product").order_by("product__title")[0]
    group_order = GroupOrder.objects.get(title=DEMO_GROUP_ORDER_TITLE)
    pages = [
        ("home", "/", False),
        ("catalogue", "/boutique/catalogue/", False),
        ("product", product.product.get_absolute_url(), False),
        ("group-order", group_order.get_absolute_url(), True),
    ]
    return CONSUMER, pages


def sign_in_demo(page: Page, account) -> None:
    page.goto("/comptes/login/")
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(account.email)
    form.locator('input[name="password"]').fill(account.password)
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    # Signed in: the account link is there (folded in the menu on a phone).
    expect(page.locator("#account_link")).to_have_count(1)


def open_first_disclosure_with_the_keyboard(page: Page) -> None:
    """The passport's criteria are folded; Enter on a focused summary unfolds them."""
    details = page.locator("details.passport-dimension").first
    expect(details).not_to_have_attribute("open", "")
    details.locator("summary").focus()
    page.keyboard.press("Enter")
    expect(details).to_have_attribute("open", "")
    expect(details.locator(".passport-opinion-link").first).to_be_visible()


def photograph(page: Page, pages, account, screenshot_dir, width: int) -> None:
    for name, url, member_view in pages:
        if member_view and not page.locator("#account_link").count():
            sign_in_demo(page, account)
        response = page.goto(url)
        assert response is not None and response.status == 200, url
        expect(page.locator("html")).to_have_attribute("lang", "fr")
        if name == "product":
            expect(page.locator(".passport-summary meter").first).to_be_visible()
            open_first_disclosure_with_the_keyboard(page)
        if name == "home":
            expect(page.locator(".home-product-image img").first).to_be_visible()
        scroll_width = page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{name} scrolls sideways at {width} px: {scroll_width}"
        path = screenshot_dir / f"pages-{name}-{width}.png"
        page.screenshot(path=path, full_page=True)
        assert path.is_file() and path.stat().st_size > MIN_BYTES, path


def test_screenshots_of_the_main_pages(browser, live_server, screenshot_dir, demo):
    account, pages = demo  # loaded once for both widths: it takes a while
    errors: list[str] = []
    for width in WIDTHS:
        context = browser.new_context(
            base_url=live_server.url, locale="fr-FR", viewport={"width": width, "height": 900}
        )
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        try:
            photograph(page, pages, account, screenshot_dir, width)
        finally:
            context.close()
    assert errors == [], f"JavaScript errors: {errors}"
    written = sorted(path.name for path in screenshot_dir.glob("pages-*.png"))
    assert written == sorted(f"pages-{name}-{w}.png" for name, *_ in pages for w in WIDTHS)
    print(f"screenshots: {screenshot_dir}")
