"""Error pages in French, in the site's layout, with a way back; tested with DEBUG off."""

import pytest
from django.core.exceptions import BadRequest, PermissionDenied
from django.template.loader import render_to_string
from django.test import Client

from cms.views import RobotsView
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WAY_BACK = ('href="/"', 'href="/boutique/catalogue/"', "Retour à l’accueil", "Aller à la boutique")


@pytest.fixture(autouse=True)
def production(settings):
    settings.DEBUG = False


def _assert_site_page(response, status, *texts):
    html = response.content.decode()
    assert response.status_code == status
    assert '<html lang="fr"' in html
    assert '<main id="main"' in html
    assert 'href="#main"' in html
    for text in (*WAY_BACK, *texts):
        assert text in html, text
    return html


def _robots_raises(monkeypatch, exception):
    def boom(self, request, *args, **kwargs):
        raise exception

    monkeypatch.setattr(RobotsView, "get", boom)


def test_unknown_path_is_wagtails_404_in_french(client):
    html = _assert_site_page(client.get("/cette-page-n-existe-pas/"), 404, "Page introuvable")
    assert 'class="site-header"' in html  # the full layout: menu, basket, switcher
    assert "Page not found" not in html


def test_unknown_shop_path_is_the_same_404(client):
    _assert_site_page(client.get("/boutique/inconnue_999999/"), 404, "Page introuvable")


def test_403_offers_to_sign_in_when_anonymous(client, monkeypatch):
    _robots_raises(monkeypatch, PermissionDenied)
    html = _assert_site_page(client.get("/robots.txt"), 403, "Accès refusé")
    assert 'href="/comptes/login/?next=/robots.txt"' in html
    assert "Se connecter" in html


def test_403_for_a_signed_in_member_without_the_right(client):
    client.force_login(UserFactory())
    html = _assert_site_page(client.get("/boutique/dashboard/catalogue/"), 403, "Accès refusé")
    assert "/comptes/login/?next=" not in html


def test_400_in_french(monkeypatch):
    _robots_raises(monkeypatch, BadRequest)
    _assert_site_page(Client().get("/robots.txt"), 400, "Requête incomprise")


def test_500_in_french_in_a_minimal_layout(monkeypatch):
    _robots_raises(monkeypatch, RuntimeError("boom"))
    response = Client(raise_request_exception=False).get("/robots.txt")
    _assert_site_page(response, 500, "Une erreur s’est produite de notre côté")


def test_500_template_needs_no_request_nor_database(django_assert_num_queries):
    with django_assert_num_queries(0):
        html = render_to_string("500.html")
    assert '<main id="main"' in html
    assert 'href="/boutique/catalogue/"' in html


def test_csrf_failure_is_explained_in_the_site_layout():
    client = Client(enforce_csrf_checks=True)
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    _assert_site_page(response, 403, "Votre formulaire n’a pas pu être envoyé")
