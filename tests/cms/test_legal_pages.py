"""The legal pages: legal notice, terms of sale (CGV) and privacy policy, created by the
demo with French content, editable by staff in Wagtail, linked from every page's footer;
the terms of sale in force reach the shop through `shop.legal.terms`."""

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from cms.demo import load_legal_pages
from cms.models import HomePage, LegalPage
from shop.legal.terms import current_terms
from tests.factories import UserFactory
from tests.helpers.legal import publish_legal_page

pytestmark = pytest.mark.django_db

URLS = {
    "legal_notice": "/mentions-legales/",
    "terms_of_sale": "/conditions-generales-de-vente/",
    "privacy": "/confidentialite/",
}
#: The cookies the site may set: all strictly necessary (see tests/e2e/test_cookies.py).
NECESSARY_COOKIES = ("sessionid", "csrftoken", "oscar_open_basket", "django_language")


@pytest.fixture
def legal_pages():
    return {page.kind: page for page in load_legal_pages()}


def text(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return re.sub(r"\s+", " ", response.content.decode())


def test_the_demo_creates_three_live_pages_at_stable_french_urls(legal_pages):
    assert {kind: page.url for kind, page in legal_pages.items()} == URLS
    assert all(page.live and page.version == "2026-12" for page in legal_pages.values())


def test_loading_again_keeps_what_staff_edited(legal_pages):
    terms = legal_pages["terms_of_sale"]
    terms.title = "CGV de la coopérative"
    terms.version = "2027-01"
    terms.save_revision().publish()
    again = {page.kind: page for page in load_legal_pages()}
    assert LegalPage.objects.count() == 3
    assert again["terms_of_sale"].pk == terms.pk
    assert LegalPage.objects.get(pk=terms.pk).version == "2027-01"


def test_terms_of_sale_cover_what_french_law_asks(client, legal_pages):
    page = text(client, URLS["terms_of_sale"])
    for required in (
        "Version 2026-12",
        "L221-18",  # 14-day right of withdrawal...
        "14 jours",
        "L221-28",  # ...and its exception for perishable food
        "se périmer rapidement",
        "formulaire de rétractation",
        "Points de retrait",
        "Livraison à domicile",
        "Carte bancaire",
        "Paiement au retrait",
        "Virement bancaire",
        "Réclamations",
        "L612-1",  # the consumer mediator
        "médiateur de la consommation",
        "garantie légale de conformité",
        "commande avec obligation de paiement",
    ):
        assert required in page, required
    assert "[À COMPLÉTER : nom du médiateur" in page  # placeholders staff must fill in


def test_legal_notice_names_publisher_director_and_host_as_placeholders(client, legal_pages):
    page = text(client, URLS["legal_notice"])
    for section in ("Éditeur du site", "Direction de la publication", "Hébergement"):
        assert section in page
    assert page.count("[À COMPLÉTER") >= 5
    assert "À compléter par l&#x27;équipe avant la mise en ligne" in page


def test_privacy_policy_says_what_why_how_long_and_who_to_ask(client, legal_pages):
    page = text(client, URLS["privacy"])
    for required in (
        "Ce que nous conservons, et pourquoi",
        "exécution du contrat",
        "obligation légale",
        "10 ans",
        "L123-22",
        "Vos droits",
        "télécharger vos données",
        "supprimer votre compte",
        # What community/privacy does on erasure, said as it is.
        "« Ancien membre »",
        "ZIP",
        "CNIL",
        "que des cookies strictement nécessaires",
    ):
        assert required in page, required
    # The cookie table lists each cookie the site may set.
    table = page[page.index('class="table table-sm cookie-table"') :]
    for name in NECESSARY_COOKIES:
        assert f"<code>{name}</code>" in table, name


def test_the_cookie_table_follows_the_settings(client, legal_pages, settings):
    settings.SESSION_COOKIE_NAME = "panier_session"
    assert "<code>panier_session</code>" in text(client, URLS["privacy"])


@pytest.mark.parametrize("url", ["/", "/boutique/catalogue/", "/groupes/"])
def test_every_page_footer_links_to_the_three_pages(client, legal_pages, url):
    html = text(client, url)
    footer = html[html.index('<footer class="site-footer">') :]
    assert 'aria-label="Informations légales"' in footer
    for kind, path in URLS.items():
        assert f'<a href="{path}">{legal_pages[kind].title}</a>' in footer


def test_the_footer_follows_publication(client, legal_pages):
    legal_pages["privacy"].unpublish()
    footer = text(client, "/")
    assert 'href="/confidentialite/"' not in footer
    assert 'href="/mentions-legales/"' in footer


def test_staff_edit_a_legal_page_in_wagtail_and_the_shop_follows(client, legal_pages):
    terms = legal_pages["terms_of_sale"]
    assert current_terms().version == "2026-12"
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = f"/cms-admin/pages/{terms.pk}/edit/"
    assert client.get(url).status_code == 200
    data = nested_form_data(
        {
            "title": "Conditions générales de vente",
            "slug": "conditions-generales-de-vente",
            "kind": "terms_of_sale",
            "version": "2027-04",
            "intro": "Nouvelle version.",
            "body": streamfield([("paragraph", rich_text("<p>Article unique.</p>"))]),
            "comments": {"TOTAL_FORMS": 0, "INITIAL_FORMS": 0, "MIN_NUM_FORMS": 0},
            "action-publish": "action-publish",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    page = LegalPage.objects.get(pk=terms.pk)
    assert (page.version, page.live) == ("2027-04", True)
    assert current_terms().version == "2027-04"  # the cache followed the publication
    assert "Article unique." in text(client, URLS["terms_of_sale"])


def test_staff_can_add_a_legal_page_under_the_home_page(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    home = HomePage.objects.get(slug="accueil")
    assert LegalPage in home.specific_class.allowed_subpage_models()
    assert client.get(f"/cms-admin/pages/add/cms/legalpage/{home.pk}/").status_code == 200


def test_one_page_of_each_kind(legal_pages):
    duplicate = LegalPage(
        title="Autres CGV", slug="autres-cgv", kind="terms_of_sale", version="x", body=[]
    )
    with pytest.raises(ValidationError) as error:
        duplicate.clean()
    assert "kind" in error.value.message_dict


def test_terms_in_force_come_from_the_published_page(settings):
    settings.TERMS_OF_SALE_FALLBACK_VERSION = "aucune-page"
    assert (current_terms().version, current_terms().url) == ("aucune-page", "")
    page = publish_legal_page(version="2026-12")
    assert (current_terms().version, current_terms().url) == ("2026-12", page.url)
    page.unpublish()
    assert current_terms().version == "aucune-page"


def test_the_legal_pages_have_a_french_version_line(client, legal_pages):
    assert "Version 2026-12, publiée le" in text(client, URLS["privacy"])
