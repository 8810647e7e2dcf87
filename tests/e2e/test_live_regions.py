"""Live updates land in polite live regions (issue #11): the group order's progress and
new feed posts. The live server speaks no websocket, so Playwright stands in for the
server's socket and sends what the consumers send."""

import json
import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, WebSocketRoute, expect

from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_group_order, create_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def fake_socket(page: Page, path: str) -> list[WebSocketRoute]:
    """Answer the page's websocket on `path` ourselves; the list gets the open sockets."""
    sockets: list[WebSocketRoute] = []
    page.route_web_socket(re.compile(re.escape(path) + "$"), lambda ws: sockets.append(ws))
    return sockets


def wait_for_socket(page: Page, sockets: list[WebSocketRoute]) -> WebSocketRoute:
    for _ in range(50):
        if sockets:
            return sockets[0]
        page.wait_for_timeout(100)
    raise AssertionError("the page opened no websocket")


def test_group_order_progress_is_announced_politely(page: Page, page_errors):
    member = UserFactory()
    group_order = create_group_order(
        members=[member],
        offers=[
            {
                "product": create_product(title="Jus de pomme bio"),
                "case_size": 6,
                "unit_price_incl_tax": Decimal("3.50"),
            }
        ],
    )
    offer = group_order.offers.get()
    sign_in(page, member.email)
    sockets = fake_socket(page, f"/ws/groupes/commandes/{group_order.pk}/")
    page.goto(group_order.get_absolute_url())
    region = page.locator(f'#offer-{offer.pk} [aria-live="polite"]')
    expect(region).to_have_attribute("role", "status")
    expect(region.locator('[data-field="firm"]')).to_have_text("0")

    numbers = {"firm": 5, "tolerance": 1, "cases": 0, "missing-case": 1, "missing-minimum": 0}
    wait_for_socket(page, sockets).send(
        json.dumps(
            {
                "type": "progress",
                "group_order": group_order.pk,
                "offers": {str(offer.pk): {**numbers, "price": "3.50", "next-tier": None}},
            }
        )
    )
    expect(region.locator('[data-field="firm"]')).to_have_text("5")
    expect(region.locator('[data-field="missing-case"]')).to_have_text("1")
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_new_feed_post_is_announced_politely(page: Page, page_errors):
    from django.template.loader import render_to_string

    from community.feed import services as feed

    sockets = fake_socket(page, "/ws/communaute/fil/")
    page.goto("/communaute/")
    region = page.locator("#feed-live")
    expect(region).to_have_attribute("aria-live", "polite")
    socket = wait_for_socket(page, sockets)

    post = feed.post_create(author=UserFactory(), body="Les jus sont arrivés à l'épicerie.")
    html = render_to_string("community/_post_live.html", {"post": post})
    socket.send(json.dumps({"type": "post", "id": post.pk, "html": html}))
    expect(region.locator(f"#publication-{post.pk}")).to_contain_text("Les jus sont arrivés")
    assert page_errors == [], f"JavaScript errors: {page_errors}"
