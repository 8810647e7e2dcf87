"""Becoming a member: the whole path through the pages (apply, pay a share by bank
transfer reconciled from a CSV statement, member number, certificate), payment at a
pickup point, and who may do what."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from community.cooperative import selectors, services
from community.cooperative.models import (
    AuditEntry,
    Member,
    Movement,
    PaymentMethod,
    SharePayment,
    Subscription,
)
from groupbuy.models import Membership
from shop.payments.bank_statements.models import StatementLine
from tests.factories import UserFactory, make_pickup_point

from .conftest import make_member

pytestmark = pytest.mark.django_db

STATEMENTS = "/boutique/dashboard/releves-bancaires/"


def bank_statement(*rows: str) -> SimpleUploadedFile:
    content = "Date;Libellé;Montant;Référence\n" + "\n".join(rows) + "\n"
    return SimpleUploadedFile("releve.csv", content.encode("utf-8"), content_type="text/csv")


def test_a_members_whole_path_by_bank_transfer(client, rules, consumers, staff):
    person = UserFactory(first_name="Léa", last_name="Moreau")
    client.force_login(person)

    # 1. Apply: a college, one share, by transfer.
    page = client.get("/cooperative/adherer/")
    assert page.status_code == 200
    assert "Consommateurs et consommatrices" in page.content.decode()
    response = client.post(
        "/cooperative/adherer/",
        {"college": consumers.pk, "shares": "1", "method": PaymentMethod.TRANSFER},
    )
    subscription = Subscription.objects.get(user=person)
    assert response.status_code == 302
    assert response["Location"] == f"/cooperative/souscriptions/{subscription.pk}/"
    assert (subscription.amount, subscription.status) == (Decimal("20.00"), "pending")
    instructions = client.get(response["Location"]).content.decode()
    assert subscription.reference in instructions
    assert "20,00" in instructions
    assert not selectors.is_member(person)

    # 2. The transfer arrives; staff import the bank statement.
    client.force_login(staff)
    upload = bank_statement(
        f"12/03/2025;VIR SEPA MME LEA MOREAU {subscription.reference.lower()};20,00;",
        "12/03/2025;VIR SEPA INCONNU;35,00;",
    )
    response = client.post(STATEMENTS, {"statement": upload}, follow=True)
    assert "2 nouvelles lignes importées (1 rapprochées)" in response.content.decode()

    # 3. She is a member, with a number and her share in the register.
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PAID
    member = Member.objects.get(user=person)
    assert member.number == 1
    assert member.college == consumers
    movement = Movement.objects.get(member=member)
    assert (movement.shares, movement.amount, str(movement.effective_on)) == (
        1,
        Decimal("20.00"),
        "2025-03-12",
    )
    payment = SharePayment.objects.get(subscription=subscription)
    assert payment.method == PaymentMethod.TRANSFER and payment.recorded_by == staff
    assert AuditEntry.objects.filter(action=AuditEntry.Action.ADMITTED, member=member).exists()

    # 4. Her space and her certificate.
    client.force_login(person)
    space = client.get("/cooperative/").content.decode()
    assert "Numéro de sociétaire 1" in space
    certificate = client.get("/cooperative/attestation/")
    assert certificate.status_code == 200
    text = certificate.content.decode()
    assert "Léa Moreau" in text and "<strong>1</strong>" in text
    assert "Consommateurs et consommatrices" in text

    # The unknown line waits for staff.
    assert StatementLine.objects.filter(
        status=StatementLine.Status.UNMATCHED, label="VIR SEPA INCONNU"
    ).exists()


def test_the_same_statement_imported_twice_pays_once(client, rules, consumers, staff):
    person = UserFactory()
    subscription = services.subscription_apply(
        user=person, shares=2, method=PaymentMethod.TRANSFER, college=consumers
    )
    client.force_login(staff)
    row = f"12/03/2025;VIR {subscription.reference};40,00;"
    client.post(STATEMENTS, {"statement": bank_statement(row)})
    client.post(STATEMENTS, {"statement": bank_statement(row)})
    assert SharePayment.objects.count() == 1
    assert selectors.shares_held(person.cooperative_member) == 2


def test_a_wrong_amount_is_left_to_match_by_hand_with_the_reason(client, rules, consumers, staff):
    person = UserFactory()
    subscription = services.subscription_apply(
        user=person, shares=1, method=PaymentMethod.TRANSFER, college=consumers
    )
    client.force_login(staff)
    client.post(
        STATEMENTS, {"statement": bank_statement(f"12/03/2025;VIR {subscription.reference};15,00;")}
    )
    line = StatementLine.objects.get()
    assert line.status == StatementLine.Status.UNMATCHED
    assert "15,00 € reçus, 20,00 € attendus" in line.outcome
    assert "15,00 € reçus" in client.get(STATEMENTS).content.decode()
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.PENDING


def test_member_numbers_follow_each_other_and_are_kept(rules, staff):
    first = make_member(staff)
    second = make_member(staff, shares=3)
    assert (first.number, second.number) == (1, 2)
    more = services.subscription_apply(user=first.user, shares=2, method=PaymentMethod.TRANSFER)
    assert not more.is_application and more.college == first.college
    services.subscription_record_payment(
        subscription=more, amount=Decimal("40.00"), method=PaymentMethod.TRANSFER, by=staff
    )
    first.refresh_from_db()
    assert first.number == 1
    assert selectors.shares_held(first) == 3


def test_applying_is_refused_with_clear_french_messages(rules, consumers):
    person = UserFactory()
    unverified = UserFactory(verified_email=False)
    with pytest.raises(PermissionDenied, match="adresse e-mail vérifiée"):
        services.subscription_apply(
            user=unverified, shares=1, method=PaymentMethod.TRANSFER, college=consumers
        )
    with pytest.raises(ValidationError, match="Choisissez votre collège"):
        services.subscription_apply(user=person, shares=1, method=PaymentMethod.TRANSFER)
    with pytest.raises(ValidationError, match="point de retrait"):
        services.subscription_apply(
            user=person, shares=1, method=PaymentMethod.PICKUP, college=consumers
        )
    with pytest.raises(ValidationError, match="paiement par carte"):
        services.subscription_apply(
            user=person, shares=1, method=PaymentMethod.CARD, college=consumers
        )
    services.subscription_apply(
        user=person, shares=1, method=PaymentMethod.TRANSFER, college=consumers
    )
    with pytest.raises(ValidationError, match="déjà une souscription en attente"):
        services.subscription_apply(
            user=person, shares=1, method=PaymentMethod.TRANSFER, college=consumers
        )


def test_minimum_number_of_shares_to_become_a_member(rules, consumers, staff, client):
    services.rules_update(by=staff, minimum_shares=3)
    person = UserFactory()
    with pytest.raises(ValidationError, match="au moins 3 parts"):
        services.subscription_apply(
            user=person, shares=2, method=PaymentMethod.TRANSFER, college=consumers
        )
    client.force_login(person)
    response = client.post(
        "/cooperative/adherer/",
        {"college": consumers.pk, "shares": "2", "method": PaymentMethod.TRANSFER},
    )
    assert response.status_code == 400
    assert not Subscription.objects.filter(user=person).exists()


def test_nobody_applies_before_staff_set_the_rules(client, consumers):
    person = UserFactory()
    with pytest.raises(ValidationError, match="n'accueille pas encore"):
        services.subscription_apply(
            user=person, shares=1, method=PaymentMethod.TRANSFER, college=consumers
        )
    client.force_login(person)
    assert client.get("/cooperative/adherer/")["Location"] == "/cooperative/"


def test_a_subscription_is_cancelled_by_its_owner_only(client, rules, consumers):
    person, other = UserFactory(), UserFactory()
    subscription = services.subscription_apply(
        user=person, shares=1, method=PaymentMethod.TRANSFER, college=consumers
    )
    client.force_login(other)
    assert client.get(f"/cooperative/souscriptions/{subscription.pk}/").status_code == 404
    assert client.post(f"/cooperative/souscriptions/{subscription.pk}/annuler/").status_code == 404
    client.force_login(person)
    client.post(f"/cooperative/souscriptions/{subscription.pk}/annuler/")
    subscription.refresh_from_db()
    assert subscription.status == Subscription.Status.CANCELLED
    assert AuditEntry.objects.filter(action="cancelled", actor=person).exists()


# --- at a pickup point ----------------------------------------------------------------


@pytest.fixture
def pickup_subscription(rules, consumers):
    point = make_pickup_point(name="Maison des associations")
    person = UserFactory()
    subscription = services.subscription_apply(
        user=person,
        shares=1,
        method=PaymentMethod.PICKUP,
        college=consumers,
        pickup_point=point,
    )
    return subscription


def _coordinator_of(point, *, role=Membership.Role.COORDINATOR):
    from groupbuy.models import BuyingGroup

    user = UserFactory()
    group = BuyingGroup.objects.create(name=f"Groupe {user.pk}", slug=f"groupe-{user.pk}")
    group.pickup_points.add(point)
    Membership.objects.create(group=group, user=user, role=role)
    return user


def test_a_coordinator_of_the_pickup_point_records_the_payment(client, pickup_subscription):
    coordinator = _coordinator_of(pickup_subscription.pickup_point)
    client.force_login(coordinator)
    page = client.get("/cooperative/encaissement/")
    assert page.status_code == 200
    assert pickup_subscription.reference in page.content.decode()
    client.post(
        "/cooperative/encaissement/",
        {"subscription": pickup_subscription.pk, "note": "espèces"},
    )
    pickup_subscription.refresh_from_db()
    assert pickup_subscription.status == Subscription.Status.PAID
    payment = pickup_subscription.payment
    assert (payment.recorded_by, payment.pickup_point, payment.note) == (
        coordinator,
        pickup_subscription.pickup_point,
        "espèces",
    )
    assert selectors.is_member(pickup_subscription.user)


def test_others_cannot_record_a_payment_at_a_pickup_point(client, pickup_subscription):
    elsewhere = _coordinator_of(make_pickup_point(name="Ailleurs", slug="ailleurs"))
    plain_member = _coordinator_of(pickup_subscription.pickup_point, role=Membership.Role.MEMBER)
    with pytest.raises(PermissionDenied):
        services.subscription_record_pickup_payment(subscription=pickup_subscription, by=elsewhere)
    client.force_login(elsewhere)
    response = client.post("/cooperative/encaissement/", {"subscription": pickup_subscription.pk})
    assert response.status_code == 404
    client.force_login(plain_member)
    assert client.get("/cooperative/encaissement/").status_code == 403
    client.force_login(UserFactory())
    assert client.get("/cooperative/encaissement/").status_code == 403
    pickup_subscription.refresh_from_db()
    assert pickup_subscription.status == Subscription.Status.PENDING


def test_staff_record_a_pickup_payment_from_the_dashboard(client, pickup_subscription, staff):
    client.force_login(staff)
    page = client.get("/boutique/dashboard/cooperative/souscriptions/")
    assert pickup_subscription.reference in page.content.decode()
    client.post(
        f"/boutique/dashboard/cooperative/souscriptions/{pickup_subscription.pk}/encaisser/",
        {"note": "chèque n° 123"},
    )
    pickup_subscription.refresh_from_db()
    assert pickup_subscription.status == Subscription.Status.PAID
    entry = AuditEntry.objects.get(action=AuditEntry.Action.PAYMENT_RECORDED)
    assert entry.actor == staff and "chèque n° 123" in entry.note


def test_a_paid_subscription_cannot_be_paid_again(rules, staff):
    member = make_member(staff)
    subscription = Subscription.objects.get(user=member.user)
    with pytest.raises(ValidationError, match="n'attend pas de paiement"):
        services.subscription_record_payment(
            subscription=subscription,
            amount=Decimal("20.00"),
            method=PaymentMethod.TRANSFER,
            by=staff,
        )
