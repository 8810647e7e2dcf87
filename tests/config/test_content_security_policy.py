"""Security headers: a strict Content-Security-Policy on public pages (no inline script
or style, no third-party source; Stripe.js on the card payment pages only), a relaxed
one on the three back offices, and the other headers.

The markup test renders each public page and fails on inline script or style in it:
such markup would be blocked by the browser (tests/e2e/test_csp.py loads the same pages
in Chromium and fails on any violation it reports)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from shop.payments.csp import allow_stripe_js, stripe_js_directives
from tests.checkout.helpers import add_to_basket, choose_payment, choose_pickup, walk_to_preview
from tests.factories import UserFactory, create_group_order, create_product, make_pickup_point
from tests.factories.groupbuy import TERMS_VERSION
from tests.helpers.csp import inline_markup, parse_csp
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db

STRICT = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
BACK_OFFICES = ["/cms-admin/", "/django-admin/", "/boutique/dashboard/"]


def policy(response) -> dict[str, list[str]]:
    assert "Content-Security-Policy" in response, response
    return parse_csp(response["Content-Security-Policy"])


def test_public_page_gets_the_strict_policy(client):
    csp = policy(client.get("/boutique/catalogue/"))
    for directive, sources in STRICT.items():
        assert csp[directive] == sources, directive
    # Websockets to the page's own host only (Channels: live progress, feed, presence).
    assert csp["connect-src"] == ["'self'", "ws://testserver"]
    assert "frame-src" not in csp  # frames fall back to default-src 'self'


def test_websockets_over_https_are_wss(client):
    csp = policy(client.get("/boutique/catalogue/", secure=True))
    assert csp["connect-src"] == ["'self'", "wss://testserver"]


def test_a_refused_host_gets_no_websocket_source(client):
    response = client.get("/boutique/catalogue/", HTTP_HOST="evil.example.org")
    assert response.status_code == 400
    assert policy(response)["connect-src"] == ["'self'"]


def test_map_tiles_are_allowed_from_the_configured_server(tmp_path):
    """MAP_TILE_URL's origin (a Leaflet {s} subdomain as a wildcard) joins img-src; read
    from the settings module itself, as production loads it."""
    import subprocess
    import sys

    code = (
        "from django.conf import settings; "
        "print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src'])"
    )
    env = {
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "MAP_TILE_URL": "https://{s}.tile.example.org/{z}/{x}/{y}.png",
        "PATH": "/usr/bin:/bin",
    }
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == "[\"'self'\", 'data:', 'https://*.tile.example.org']", (
        result.stderr
    )


@pytest.mark.parametrize("path", BACK_OFFICES)
def test_back_offices_get_the_relaxed_policy_without_third_parties(admin_client, path):
    response = admin_client.get(path)
    assert response.status_code == 200
    csp = policy(response)
    assert "'unsafe-inline'" in csp["script-src"]
    assert "'unsafe-inline'" in csp["style-src"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    sources = {source for values in csp.values() for source in values}
    hosts = {s for s in sources if "://" in s}
    assert hosts == {"ws://testserver"}, "a back office allows no third-party origin"


def test_public_pages_never_get_the_relaxed_policy(client):
    # A public path that merely starts like a back office is not one.
    csp = policy(client.get("/boutique/dashboardx/"))
    assert csp["script-src"] == ["'self'"]


def test_other_security_headers(client):
    response = client.get("/boutique/catalogue/")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    permissions = response["Permissions-Policy"]
    for feature in ("camera=()", "microphone=()", "geolocation=()"):
        assert feature in permissions


# --- Stripe.js: the card payment pages only -------------------------------------------


def test_stripe_directives_follow_stripe_js_url(settings):
    settings.STRIPE_JS_URL = "http://127.0.0.1:8420/js.stripe.com/v3/"
    directives = stripe_js_directives()
    for name in ("script-src", "frame-src", "connect-src"):
        assert "http://127.0.0.1:8420" in directives[name]
    assert "https://js.stripe.com" in directives["script-src"]
    assert "https://hooks.stripe.com" in directives["frame-src"]


@pytest.fixture
def fake_card_payments(settings, monkeypatch):
    from tests.fakes.stripe import FakeStripe

    settings.STRIPE_SECRET_KEY = "sk_test_123"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_123"
    settings.STRIPE_JS_URL = "https://js.stripe.com/v3/"
    return FakeStripe.services(monkeypatch)


def test_checkout_card_step_alone_allows_stripe_js(member_client, fake_card_payments):
    add_to_basket(member_client, create_product())
    choose_pickup(member_client, make_pickup_point())
    choose_payment(member_client, "card")
    card_step = member_client.get(reverse("checkout:payment-details"))
    assert card_step.status_code == 200
    csp = policy(card_step)
    assert csp["script-src"] == ["'self'", "https://js.stripe.com", "https://*.js.stripe.com"]
    assert "https://hooks.stripe.com" in csp["frame-src"]
    assert "https://api.stripe.com" in csp["connect-src"]
    assert csp["style-src"] == ["'self'"]
    for name in ("checkout:shipping-method", "checkout:payment-method", "checkout:preview"):
        other = policy(member_client.get(reverse(name)))
        assert other["script-src"] == ["'self'"], name
        assert "frame-src" not in other, name


def test_group_order_card_page_allows_stripe_js(stripe_on, client):
    from groupbuy.orders import services

    member = UserFactory()
    group_order = create_group_order(
        members=[member], offers=[{"product": create_product(title="Miel"), "case_size": 6}]
    )
    services.commitment_set(
        offer=group_order.offers.get(), member=member, quantity=2, terms_version=TERMS_VERSION
    )
    client.force_login(member)
    url = reverse(
        "groupbuy:group-order-card", kwargs={"slug": group_order.group.slug, "pk": group_order.pk}
    )
    response = client.get(url)
    assert response.status_code == 200
    script_src = policy(response)["script-src"]
    assert "https://js.stripe.com" in script_src
    assert "'unsafe-inline'" not in script_src
    assert policy(client.get(group_order.get_absolute_url()))["script-src"] == ["'self'"]


def test_allow_stripe_js_adds_to_the_policy_of_one_response():
    from django.http import HttpResponse

    response = allow_stripe_js(HttpResponse())
    assert response._csp_update == stripe_js_directives()


# --- Wagtail's admin reaches no third party ----------------------------------------------


def test_wagtail_admin_has_no_gravatar_nor_update_check(admin_client):
    from wagtail.users.utils import get_gravatar_url

    assert get_gravatar_url("someone@example.org") is None
    html = admin_client.get("/cms-admin/").content.decode()
    assert "gravatar" not in html
    assert "data-w-upgrade" not in html  # the "new Wagtail release" check
    assert "whats_new" not in html


# --- No inline script or style on public pages --------------------------------------------


@pytest.fixture
def shop_world(user):
    """A product in a category, a producer on the map, a pickup point, a group order the
    member coordinates (live progress), a post in the feed."""
    from community.feed import services as feed

    product = create_product(title="Miel de lavande", category_name="Épicerie")
    point = make_pickup_point()
    group_order = create_group_order(
        coordinator=user,
        offers=[{"product": product, "case_size": 6, "unit_price_incl_tax": Decimal("4.00")}],
    )
    post = feed.post_create(author=user, body="Qui vient au marché samedi ?")
    return {"product": product, "point": point, "group_order": group_order, "post": post}


def _public_pages(world) -> dict[str, str]:
    group_order = world["group_order"]
    group = group_order.group
    producer = world["product"].stockrecords.get().partner
    return {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "product": world["product"].get_absolute_url(),
        "producers (map)": reverse("impact:producer-list"),
        "producer": producer.get_absolute_url(),
        "method": reverse("impact:method"),
        "search": reverse("site-search") + "?q=miel",
        "groups": reverse("groupbuy:group-list"),
        "group": group.get_absolute_url(),
        "group order (live)": group_order.get_absolute_url(),
        "group order form": reverse("groupbuy:group-order-create", kwargs={"slug": group.slug}),
        "feed": reverse("community:index"),
        "post": reverse("community:post-detail", kwargs={"pk": world["post"].pk}),
        "needs": reverse("community:needs"),
        "account": reverse("customer:profile-view"),
        "profile form": reverse("customer:profile-update"),
        "address form": reverse("customer:address-create"),
        "wish list form": reverse("customer:wishlists-create"),
        "notifications": reverse("customer:notifications-inbox"),
        "not found": "/cette-page-n-existe-pas/",
    }


def _problems(name: str, response) -> list[str]:
    """What is wrong with one page: not rendered, not strict, or inline markup."""
    if response.status_code not in (200, 404):
        return [f"{name}: status {response.status_code}"]
    csp = policy(response)
    if csp["script-src"] != ["'self'"] or csp["style-src"] != ["'self'"]:
        return [f"{name}: not the strict policy: {csp}"]
    found = inline_markup(response.content.decode())
    return [f"{name}: {f}" for f in found]


def _assert_no_inline(name: str, response) -> None:
    problems = _problems(name, response)
    assert problems == [], "\n".join(problems)


def test_signed_in_public_pages_have_no_inline_script_or_style(member_client, shop_world):
    problems = [
        problem
        for name, url in _public_pages(shop_world).items()
        for problem in _problems(name, member_client.get(url))
    ]
    assert problems == [], "\n".join(problems)


def test_anonymous_pages_have_no_inline_script_or_style(client, shop_world):
    pages = {
        "home": "/",
        "catalogue": reverse("catalogue:index"),
        "sign in": reverse("account_login"),
        "sign up": reverse("account_signup"),
        "password reset": reverse("account_reset_password"),
    }
    for name, url in pages.items():
        _assert_no_inline(name, client.get(url))


def test_checkout_steps_have_no_inline_script_or_style(member_client, shop_world):
    preview = walk_to_preview(member_client, shop_world["product"], shop_world["point"])
    _assert_no_inline("review", preview)
    for name in ("basket:summary", "checkout:shipping-method", "checkout:payment-method"):
        _assert_no_inline(name, member_client.get(reverse(name)))
    place_order(member_client)
    _assert_no_inline("thank you", member_client.get(reverse("checkout:thank-you")))
    _assert_no_inline("orders", member_client.get(reverse("customer:order-list")))


def test_the_inline_finder_finds_what_a_browser_would_block():
    html = """<div style="color:red">x</div><button onclick="go()">b</button>
    <script>alert(1)</script><style>p{}</style><a href="javascript:void(0)">a</a>
    <script src="/static/x.js"></script><script type="application/json">{"a": 1}</script>"""
    kinds = [found.split(":")[0] for found in inline_markup(html)]
    assert kinds == [
        "style attribute",
        "event handler attribute onclick",
        "inline <script>",
        "<style> element",
        "javascript",
    ]


# Back-office templates (relaxed policy) and e-mails (no policy applies).
NOT_PUBLIC = (
    "oscar/dashboard/",
    "impact/dashboard/",
    "producer_orders/dashboard/",
    "payments/dashboard/",
    "impact/email/",
    "oscar/communication/emails/",
)


def test_public_templates_carry_no_inline_script_or_style():
    """Every template a public page may render, including those the page tests above do
    not reach (pickup lists, purchase orders...)."""
    root = settings.BASE_DIR / "templates"
    problems = []
    for path in sorted(root.rglob("*.html")):
        name = path.relative_to(root).as_posix()
        if name.startswith(NOT_PUBLIC):
            continue
        problems += [f"{name}: {found}" for found in inline_markup(path.read_text())]
    assert problems == [], "\n".join(problems)
