"""Cash top-ups at a pickup point (/cooperative/encaissement/): a coordinator of the
point, or staff, credits a member found by e-mail or member number; the form's nonce
makes a double submit credit once; the transfer says who recorded it; others are
refused."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from community.cooperative import services as cooperative
from community.cooperative.models import College, PaymentMethod
from groupbuy.models import BuyingGroup, Membership
from shop.wallet import selectors
from shop.wallet.models import Transfer, TransferKind
from tests.factories import UserFactory, make_pickup_point

pytestmark = pytest.mark.django_db

CASHING = "/cooperative/encaissement/"
TOP_UP = "/cooperative/encaissement/porte-monnaie/"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def point():
    return make_pickup_point(name="Maison des associations")


def coordinator_of(point, *, role=Membership.Role.COORDINATOR):
    user = UserFactory()
    group = BuyingGroup.objects.create(name=f"Groupe {user.pk}", slug=f"groupe-{user.pk}")
    group.pickup_points.add(point)
    Membership.objects.create(group=group, user=user, role=role)
    return user


def nonce_of(page: str) -> str:
    return re.search(r'name="nonce" value="([0-9a-f]{32})"', page).group(1)


def test_a_coordinator_credits_a_member_once_even_when_the_form_is_sent_twice(client, point):
    coordinator = coordinator_of(point)
    member = UserFactory(email="camille@example.org")
    client.force_login(coordinator)
    page = client.get(CASHING).content.decode()
    assert "Recharger le porte-monnaie d’un membre" in page
    data = {
        "member": "Camille@Example.org",
        "amount": "30.00",
        "pickup_point": point.pk,
        "note": "espèces",
        "nonce": nonce_of(page),
    }
    response = client.post(TOP_UP, data, follow=True)
    assert response.redirect_chain[-1][0] == CASHING
    assert "30,00 € ajoutés au porte-monnaie de" in response.content.decode()
    client.post(TOP_UP, data)  # the same form again (double click, back button)

    assert selectors.balance_of(member) == Decimal("30.00")
    transfer = Transfer.objects.get()
    assert transfer.kind == TransferKind.TOP_UP_CASH
    assert (transfer.created_by, transfer.reference, transfer.note) == (
        coordinator,
        "Maison des associations",
        "espèces",
    )
    # A new form is a new top-up.
    data["nonce"] = nonce_of(client.get(CASHING).content.decode())
    client.post(TOP_UP, data)
    assert selectors.balance_of(member) == Decimal("60.00")


def test_a_member_is_found_by_member_number(client, point):
    staff = UserFactory(is_staff=True)
    cooperative.rules_update(
        by=staff, share_value=Decimal("20.00"), minimum_shares=1, minimum_holding_months=12
    )
    person = UserFactory()
    subscription = cooperative.subscription_apply(
        user=person,
        shares=1,
        method=PaymentMethod.TRANSFER,
        college=College.objects.get(code="consommateurs"),
    )
    cooperative.subscription_record_payment(
        subscription=subscription, amount=Decimal("20.00"), method=PaymentMethod.TRANSFER, by=staff
    )
    number = person.cooperative_member.number
    client.force_login(staff)  # staff may take cash at any active point
    client.post(
        TOP_UP,
        {"member": str(number), "amount": "15", "pickup_point": point.pk, "nonce": "a" * 32},
    )
    assert selectors.balance_of(person) == Decimal("15.00")
    assert Transfer.objects.get().created_by == staff


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"member": "personne@example.org"}, "Aucun membre n’a cet e-mail ou ce numéro"),
        ({"member": "999999"}, "Aucun membre n’a cet e-mail ou ce numéro"),
        ({"amount": "0"}, "supérieure ou égale à"),
        ({"amount": "12.345"}, "2 chiffres après la virgule"),
        ({"nonce": ""}, "Le formulaire a expiré"),
    ],
)
def test_bad_input_is_explained_and_writes_nothing(client, point, changes, message):
    client.force_login(coordinator_of(point))
    UserFactory(email="camille@example.org")
    data = {"member": "camille@example.org", "amount": "10", "pickup_point": point.pk}
    data |= {"nonce": "b" * 32} | changes
    response = client.post(TOP_UP, data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Transfer.objects.exists()


def test_only_the_coordinators_points_are_offered(client, point):
    elsewhere = make_pickup_point(name="Ailleurs", slug="ailleurs")
    coordinator = coordinator_of(point)
    member = UserFactory()
    client.force_login(coordinator)
    page = client.get(CASHING).content.decode()
    assert "Maison des associations" in page and "Ailleurs" not in page
    response = client.post(
        TOP_UP,
        {"member": member.email, "amount": "10", "pickup_point": elsewhere.pk, "nonce": "c" * 32},
    )
    assert response.status_code == 400
    assert selectors.balance_of(member) == Decimal("0.00")


def test_others_cannot_top_up_a_wallet(client, point):
    member = UserFactory()
    data = {"member": member.email, "amount": "10", "pickup_point": point.pk, "nonce": "d" * 32}
    assert client.post(TOP_UP, data).status_code == 302  # to sign in
    client.force_login(coordinator_of(point, role=Membership.Role.MEMBER))
    assert client.post(TOP_UP, data).status_code == 403
    client.force_login(member)
    assert client.post(TOP_UP, data).status_code == 403
    client.force_login(coordinator_of(point))
    assert client.get(TOP_UP).status_code == 405
    assert not Transfer.objects.exists()
