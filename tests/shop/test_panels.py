"""Shop pages render without the apps built on the shop: community and cms add their
panels through the slots of shop/panels.py, and shop templates load none of their tags."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shop.panels import registry
from tests.factories import ClaimFactory, ProducerFactory, UserFactory, create_product

pytestmark = pytest.mark.django_db

ROOT = Path(settings.BASE_DIR)
#: Markers only the community's panels and menu entries print.
COMMUNITY_MARKERS = ("passport-opinion-link", "guarantee-reviews", "/communaute/")


@pytest.fixture
def no_panels():
    """The registry as if no app above the shop were installed."""
    saved = registry.snapshot()
    registry.clear()
    yield
    registry.restore(saved)


@pytest.fixture
def product():
    producer = ProducerFactory()
    product = create_product(producer=producer)
    ClaimFactory(producer=producer)  # a producer claim: its opinion link sits in the passport
    return product


def _page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("page", ["product", "producer"])
def test_shop_pages_render_without_any_panel(client, product, no_panels, page):
    subject = product if page == "product" else product.stockrecords.get().partner
    html = _page(client, subject.get_absolute_url())
    assert 'class="impact-block' in html  # the shop's own content is there
    for marker in COMMUNITY_MARKERS:
        assert marker not in html


@pytest.mark.parametrize("page", ["product", "producer"])
def test_the_community_fills_the_slots_of_shop_pages(client, product, page):
    producer = product.stockrecords.get().partner
    subject = product if page == "product" else producer
    claim = producer.claims.get()
    html = _page(client, subject.get_absolute_url())
    # Claim slot: the link sits on the claim's line, inside the shop's passport.
    line = html[html.index(f"#critere-{claim.criterion.code}") :]
    line = line[: line.index("</li>")]
    assert f'class="passport-opinion-link" href="/communaute/declarations/{claim.pk}/"' in line
    assert "passport-colleges-note" in html  # "impact_passport": the word on the colleges
    assert 'class="guarantee-reviews' in html
    assert 'href="/communaute/"' in html  # the menu entry, through "site_nav"


def test_a_claim_panel_context_is_built_once_per_page(client, product, no_panels):
    producer = product.stockrecords.get().partner
    ClaimFactory(producer=producer)  # two claims on the page
    calls = []

    def context(request, subject):
        calls.append(subject)
        return {"marker": "claim-hook"}

    registry.register(
        "impact_claim", name="test.hook", template="partials/pagination.html", context=context
    )
    _page(client, product.get_absolute_url())
    assert calls == [product]


def test_panels_render_without_running_the_context_processors_again(client, product):
    """Menu entries, reviews, the passport's links: each panel is rendered inside the
    page's context, so the member's unread notifications are counted once per page."""
    client.force_login(UserFactory())
    with CaptureQueriesContext(connection) as captured:
        html = _page(client, product.get_absolute_url())
    assert "passport-opinion-link" in html and "guarantee-reviews" in html
    counts = [q for q in captured.captured_queries if "communication_notification" in q["sql"]]
    assert len(counts) == 1


def test_a_panel_whose_context_is_none_is_left_out(client, product, no_panels):
    registry.register(
        "product_detail", name="test.hidden", template="nonexistent.html", context=lambda r, s: None
    )
    registry.register(
        "product_detail",
        name="test.shown",
        template="partials/pagination.html",
        context=lambda request, subject: {"marker": subject.pk},
    )
    assert [p.name for p in registry.panels("product_detail")] == ["test.hidden", "test.shown"]
    _page(client, product.get_absolute_url())  # the hidden panel's missing template is never read


# --- shop templates load no tags of community or cms -----------------------------------

#: Templates rendered by shop views: Oscar's overrides, the shop apps' own folders, and
#: the project-level layout they extend or include.
SHOP_TEMPLATE_DIRS = [
    ROOT / "templates" / name
    for name in ("oscar", "impact", "checkout", "payments", "producer_orders", "partials")
]
SHOP_TEMPLATE_FILES = [ROOT / "templates" / "base.html"]
LOAD = re.compile(r"{%\s*load\s+(.+?)\s*%}")


def _shop_templates() -> list[Path]:
    files = list(SHOP_TEMPLATE_FILES)
    for folder in [*SHOP_TEMPLATE_DIRS, *(ROOT / "shop").glob("**/templates")]:
        files += [p for p in folder.rglob("*") if p.suffix in (".html", ".txt", ".xml")]
    return files


def _libraries_of(app: str) -> set[str]:
    """Names of the tag libraries an app defines (modules of its templatetags packages)."""
    names = set()
    for module in (ROOT / app).glob("**/templatetags/*.py"):
        if module.stem == "__init__":
            continue
        tree = ast.parse(module.read_text())
        if any(
            isinstance(node, ast.Assign)
            and any(getattr(t, "id", "") == "register" for t in node.targets)
            for node in tree.body
        ):
            names.add(module.stem)
    return names


def _loaded_libraries(text: str) -> set[str]:
    names = set()
    for match in LOAD.finditer(text):
        words = match.group(1).split()
        # {% load a b %} loads a and b; {% load x y from lib %} loads from lib.
        names.update(words[words.index("from") + 1 :] if "from" in words else words)
    return names


def test_shop_templates_load_no_library_of_community_or_cms():
    forbidden = _libraries_of("community") | _libraries_of("cms")
    assert "community_feed" in forbidden  # the scan finds the libraries it guards against
    templates = _shop_templates()
    assert any(p.name == "detail.html" for p in templates)
    offenders = {
        str(path.relative_to(ROOT)): sorted(_loaded_libraries(path.read_text()) & forbidden)
        for path in templates
    }
    offenders = {path: names for path, names in offenders.items() if names}
    assert not offenders, f"shop templates load community or cms tags: {offenders}"


def test_the_load_scan_would_catch_a_forbidden_load():
    assert _loaded_libraries("{% load i18n community_feed %}") == {"i18n", "community_feed"}
    assert _loaded_libraries("{% load community_plain from community_feed %}") == {"community_feed"}
