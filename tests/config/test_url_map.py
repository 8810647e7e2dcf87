"""Every URL of the map answers for an anonymous and a logged-in member."""

import pytest

# path -> (status for anonymous, status for a logged-in member)
URL_MAP = {
    "/": (200, 200),
    "/boutique/": (302, 302),
    "/boutique/catalogue/": (200, 200),
    "/boutique/basket/": (200, 200),
    "/boutique/accounts/": (302, 302),
    "/boutique/accounts/orders/": (302, 200),
    "/boutique/accounts/addresses/": (302, 200),
    "/comptes/login/": (200, 302),
    "/comptes/signup/": (200, 302),
    "/comptes/password/reset/": (200, 200),
    "/groupes/": (200, 200),
    "/communaute/": (200, 200),
    "/boutique/dashboard/": (302, 403),
    "/cms-admin/": (302, 302),
    "/django-admin/": (302, 302),
}


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "expected"), URL_MAP.items())
def test_url_answers_for_anonymous(client, path, expected):
    assert client.get(path).status_code == expected[0]


@pytest.mark.django_db
@pytest.mark.parametrize(("path", "expected"), URL_MAP.items())
def test_url_answers_for_member(member_client, path, expected):
    assert member_client.get(path).status_code == expected[1]


@pytest.mark.django_db
def test_back_offices_answer_for_staff(client, user):
    user.is_staff = user.is_superuser = True
    user.save()
    client.force_login(user)
    for path in ["/boutique/dashboard/", "/cms-admin/", "/django-admin/"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    ["/boutique/dashboard/", "/cms-admin/", "/boutique/accounts/"],
)
def test_protected_pages_send_anonymous_users_to_allauth(client, path):
    response = client.get(path, follow=True)
    assert response.redirect_chain[-1][0].startswith("/comptes/login/")


@pytest.mark.django_db
def test_unknown_path_is_a_404_from_wagtail_catch_all(client):
    assert client.get("/nulle-part/").status_code == 404


@pytest.mark.django_db
def test_home_page_is_wagtail_and_french(client):
    response = client.get("/")
    html = response.content.decode()
    assert response.templates[0].name == "cms/home_page.html"
    assert '<html lang="fr"' in html
    assert "Boutique" in html


@pytest.mark.django_db
def test_french_is_shown_even_to_an_english_browser(client):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="fr"' in html


@pytest.mark.django_db
def test_language_switcher_changes_the_language(client):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/groupes/"})
    assert response.status_code == 302
    html = client.get("/groupes/").content.decode()
    assert '<html lang="en"' in html
    assert "Buying groups" in html
    client.post("/i18n/setlang/", {"language": "fr", "next": "/groupes/"})
    assert '<html lang="fr"' in client.get("/groupes/").content.decode()
