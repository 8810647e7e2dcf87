"""Members' data rights (RGPD), the pages: the member's own in their account, staff's in
the dashboard; confirmation, CSRF, POST only, permissions and the audit log."""

from __future__ import annotations

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import Client
from django.urls import reverse
from oscar.core.loading import get_model

from community.models import PrivacyLogEntry
from tests.factories import UserFactory
from tests.factories.community import PASSWORD
from tests.helpers.orders import place_order

from .privacy_helpers import next_order_number, open_group_order, populate, read_zip

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    alice = UserFactory(email="alice@example.org", first_name="Alice", last_name="Durand")
    populate(alice, "ALICETAG")
    return alice


@pytest.fixture
def bob():
    bob = UserFactory(email="bob@example.org", first_name="Bob", last_name="Lemaire")
    populate(bob, "BOBTAG")
    return bob


@pytest.fixture
def staff():
    return UserFactory(email="bureau@example.org", is_staff=True)


def _signed_in(user, *, csrf: bool = False) -> Client:
    client = Client(enforce_csrf_checks=csrf)
    client.force_login(user)
    return client


def _download(response) -> dict[str, str]:
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    return read_zip(b"".join(response.streaming_content))


def _still_there(user) -> bool:
    user.refresh_from_db()
    return not user.is_erased and user.is_active and EmailAddress.objects.filter(user=user).exists()


# --- the member's own pages ------------------------------------------------------------


def test_account_pages_link_to_download_and_erase(alice):
    client = _signed_in(alice)
    profile = client.get(reverse("customer:profile-view")).content.decode()
    assert reverse("privacy:index") in profile and "Télécharger mes données" in profile
    assert reverse("privacy:erase") in profile and "Supprimer mon compte" in profile
    page = client.get(reverse("privacy:index"))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Mes données personnelles" in text and 'aria-current="page"' in text
    assert "Ancien membre" in text  # what happens to posts, said before erasing


def test_oscar_profile_delete_leads_to_the_erasure(alice):
    response = _signed_in(alice).get("/boutique/accounts/profile/delete/")
    assert response.status_code == 302 and response["Location"] == reverse("privacy:erase")


def test_member_downloads_own_data_only(alice, bob):
    files = _download(_signed_in(alice).post(reverse("privacy:export")))
    everything = "\n".join(files.values())
    assert "ALICETAG" in everything and "BOBTAG" not in everything
    assert json.loads(files["donnees.json"])["member_number"] == alice.pk
    entry = PrivacyLogEntry.objects.get()
    assert (entry.action, entry.member, entry.actor, entry.by_staff) == (
        "export",
        alice,
        alice,
        False,
    )


def test_export_and_erasure_are_post_only_with_csrf(alice):
    client = _signed_in(alice, csrf=True)
    assert client.get(reverse("privacy:export")).status_code == 405
    assert client.post(reverse("privacy:export")).status_code == 403  # no CSRF token
    assert client.post(reverse("privacy:erase"), {"password": PASSWORD}).status_code == 403
    assert _still_there(alice)
    assert not PrivacyLogEntry.objects.exists()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for name in ("privacy:index", "privacy:erase"):
        response = client.get(reverse(name))
        assert response.status_code == 302 and "/comptes/login/" in response["Location"]
    assert client.post(reverse("privacy:export")).status_code == 302


def test_erasure_asks_for_the_password(alice):
    client = _signed_in(alice)
    page = client.get(reverse("privacy:erase"))
    assert page.status_code == 200 and 'name="password"' in page.content.decode()
    assert _still_there(alice)  # showing the page changes nothing

    wrong = client.post(reverse("privacy:erase"), {"password": "pas-le-bon"})
    assert wrong.status_code == 200
    assert "Ce mot de passe n’est pas le bon." in wrong.content.decode()
    empty = client.post(reverse("privacy:erase"), {"password": ""})
    assert "Saisissez votre mot de passe pour confirmer." in empty.content.decode()
    assert _still_there(alice)


def test_member_erases_own_account_and_is_signed_out(alice):
    client = _signed_in(alice)
    order = Order.objects.get(user=alice)

    response = client.post(reverse("privacy:erase"), {"password": PASSWORD}, follow=True)

    assert "Votre compte a été supprimé." in response.content.decode()
    assert not response.context["user"].is_authenticated
    alice.refresh_from_db()
    assert alice.is_erased
    order.refresh_from_db()
    assert order.user is None and order.guest_email == "alice@example.org"
    assert client.get(reverse("privacy:index")).status_code == 302  # signed out
    assert not client.login(email="alice@example.org", password=PASSWORD)


def test_member_sees_why_erasure_is_refused(alice):
    unpaid = place_order(number=next_order_number(), user=alice, status="pending_payment")
    open_group_order(alice, title="Commande de décembre")
    client = _signed_in(alice)

    page = client.get(reverse("privacy:erase")).content.decode()
    assert "en attente de paiement" in page and unpaid.number in page
    assert "« Commande de décembre »" in page
    assert 'name="password"' not in page  # no form to submit while it is refused

    response = client.post(reverse("privacy:erase"), {"password": PASSWORD}, follow=True)
    text = response.content.decode()
    assert "en attente de paiement" in text and "commandes groupées ouvertes" in text
    assert _still_there(alice)
    assert Order.objects.filter(user=alice).count() == 2


# --- staff pages -----------------------------------------------------------------------


def test_staff_find_a_member_and_see_their_data(staff, alice):
    client = _signed_in(staff)
    found = client.get(reverse("privacy-dashboard:index"), {"q": "alice@"})
    assert found.status_code == 200
    assert reverse("privacy-dashboard:member", kwargs={"pk": alice.pk}) in found.content.decode()
    page = client.get(reverse("privacy-dashboard:member", kwargs={"pk": alice.pk}))
    assert page.status_code == 200
    assert "alice@example.org" in page.content.decode()


def test_staff_export_on_request_is_logged(staff, alice, bob):
    client = _signed_in(staff)
    url = reverse("privacy-dashboard:export", kwargs={"pk": alice.pk})

    refused = client.post(url, {"export-reason": ""})
    assert refused.status_code == 200
    assert "Indiquez à quelle demande du membre cela répond." in refused.content.decode()
    assert not PrivacyLogEntry.objects.exists()

    files = _download(client.post(url, {"export-reason": "E-mail du 3 mars"}))
    assert "ALICETAG" in files["donnees.json"] and "BOBTAG" not in files["donnees.json"]
    entry = PrivacyLogEntry.objects.get()
    assert (entry.action, entry.member, entry.actor, entry.by_staff, entry.reason) == (
        "export",
        alice,
        staff,
        True,
        "E-mail du 3 mars",
    )
    assert entry.created_at is not None and entry.details["publications"] == 1
    log = client.get(reverse("privacy-dashboard:index")).content.decode()
    assert "E-mail du 3 mars" in log and "bureau@example.org" in log
    assert f"Membre n° {alice.pk}" in log


def test_staff_erasure_needs_the_members_email_and_is_logged(staff, alice):
    client = _signed_in(staff)
    url = reverse("privacy-dashboard:erase", kwargs={"pk": alice.pk})

    mismatch = client.post(
        url, {"erase-reason": "Courrier du 2 mars", "erase-confirm_email": "bob@example.org"}
    )
    assert mismatch.status_code == 200
    assert "Ce n’est pas l’adresse e-mail du compte de ce membre." in mismatch.content.decode()
    assert _still_there(alice)

    done = client.post(
        url,
        {"erase-reason": "Courrier du 2 mars", "erase-confirm_email": "ALICE@example.org"},
        follow=True,
    )
    assert "Le compte du membre a été supprimé." in done.content.decode()
    alice.refresh_from_db()
    assert alice.is_erased
    entry = PrivacyLogEntry.objects.get()
    assert (entry.action, entry.member, entry.actor, entry.by_staff, entry.reason) == (
        "erase",
        alice,
        staff,
        True,
        "Courrier du 2 mars",
    )
    assert "Courrier du 2 mars" in done.content.decode()  # the member's log on the page


def test_staff_erasure_refused_with_an_unpaid_order(staff, alice):
    place_order(number=next_order_number(), user=alice, status="pending_payment")
    response = _signed_in(staff).post(
        reverse("privacy-dashboard:erase", kwargs={"pk": alice.pk}),
        {"erase-reason": "Demande", "erase-confirm_email": "alice@example.org"},
        follow=True,
    )
    assert "en attente de paiement" in response.content.decode()
    assert _still_there(alice)
    assert not PrivacyLogEntry.objects.exists()


def test_staff_pages_are_staff_only_and_post_only(alice, bob):
    member = _signed_in(bob)
    pages = [
        reverse("privacy-dashboard:index"),
        reverse("privacy-dashboard:member", kwargs={"pk": alice.pk}),
    ]
    actions = [
        reverse("privacy-dashboard:export", kwargs={"pk": alice.pk}),
        reverse("privacy-dashboard:erase", kwargs={"pk": alice.pk}),
    ]
    for url in pages:
        assert member.get(url).status_code == 403
    for url in actions:
        response = member.post(
            url,
            {
                "export-reason": "x",
                "erase-reason": "x",
                "erase-confirm_email": "alice@example.org",
            },
        )
        assert response.status_code == 403
    assert _still_there(alice)
    assert not PrivacyLogEntry.objects.exists()
    anonymous = Client()
    assert anonymous.get(pages[0]).status_code == 302
    staff = _signed_in(UserFactory(is_staff=True))
    assert staff.get(actions[0]).status_code == 405
    assert staff.get(actions[1]).status_code == 405


def test_staff_csrf_is_enforced(staff, alice):
    response = _signed_in(staff, csrf=True).post(
        reverse("privacy-dashboard:erase", kwargs={"pk": alice.pk}),
        {"erase-reason": "x", "erase-confirm_email": "alice@example.org"},
    )
    assert response.status_code == 403
    assert _still_there(alice)


def test_dashboard_menu_has_the_personal_data_entry(staff):
    page = _signed_in(staff).get(reverse("dashboard:index")).content.decode()
    assert reverse("privacy-dashboard:index") in page
    assert "Données personnelles" in page
