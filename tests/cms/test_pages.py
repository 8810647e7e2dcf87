"""Each page type renders, in French and in English; the home page hides empty sections."""

import pytest
from django.conf import settings

from cms.models import CriterionExplainerIndexPage, GuidePage, HomePage
from tests.factories import create_group_order, create_product

from .helpers import add_article, home_page, paragraph, product_embed

pytestmark = pytest.mark.django_db

LANGUAGES = ["fr", "en"]


def get(client, page, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(page.url)
    assert response.status_code == 200, page
    assert response.headers["Content-Language"] == language
    html = response.content.decode()
    assert f'<html lang="{language}"' in html
    return html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_renders_and_hides_empty_sections(client, language):
    html = get(client, home_page(), language)
    for section in (
        "featured-products",
        "featured-producers",
        "open-group-orders",
        "latest-education",
        "latest-posts",
    ):
        assert f'class="{section}' not in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_home_page_shows_its_sections_when_they_have_content(client, index, language):
    product = create_product(title="Miel de lavande")
    producer = product.stockrecords.get().partner
    home = home_page()
    home.featured = [
        {"type": "product", "value": product.pk},
        {"type": "producer", "value": producer.pk},
    ]
    home.save_revision().publish()
    add_article(index, slug="a1", title="Manger de saison")
    order = create_group_order(title="Commande d'automne")
    html = get(client, HomePage.objects.get(pk=home.pk), language)
    assert "Miel de lavande" in html
    assert producer.name in html
    assert "Commande d&#x27;automne" in html or "Commande d'automne" in html
    assert order.get_absolute_url() in html
    assert "Manger de saison" in html
    assert "impact-block" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_education_index_and_article_render(client, index, language):
    product = create_product(title="Lentilles vertes")
    article = add_article(
        index, body=[paragraph("<p>Un texte sur les lentilles.</p>"), product_embed(product)]
    )
    assert "Un article" in get(client, index, language)
    html = get(client, article, language)
    assert "Un texte sur les lentilles." in html
    assert "Lentilles vertes" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_guide_page_numbers_its_steps(client, index, language):
    guide = index.add_child(
        instance=GuidePage(
            title="Rejoindre un groupe",
            slug="guide",
            intro="En trois étapes.",
            steps=[
                {"type": "step", "value": {"title": f"Étape {n}", "text": f"<p>Texte {n}</p>"}}
                for n in (1, 2, 3)
            ],
        )
    )
    guide.save_revision().publish()
    html = get(client, guide, language)
    assert html.count('class="guide-step"') == 3
    assert 'id="etape-3"' in html
    assert "Étape 2" in html


@pytest.mark.parametrize("language", LANGUAGES)
def test_criterion_explainer_lists_active_criteria_with_anchors(client, index, language):
    from shop.impact.models import Criterion

    explainer = index.add_child(
        instance=CriterionExplainerIndexPage(title="Les critères", slug="criteres")
    )
    explainer.save_revision().publish()
    html = get(client, explainer, language)
    active = Criterion.objects.filter(is_active=True)
    assert active.exists()  # the charter is seeded by migrations
    for criterion in active:
        assert f'id="critere-{criterion.code}"' in html


def test_education_section_allows_articles_guides_and_one_explainer():
    from cms.models import EducationIndexPage

    allowed = {m.__name__ for m in EducationIndexPage.allowed_subpage_models()}
    assert allowed == {"ArticlePage", "GuidePage", "CriterionExplainerIndexPage"}


def test_admin_editors_render_with_the_choosers(client, index):
    from tests.factories import UserFactory

    admin = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(admin)
    create_product(title="Produit choisi")
    for model in ("articlepage", "guidepage"):
        assert client.get(f"/cms-admin/pages/add/cms/{model}/{index.pk}/").status_code == 200
    assert client.get(f"/cms-admin/pages/{home_page().pk}/edit/").status_code == 200
    html = client.get("/cms-admin/cms_product_chooser/?q=choisi").content.decode()
    assert "Produit choisi" in html

    from cms.models import ArticlePage

    for name, block in ArticlePage.body.field.stream_block.child_blocks.items():
        response = client.get("/cms-admin/block-preview/", {"id": block.definition_prefix})
        assert response.status_code == 200, name
        assert "panier.css" in response.content.decode(), name


def test_demo_education_content_is_substantive_and_renders(client):
    """load_demo: at least five articles of 600+ words with product embeds, the guide and
    the criteria explainer, all live and rendering (the embeds resolve demo UPCs)."""
    import re
    from io import StringIO

    from django.core.management import call_command

    from cms.models import ArticlePage

    call_command("load_demo", stdout=StringIO())
    articles = ArticlePage.objects.live()
    assert articles.count() >= 5
    for article in articles:
        words = re.sub(r"<[^>]+>", " ", article.body.render_as_block()).split()
        embeds = [b for b in article.body if b.block_type in ("product_embed", "comparison")]
        assert len(words) >= 500, article.slug  # rendered text, without titles and intro
        assert embeds, article.slug
        html = client.get(article.url).content.decode()
        assert "impact-block" in html and "product-embed-unavailable" not in html
    guide = GuidePage.objects.live().get(slug="rejoindre-un-groupement-d-achat")
    assert len(guide.steps) == 5
    assert client.get(guide.url).status_code == 200
    explainer = CriterionExplainerIndexPage.objects.live().get()
    assert client.get(explainer.url).status_code == 200
    assert client.get(home_page().url).status_code == 200
