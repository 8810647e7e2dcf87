"""SEO and sharing: sitemap.xml, robots.txt, meta descriptions, Open Graph, canonical."""

import re
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from oscar.core.loading import get_model
from PIL import Image
from wagtail.models import Page

from cms.models import ArticlePage, EducationIndexPage
from tests.factories import ProducerFactory, create_product

pytestmark = pytest.mark.django_db
ProductImage = get_model("catalogue", "ProductImage")


def png(name="image.png"):
    buffer = BytesIO()
    Image.new("RGB", (8, 8), "green").save(buffer, "PNG")
    return SimpleUploadedFile(name, buffer.getvalue(), content_type="image/png")


def meta(html: str, key: str) -> str:
    """The content of <meta property|name="key">, or "" when absent."""
    match = re.search(rf'<meta (?:property|name)="{re.escape(key)}" content="([^"]*)"', html)
    return match.group(1) if match else ""


def canonical(html: str) -> str:
    match = re.search(r'<link rel="canonical" href="([^"]*)"', html)
    return match.group(1) if match else ""


@pytest.fixture
def article():
    home = Page.objects.get(slug="accueil")
    index = home.add_child(instance=EducationIndexPage(title="Apprendre", slug="apprendre"))
    return index.add_child(
        instance=ArticlePage(
            title="Manger de saison",
            slug="manger-de-saison",
            intro="Pourquoi les fruits de saison coûtent moins cher à la planète.",
        )
    )


@pytest.fixture
def producer():
    producer = ProducerFactory(name="Ferme du Grand Pré", description="Fromages de chèvre.")
    producer.logo = png("logo.png")
    producer.save()
    return producer


@pytest.fixture
def product(producer):
    product = create_product(title="Tomme de chèvre", producer=producer)
    product.description = "<p>Une tomme affinée <strong>trois mois</strong> en cave.</p>"
    product.save()
    ProductImage.objects.create(product=product, original=png("tomme.png"), display_order=0)
    return product


def test_sitemap_lists_pages_products_and_producers(client, article, product, producer):
    hidden = create_product(title="Produit caché", producer=producer)
    hidden.is_public = False
    hidden.save()
    applicant = ProducerFactory(name="Candidat", charter_status="candidat")

    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    locations = re.findall(r"<loc>([^<]+)</loc>", xml)
    assert f"http://testserver{article.url}" in locations
    assert "http://testserver/" in locations  # the home page
    assert f"http://testserver{product.get_absolute_url()}" in locations
    assert f"http://testserver{producer.get_absolute_url()}" in locations
    assert f"http://testserver{hidden.get_absolute_url()}" not in locations
    assert f"http://testserver{applicant.get_absolute_url()}" not in locations
    assert all(location.startswith("http://testserver/") for location in locations)


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    text = response.content.decode()
    assert "User-agent: *" in text
    for path in (
        "/boutique/dashboard/",
        "/cms-admin/",
        "/django-admin/",
        "/comptes/",
        "/boutique/basket/",
        "/boutique/checkout/",
    ):
        assert f"Disallow: {path}\n" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_product_page_has_meta_description_open_graph_and_canonical(client, product):
    html = client.get(product.get_absolute_url()).content.decode()
    url = f"http://testserver{product.get_absolute_url()}"
    assert "<title>Tomme de chèvre | Panier Commun</title>" in html
    assert meta(html, "description") == "Une tomme affinée trois mois en cave."
    assert meta(html, "og:title") == "Tomme de chèvre"
    assert meta(html, "og:description") == "Une tomme affinée trois mois en cave."
    assert meta(html, "og:type") == "product"
    assert meta(html, "og:url") == url
    assert re.match(r"http://testserver/.+tomme.*\.png$", meta(html, "og:image"))
    assert canonical(html) == url


def test_product_without_image_has_no_og_image(client, producer):
    product = create_product(title="Confiture", producer=producer)
    html = client.get(product.get_absolute_url()).content.decode()
    assert meta(html, "og:image") == ""
    assert meta(html, "og:description")  # the site's description instead of nothing


def test_producer_page_has_meta_description_open_graph_and_canonical(client, producer):
    html = client.get(producer.get_absolute_url()).content.decode()
    url = f"http://testserver{producer.get_absolute_url()}"
    assert "<title>Ferme du Grand Pré | Panier Commun</title>" in html
    assert meta(html, "description") == "Fromages de chèvre."
    assert meta(html, "og:title") == "Ferme du Grand Pré"
    assert meta(html, "og:type") == "profile"
    assert meta(html, "og:url") == url
    assert re.match(r"http://testserver/.+logo.*\.png$", meta(html, "og:image"))
    assert canonical(html) == url


def test_article_has_meta_description_open_graph_and_canonical(client, article):
    html = client.get(article.url).content.decode()
    url = f"http://testserver{article.url}"
    intro = "Pourquoi les fruits de saison coûtent moins cher à la planète."
    assert "<title>Manger de saison | Panier Commun</title>" in html
    assert meta(html, "description") == intro
    assert meta(html, "og:title") == "Manger de saison"
    assert meta(html, "og:description") == intro
    assert meta(html, "og:type") == "article"
    assert meta(html, "og:url") == url
    assert canonical(html) == url


def test_search_description_wins_over_the_intro(client, article):
    article.search_description = "Le résumé choisi par l'équipe."
    article.seo_title = "Saisons et fruits"
    article.save_revision().publish()
    html = client.get(article.url).content.decode()
    assert meta(html, "og:description") == "Le résumé choisi par l&#x27;équipe."
    assert meta(html, "og:title") == "Saisons et fruits"


def test_other_pages_get_the_site_defaults_and_a_canonical_without_query(client):
    html = client.get(reverse("catalogue:index"), {"page": "1", "utm_source": "x"}).content.decode()
    assert meta(html, "og:title") == "Panier Commun"
    assert meta(html, "og:type") == "website"
    assert meta(html, "description")
    assert canonical(html) == "http://testserver" + reverse("catalogue:index")


def test_search_page_is_not_indexed(client):
    html = client.get(reverse("site-search"), {"q": "x"}).content.decode()
    assert meta(html, "robots") == "noindex, follow"
