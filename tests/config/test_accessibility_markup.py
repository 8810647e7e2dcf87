"""Accessibility of the markup itself (issue #11), through the test client: what axe-core
does not check or cannot see without a live update (tests/e2e/test_accessibility.py runs
axe on every page): the skip link's target on account and dashboard pages, the basket's
quantity label, and the live regions around what the scripts update."""

import re
from decimal import Decimal
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from django.urls import reverse
from oscar.core.loading import get_class, get_model

from tests.factories import (
    ProducerFactory,
    UserFactory,
    create_group_order,
    create_product,
    producer_user,
)

pytestmark = pytest.mark.django_db

JS = Path(settings.BASE_DIR) / "config" / "static" / "js"


def soup(client, url: str) -> BeautifulSoup:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return BeautifulSoup(response.content, "html.parser")


def assert_skip_link_reaches_main(page: BeautifulSoup) -> None:
    mains = page.find_all("main")
    assert len(mains) == 1, f"{len(mains)} <main> elements"
    assert mains[0].get("id") == "main"
    assert page.select_one("a.skip-link")["href"] == "#main"


@pytest.mark.parametrize(
    "url",
    [
        "/boutique/accounts/notifications/inbox/",
        "/boutique/accounts/profile/",
        "/boutique/accounts/orders/",
        "/boutique/accounts/addresses/",
        "/boutique/basket/",
        "/comptes/email/",
    ],
)
def test_account_pages_have_one_main_the_skip_link_reaches(client, url):
    client.force_login(UserFactory())
    page = soup(client, url)
    assert_skip_link_reaches_main(page)


@pytest.mark.parametrize(
    "url", ["/boutique/dashboard/", "/boutique/dashboard/impact/", "/boutique/dashboard/catalogue/"]
)
def test_producer_dashboard_pages_have_main_skip_link_and_well_formed_lists(client, url):
    producer = ProducerFactory()
    create_product(title="Miel de lavande", producer=producer)
    client.force_login(producer_user(producer))
    page = soup(client, url)
    assert_skip_link_reaches_main(page)
    for listing in page.select("ul, ol"):
        children = [child.name for child in listing.find_all(recursive=False)]
        assert set(children) <= {"li", "script", "template"}, listing.prettify()[:300]
    assert page.find("link", href=re.compile(r"css/panier\.css$")), "site colours not loaded"
    assert "{#" not in page.get_text() and "{%" not in page.get_text()


def test_basket_quantity_fields_have_a_label(client):
    user = UserFactory()
    product = create_product(title="Miel de lavande")
    basket = get_model("basket", "Basket").objects.create(owner=user)
    basket.strategy = get_class("partner.strategy", "Selector")().strategy()
    basket.add_product(product, quantity=2)
    client.force_login(user)

    page = soup(client, reverse("basket:summary"))
    field = page.select_one('input[name="form-0-quantity"]')
    label = page.find("label", attrs={"for": field["id"]})
    assert label is not None
    assert "Miel de lavande" in label.get_text()


def _fields_the_progress_script_updates() -> set[str]:
    script = (JS / "group-order-live.js").read_text()
    fields = set(re.findall(r'"([a-z-]+)"', re.search(r"\[(\"firm\"[^\]]*)\]", script)[1]))
    fields |= set(re.findall(r'setText\(card, "([a-z-]+)"', script))
    fields |= set(re.findall(r'\[data-field="([a-z-]+)"\]', script))
    return fields - {"case-progress"}  # the bar: a progressbar, not text to announce


def test_group_order_progress_updates_inside_a_polite_live_region(client):
    member = UserFactory()
    product = create_product(title="Jus de pomme bio")
    group_order = create_group_order(
        members=[member],
        offers=[{"product": product, "case_size": 6, "unit_price_incl_tax": Decimal("3.50")}],
    )
    offer = group_order.offers.get()
    client.force_login(member)

    page = soup(client, group_order.get_absolute_url())
    card = page.select_one(f"#offer-{offer.pk}")
    region = card.select_one('[aria-live="polite"]')
    assert region is not None and region.get("role") == "status"
    fields = _fields_the_progress_script_updates()
    assert {"firm", "tolerance", "cases", "price", "next-tier"} <= fields
    for field in fields:
        element = card.select_one(f'[data-field="{field}"]')
        assert element is not None, field
        assert region in element.parents, f"{field} is updated outside the live region"
    assert "Jus de pomme bio" in region.get_text()  # what the announcement is about


def test_new_feed_posts_land_in_a_polite_live_region(client):
    page = soup(client, reverse("community:index"))
    target = page.select_one("[data-feed-url]")  # where community-feed.js inserts posts
    assert target is not None
    assert target.get("aria-live") == "polite"
    assert target.get("role") == "log"
    script = (JS / "community-feed.js").read_text()
    assert 'document.querySelector("[data-feed-url]")' in script
    assert "el.insertBefore(" in script
