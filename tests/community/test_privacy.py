"""Members' data rights (RGPD), the services: export and erasure (community/privacy)."""

from __future__ import annotations

import csv
import io
import json

import pytest
import stripe
from allauth.account.models import EmailAddress
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import translation
from oscar.core.loading import get_model

from community.models import (
    ClaimOpinion,
    CollegeMembership,
    Comment,
    Need,
    NeedSupport,
    Post,
    PrivacyLogEntry,
    ProductFeedback,
    User,
)
from community.privacy import inventory, services
from groupbuy.models import Commitment, Membership, StripeCustomer
from tests.factories import UserFactory
from tests.factories.community import PASSWORD
from tests.helpers.orders import place_order

from .privacy_helpers import next_order_number, open_group_order, populate, read_zip

Order = get_model("order", "Order")
Basket = get_model("basket", "Basket")
UserAddress = get_model("address", "UserAddress")

pytestmark = pytest.mark.django_db


@pytest.fixture
def alice():
    return UserFactory(email="alice@example.org", first_name="Alice", last_name="Durand")


@pytest.fixture
def bob():
    return UserFactory(email="bob@example.org", first_name="Bob", last_name="Lemaire")


@pytest.fixture
def world(alice, bob):
    """Alice and Bob each hold every kind of data; Alice also answers Bob's post and
    supports his need, and Bob answers Alice's."""
    bob_rows = populate(bob, "BOBTAG")
    alice_rows = populate(alice, "ALICETAG", other=bob)
    Comment.objects.create(post=alice_rows["post"], author=bob, body="Réponse BOBTAG")
    NeedSupport.objects.create(need=alice_rows["need"], user=bob)
    return {"alice": alice_rows, "bob": bob_rows}


# --- export ----------------------------------------------------------------------------


def test_export_holds_every_kind_as_json_and_csv_and_nothing_of_another_member(alice, bob, world):
    export = services.member_data_export(member=alice, actor=alice)
    files = read_zip(export.file.read())

    kinds = [kind.name for kind in inventory.KINDS]
    assert set(files) == {"donnees.json", "LISEZMOI.txt", *(f"{name}.csv" for name in kinds)}
    document = json.loads(files["donnees.json"])
    assert document["member_number"] == alice.pk
    for name in kinds:
        assert document["data"][name], f"{name} is empty in the JSON file"
        rows = list(csv.DictReader(io.StringIO(files[f"{name}.csv"])))
        assert rows, f"{name}.csv has no row"
        assert len(rows) == len(document["data"][name])
    everything = "\n".join(files.values())
    assert "ALICETAG" in everything
    assert "BOBTAG" not in everything
    assert "bob@example.org" not in everything and "Lemaire" not in everything
    # The listed kinds of the issue, by what they hold.
    data = document["data"]
    assert data["profil"][0]["email"] == "alice@example.org"
    assert data["adresses"][0]["line1"] == "1 rue ALICETAG"
    assert data["commandes"][0]["number"] == world["alice"]["order"].number
    assert data["lignes_de_commande"][0]["quantity"] == 2
    assert data["engagements"][0] == data["engagements"][0] | {
        "group_order": "Campagne ALICETAG",
        "units": 2,
        "tolerance": 1,
    }
    assert data["publications"][0]["text"] == "Publication ALICETAG"
    assert {c["text"] for c in data["commentaires"]} == {
        "Commentaire ALICETAG",
        "Réponse ALICETAG",
    }
    assert data["avis_allegations"][0]["comment"] == "Avis ALICETAG"
    assert data["avis_candidatures"][0]["opinion"] == "Recommandation ALICETAG"
    assert data["retours"][0]["text"] == "Retour ALICETAG"
    assert data["besoins"][0]["title"] == "Besoin ALICETAG"
    assert len(data["soutiens_besoins"]) == 2  # her own need and Bob's
    assert data["colleges"][0] == data["colleges"][0] | {
        "college": "consumers",
        "motivation": "Motivation ALICETAG",
    }
    assert export.filename.startswith(f"panier-commun-donnees-{alice.pk}-")
    assert export.filename.endswith(".zip")


def test_export_is_logged_without_changing_anything(alice, world):
    services.member_data_export(member=alice, actor=alice)
    entry = PrivacyLogEntry.objects.get()
    assert (entry.action, entry.member, entry.actor, entry.by_staff) == (
        "export",
        alice,
        alice,
        False,
    )
    assert entry.details["commandes"] == 1
    assert User.objects.get(pk=alice.pk).email == "alice@example.org"


# --- erasure ---------------------------------------------------------------------------


def test_erasure_keeps_orders_for_accounting_with_billing_name_and_email(alice, world):
    order = world["alice"]["order"]
    services.member_erase(member=alice, actor=alice)

    order = Order.objects.select_related("billing_address").get(pk=order.pk)
    assert order.user is None
    assert order.email == "alice@example.org"
    assert order.guest_email == "alice@example.org"
    assert (order.billing_address.first_name, order.billing_address.last_name) == (
        "Alice",
        "Durand",
    )
    assert order.lines.count() == 1 and order.status == "paid"


def test_erasure_removes_personal_data_and_signs_out(alice, bob, world, client):
    client.force_login(alice)
    other_client_sessions = Session.objects.count()
    assert other_client_sessions >= 1
    Basket.objects.create(owner=alice)
    StripeCustomer.objects.create(user=alice, customer_id="cus_alice")
    token = default_token_generator.make_token(alice)

    result = services.member_erase(member=alice, actor=alice)

    alice.refresh_from_db()
    assert not result.already_erased
    assert alice.is_erased and not alice.is_active
    assert alice.email.endswith("@anonyme.invalid")
    assert (alice.first_name, alice.last_name, alice.display_name) == ("", "", "")
    assert not alice.has_usable_password()
    assert not EmailAddress.objects.filter(user=alice).exists()
    assert not EmailAddress.objects.filter(email__iexact="alice@example.org").exists()
    assert not UserAddress.objects.filter(user=alice).exists()
    assert not Basket.objects.filter(owner=alice).exists()
    assert not StripeCustomer.objects.filter(user=alice).exists()
    assert not CollegeMembership.objects.filter(user=alice).exists()
    assert not Membership.objects.filter(user=alice).exists()
    # Signed out everywhere, and a password reset link sent before no longer works.
    assert not any(
        s.get_decoded().get("_auth_user_id") == str(alice.pk) for s in Session.objects.all()
    )
    assert not default_token_generator.check_token(alice, token)
    # Bob's data is untouched.
    assert EmailAddress.objects.filter(user=bob).exists()
    assert UserAddress.objects.filter(user=bob).exists()
    assert Post.objects.filter(author=bob).exists()


def test_posts_comments_needs_stay_signed_former_member(alice, world):
    services.member_erase(member=alice, actor=alice)

    post = Post.objects.get(pk=world["alice"]["post"].pk)
    need = Need.objects.get(pk=world["alice"]["need"].pk)
    comment = Comment.objects.get(body="Commentaire ALICETAG")
    assert post.body == "Publication ALICETAG" and need.title == "Besoin ALICETAG"
    with translation.override("fr"):
        assert post.author.public_name == "Ancien membre"
        assert need.author.public_name == "Ancien membre"
        assert comment.author.public_name == "Ancien membre"
        assert comment.author.get_full_name() == "Ancien membre"
    # Reviews and opinions stay too; the past commitment stays with the group order.
    assert ProductFeedback.objects.filter(author=alice).exists()
    assert ClaimOpinion.objects.filter(member=alice).exists()
    assert Commitment.objects.filter(member=alice).exists()


def test_erased_member_can_no_longer_sign_in(alice, client):
    services.member_erase(member=alice, actor=alice)

    assert not client.login(email="alice@example.org", password=PASSWORD)
    response = client.post("/comptes/login/", {"login": "alice@example.org", "password": PASSWORD})
    assert response.status_code == 200  # the form again, with its error
    assert "_auth_user_id" not in client.session


def test_erasure_is_idempotent(alice, world):
    services.member_erase(member=alice, actor=alice)
    alice.refresh_from_db()
    state = (alice.email, alice.password, alice.erased_at)

    again = services.member_erase(member=alice, actor=alice)

    alice.refresh_from_db()
    assert again.already_erased
    assert (alice.email, alice.password, alice.erased_at) == state
    assert PrivacyLogEntry.objects.filter(action="erase").count() == 1
    assert Order.objects.filter(guest_email="alice@example.org").count() == 1


def test_erasure_log_entry_says_what_was_removed(alice, world):
    services.member_erase(member=alice, actor=alice)
    entry = PrivacyLogEntry.objects.get(action="erase")
    assert entry.member_number == alice.pk and entry.actor == alice and not entry.by_staff
    assert entry.details["orders_kept"] == 1
    assert entry.details["addresses"] == 1 and entry.details["email_addresses"] == 1
    assert "alice@example.org" not in json.dumps(entry.details) + entry.reason


def _unchanged(alice) -> None:
    alice.refresh_from_db()
    assert alice.email == "alice@example.org" and alice.is_active and not alice.is_erased
    assert EmailAddress.objects.filter(user=alice).exists()
    assert UserAddress.objects.filter(user=alice).exists()
    assert Order.objects.filter(user=alice).exists()
    assert not PrivacyLogEntry.objects.filter(action="erase").exists()


def test_erasure_refused_with_an_unpaid_order(alice, world):
    unpaid = place_order(number=next_order_number(), user=alice, status="pending_payment")
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.member_erase(member=alice, actor=alice)
    message = " ".join(refused.value.messages)
    assert "en attente de paiement" in message and unpaid.number in message
    _unchanged(alice)


def test_erasure_refused_with_an_open_group_order_commitment(alice, world):
    open_group_order(alice, title="Commande de décembre")
    with translation.override("fr"), pytest.raises(ValidationError) as refused:
        services.member_erase(member=alice, actor=alice)
    message = " ".join(refused.value.messages)
    assert "« Commande de décembre »" in message and "commandes groupées ouvertes" in message
    _unchanged(alice)


def test_erasure_refused_for_a_staff_account(alice, world):
    alice.is_staff = True
    alice.save()
    with pytest.raises(ValidationError):
        services.member_erase(member=alice, actor=alice)
    alice.is_staff = False
    _unchanged(alice)


@pytest.mark.django_db(transaction=True)
def test_erasure_deletes_the_stripe_customer(stripe_on, stripe_client):
    member = UserFactory()
    customer = stripe_client.v1.customers.create({"email": member.email})
    StripeCustomer.objects.create(user=member, customer_id=customer.id)

    services.member_erase(member=member, actor=member)

    assert _stripe_customer_gone(stripe_client, customer.id)


def _stripe_customer_gone(stripe_client, customer_id: str) -> bool:
    try:
        found = stripe_client.v1.customers.retrieve(customer_id)
    except stripe.InvalidRequestError:
        return True
    return bool(getattr(found, "deleted", False))
