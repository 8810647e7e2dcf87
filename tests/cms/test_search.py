"""Site search (/recherche/): pages, products and producers with Wagtail's search backend.

Index entries are written by Wagtail's signal handlers in the test's own transaction,
so plain `django_db` tests see what they create. The same tests run on SQLite (FTS5)
and, with DATABASE_URL set, on PostgreSQL full-text search.
"""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from cms import search
from cms.models import ArticlePage, EducationIndexPage
from shop.search_text import fold, singular, term_variants, unaccent
from tests.factories import ProducerFactory, create_product

pytestmark = pytest.mark.django_db


@pytest.fixture
def education_index():
    home = Page.objects.get(slug="accueil")
    return home.add_child(instance=EducationIndexPage(title="Apprendre", slug="apprendre"))


def add_article(index, title, intro="", live=True):
    article = index.add_child(
        instance=ArticlePage(title=title, slug=title.lower().replace(" ", "-")[:50], intro=intro)
    )
    if not live:
        article.unpublish()
    return article


@pytest.fixture
def world(education_index):
    """One article, one product and one producer about apples and groceries."""
    producer = ProducerFactory(
        name="Vergers du Diois",
        description="Coopérative fruitière : pommes et poires de montagne.",
        city="Die",
    )
    product = create_product(title="Pommes Golden bio", producer=producer)
    product.description = "Pommes croquantes, cueillies à la main."
    product.save()
    article = add_article(
        education_index,
        "Pourquoi des pommes de saison",
        intro="Une épicerie coopérative explique ses choix de fruits.",
    )
    grocery = ProducerFactory(name="Épicerie Solidaire du Vercors", description="Vrac et local.")
    return {"producer": producer, "product": product, "article": article, "grocery": grocery}


def titles(results, attribute="title"):
    return {getattr(item, attribute) for item in results}


# --- folding (no database) -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Pommes", "pomme"),
        ("Épicerie", "epicerie"),
        ("Gâteaux", "gateau"),
        ("Locaux", "local"),
        ("l'épicerie d'Œufs", "epicerie oeuf"),
        ("bois", "boi"),
    ],
)
def test_fold_lowercases_unaccents_and_singularises(text, folded):
    assert fold(text) == folded


def test_term_variants_reach_unfolded_text():
    assert {"pomme", "pommes"} <= term_variants("pomme")
    assert {"épiceries", "épicerie", "epicerie"} <= term_variants("épiceries")
    assert {"gateau", "gateaux"} <= term_variants("Gâteau")
    assert singular("ss") == "ss" and unaccent("ça") == "ca"


def test_empty_query_finds_nothing(world):
    assert list(search.search_products("  ")) == []
    assert search.build_query("' - ,") is None


# --- the three kinds of results --------------------------------------------------------


def test_one_query_finds_a_product_a_producer_and_an_article(world):
    assert titles(search.search_products("pommes")) == {"Pommes Golden bio"}
    assert titles(search.search_producers("pommes"), "name") == {"Vergers du Diois"}
    assert titles(search.search_pages("pommes")) == {"Pourquoi des pommes de saison"}
    # The results are the specific page type, ready for the template.
    assert isinstance(search.search_pages("pommes")[0], ArticlePage)


@pytest.mark.parametrize("query", ["pomme", "POMMES", "Pommes", "pommé"])
def test_plurals_and_case_do_not_matter(world, query):
    assert titles(search.search_products(query)) == {"Pommes Golden bio"}
    assert titles(search.search_producers(query), "name") == {"Vergers du Diois"}
    assert titles(search.search_pages(query)) == {"Pourquoi des pommes de saison"}


@pytest.mark.parametrize("query", ["epicerie", "Épicerie", "EPICERIES", "épiceries"])
def test_accents_do_not_matter_for_products_and_producers(world, query):
    assert titles(search.search_producers(query), "name") == {"Épicerie Solidaire du Vercors"}


@pytest.mark.parametrize("query", ["Épicerie", "épiceries"])
def test_accented_queries_find_pages(world, query):
    assert titles(search.search_pages(query)) == {"Pourquoi des pommes de saison"}


def test_unaccented_query_finds_an_accented_page(world):
    # SQLite's FTS5 folds accents itself; on PostgreSQL the folded search_text field does.
    assert titles(search.search_pages("epicerie")) == {"Pourquoi des pommes de saison"}


def test_every_word_must_match(world):
    assert titles(search.search_products("pommes golden")) == {"Pommes Golden bio"}
    assert list(search.search_products("pommes poireaux")) == []


def test_the_index_follows_orm_changes(world):
    product = world["product"]
    product.title = "Poires Williams"
    product.description = ""
    product.save()
    assert list(search.search_products("pomme")) == []
    assert titles(search.search_products("poire")) == {"Poires Williams"}


# --- what visitors may not see ---------------------------------------------------------


def test_private_products_are_not_found(world):
    product = world["product"]
    product.is_public = False
    product.save()
    assert list(search.search_products("pommes")) == []


def test_products_follow_the_catalogue_rules(world):
    """Whatever the catalogue lists (shop.catalogue.selectors.browsable_products)."""
    from shop.catalogue.selectors import browsable_products

    assert titles(search.search_products("pommes")) == titles(
        browsable_products().filter(title__icontains="pommes")
    )


def test_child_variants_are_not_found_their_parent_is(world):
    parent = world["product"]
    parent.structure = "parent"
    parent.save()
    child = create_product(title="Pommes Golden bio, 5 kg")
    child.parent, child.structure, child.product_class = parent, "child", None
    child.save()
    assert titles(search.search_products("pommes")) == {"Pommes Golden bio"}


@pytest.mark.parametrize("status", ["candidat", "suspendu", "sorti"])
def test_producers_who_are_not_members_are_not_found(world, status):
    producer = world["producer"]
    producer.charter_status = status
    producer.save()
    assert list(search.search_producers("vergers")) == []


def test_draft_and_private_pages_are_not_found(world, education_index):
    add_article(education_index, "Compote de pommes maison", live=False)
    private = add_article(education_index, "Pommes pour les membres")
    restriction = PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Membres du CA"))
    assert titles(search.search_pages("pommes")) == {"Pourquoi des pommes de saison"}


# --- the page ------------------------------------------------------------------------


def test_search_page_shows_the_three_sections_with_the_impact_block(client, world):
    response = client.get(reverse("site-search"), {"q": "pommes"})
    assert response.status_code == 200
    html = response.content.decode()
    assert world["article"].url in html
    assert world["product"].get_absolute_url() in html
    assert world["producer"].get_absolute_url() in html
    assert html.count('class="impact-block') >= 2  # the product's and the producer's
    assert 'value="pommes"' in html  # the query stays in the box
    assert [section["count"] for section in response.context["sections"]] == [1, 1, 1]


def test_search_page_lists_many_results_with_a_link_to_each_section(client, world):
    producer = world["producer"]
    for number in range(10):
        create_product(title=f"Pommes variété {number}", producer=producer)
    html = client.get(reverse("site-search"), {"q": "pomme"}).content.decode()
    assert "section=produits" in html  # "see all 11 results in products"
    response = client.get(reverse("site-search"), {"q": "pomme", "section": "produits"})
    (products,) = response.context["sections"]
    assert products["count"] == 11 and len(products["items"]) == 11
    assert products["items"][0].impact is not None  # profiles attached in bulk


def test_search_page_without_query_or_results(client, world):
    response = client.get(reverse("site-search"))
    assert response.context["query"] == "" and response.context["sections"] == []
    assert 'class="empty-state"' in response.content.decode()
    response = client.get(reverse("site-search"), {"q": "xylophone"})
    assert response.context["total"] == 0
    html = response.content.decode()
    assert 'class="empty-state"' in html and "xylophone" in html


def test_search_page_costs_the_same_whatever_the_number_of_results(client, world):
    def queries() -> int:
        with CaptureQueriesContext(connection) as context:
            client.get(reverse("site-search"), {"q": "pommes"})
        return len(context.captured_queries)

    queries()  # warm the caches (thumbnails, sites, content types)
    few = queries()
    for number in range(6):
        producer = ProducerFactory(name=f"Pommes de la vallée {number}")
        create_product(title=f"Pommes variété {number}", producer=producer)
    queries()
    assert queries() == few <= 40


def test_header_has_a_search_box(client, world):
    html = client.get(world["product"].get_absolute_url()).content.decode()
    assert f'action="{reverse("site-search")}"' in html
    assert 'name="q"' in html


def test_oscar_search_redirects_to_the_site_search(client):
    response = client.get("/boutique/search/", {"q": "pommes"})
    assert response.status_code == 302
    assert response["Location"] == "/recherche/?q=pommes"


@pytest.mark.parametrize("query", ['"pommes" AND *', "pommes OR NEAR(", "l'épicerie d'été", "%_\\"])
def test_search_syntax_in_the_query_is_plain_text(client, world, query):
    response = client.get(reverse("site-search"), {"q": query})
    assert response.status_code == 200


def test_a_section_is_paginated(client, world):
    producer = world["producer"]
    for number in range(30):
        create_product(title=f"Pommes lot {number}", producer=producer)
    response = client.get(reverse("site-search"), {"q": "pommes", "section": "produits", "page": 2})
    (products,) = response.context["sections"]
    assert products["count"] == 31
    assert products["page_obj"].number == 2 and len(products["items"]) == 31 - 24
    assert "section=produits&amp;page=1" in response.content.decode()
