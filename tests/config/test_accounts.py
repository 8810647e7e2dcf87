"""One sign-in (allauth): e-mail login, mandatory verification, Oscar's links lead to it."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core import mail

from tests.factories import UserFactory

PASSWORD = "un-mot-de-passe-solide-2026"


def _sign_up(client, email="nouveau@example.org"):
    return client.post(
        "/comptes/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.mark.django_db
def test_sign_up_sends_a_verification_email(client):
    response = _sign_up(client)
    assert response.status_code == 302
    assert response.url == "/comptes/confirm-email/"
    user = get_user_model().objects.get(email="nouveau@example.org")
    assert not EmailAddress.objects.get(user=user).verified
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nouveau@example.org"]
    assert "/comptes/confirm-email/" in mail.outbox[0].body


@pytest.mark.django_db
def test_login_is_refused_until_the_email_is_verified(client):
    _sign_up(client)
    client.logout()
    response = client.post(
        "/comptes/login/", {"login": "nouveau@example.org", "password": PASSWORD}
    )
    # allauth sends unverified users to the "verify your e-mail" page, not logged in.
    assert response.status_code == 302
    assert response.url == "/comptes/confirm-email/"
    assert "_auth_user_id" not in client.session

    confirm_url = re.search(r"https?://[^/]+(/comptes/confirm-email/\S+/)", mail.outbox[-1].body)
    client.post(confirm_url.group(1))
    assert EmailAddress.objects.get(email="nouveau@example.org").verified

    client.logout()
    response = client.post(
        "/comptes/login/", {"login": "nouveau@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_verified_member_can_log_in_and_see_oscar_account_pages(client):
    user = UserFactory()
    response = client.post(
        "/comptes/login/", {"login": user.email, "password": "motdepasse-solide-42"}
    )
    assert response.status_code == 302
    for path in ["/boutique/accounts/profile/", "/boutique/accounts/orders/"]:
        assert client.get(path).status_code == 200, path


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("oscar_path", "allauth_path"),
    [
        ("/boutique/accounts/login/", "/comptes/login/"),
        ("/boutique/accounts/register/", "/comptes/signup/"),
        ("/boutique/password-reset/", "/comptes/password/reset/"),
        ("/boutique/dashboard/login/", "/comptes/login/"),
    ],
)
def test_oscar_sign_in_pages_redirect_to_allauth(client, oscar_path, allauth_path):
    response = client.get(oscar_path + "?next=/boutique/basket/")
    assert response.status_code == 302
    assert response.url == allauth_path + "?next=/boutique/basket/"


@pytest.mark.django_db
def test_oscar_reversed_login_url_leads_to_allauth(client):
    from django.urls import reverse

    response = client.get(reverse("customer:login"))
    assert response.url == "/comptes/login/"


@pytest.mark.django_db
def test_allauth_pages_use_the_site_layout(client):
    html = client.get("/comptes/login/").content.decode()
    assert 'class="site-header"' in html
    assert 'action="/i18n/setlang/"' in html


@pytest.mark.django_db
def test_failed_logins_are_rate_limited(client):
    """allauth's limits are on: after 5 failures on one account even the right password waits."""
    user = UserFactory()
    for _ in range(5):
        client.post("/comptes/login/", {"login": user.email, "password": "mauvais"})
    response = client.post(
        "/comptes/login/", {"login": user.email, "password": "motdepasse-solide-42"}
    )
    assert "_auth_user_id" not in client.session
    assert "Trop de tentatives" in response.content.decode()
