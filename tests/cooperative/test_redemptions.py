"""Redemption of shares within the statutes' rules: minimum holding period (oldest
shares first), minimum holding unless leaving, staff decide, the refund is recorded."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from community.cooperative import redemptions, selectors, services
from community.cooperative.models import AuditEntry, Movement, PaymentMethod, Redemption
from tests.factories import UserFactory

from .conftest import make_member

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()
LONG_AGO = TODAY - datetime.timedelta(days=800)
RECENTLY = TODAY - datetime.timedelta(days=30)


def add_shares(member, staff, shares: int, on: datetime.date):
    subscription = services.subscription_apply(
        user=member.user, shares=shares, method=PaymentMethod.TRANSFER
    )
    services.subscription_record_payment(
        subscription=subscription,
        amount=subscription.amount,
        method=PaymentMethod.TRANSFER,
        by=staff,
        received_on=on,
    )


def test_add_months_keeps_the_end_of_month():
    assert selectors.add_months(datetime.date(2024, 1, 31), 1) == datetime.date(2024, 2, 29)
    assert selectors.add_months(datetime.date(2024, 11, 15), 12) == datetime.date(2025, 11, 15)


def test_shares_held_less_than_the_minimum_period_are_not_redeemed(rules, staff):
    member = make_member(staff, shares=2, on=LONG_AGO)
    add_shares(member, staff, 3, RECENTLY)

    room = selectors.redemption_room(member, rules)
    assert (room.held, room.eligible) == (5, 2)
    assert room.next_eligible_on == selectors.add_months(RECENTLY, 12)

    with pytest.raises(ValidationError) as caught:
        redemptions.redemption_request(user=member.user, shares=4)
    assert caught.value.messages[0].startswith(
        "Les parts sont remboursables après 12 mois de détention : 2 peuvent être "
        "remboursées aujourd'hui. D'autres à partir du"
    )
    request = redemptions.redemption_request(user=member.user, shares=2, reason="déménagement")
    assert request.status == Redemption.Status.REQUESTED
    # The same two shares cannot be asked for twice.
    with pytest.raises(ValidationError, match="0 peuvent être remboursées"):
        redemptions.redemption_request(user=member.user, shares=1)


def test_staff_approve_then_record_the_refund(rules, staff):
    member = make_member(staff, shares=3, on=LONG_AGO)
    request = redemptions.redemption_request(user=member.user, shares=2)

    redemptions.redemption_approve(redemption=request, by=staff, note="CA du 3 mars")
    request.refresh_from_db()
    assert (request.status, request.amount, request.decided_by) == (
        Redemption.Status.APPROVED,
        Decimal("40.00"),
        staff,
    )
    out = Movement.objects.get(redemption=request)
    assert (out.shares, out.amount, out.effective_on) == (-2, Decimal("-40.00"), TODAY)
    assert selectors.shares_held(member) == 1
    assert selectors.is_member(member.user)

    with pytest.raises(ValidationError, match="référence du remboursement"):
        redemptions.redemption_refund_record(redemption=request, by=staff, reference=" ")
    redemptions.redemption_refund_record(
        redemption=request, by=staff, reference="VIR 2025-03-04", note="virement"
    )
    request.refresh_from_db()
    assert request.status == Redemption.Status.REFUNDED and request.refunded_by == staff
    # Recorded once: the refund cannot be recorded again.
    with pytest.raises(ValidationError, match="ne peut pas changer ainsi"):
        redemptions.redemption_refund_record(redemption=request, by=staff, reference="bis")
    actions = list(
        AuditEntry.objects.filter(redemption=request)
        .order_by("at", "pk")
        .values_list("action", "actor")
    )
    assert actions == [
        (AuditEntry.Action.REDEMPTION_REQUESTED, member.user.pk),
        (AuditEntry.Action.REDEMPTION_APPROVED, staff.pk),
        (AuditEntry.Action.REFUND_RECORDED, staff.pk),
    ]


def test_a_member_keeps_the_minimum_unless_leaving(rules, staff):
    services.rules_update(by=staff, minimum_shares=2)
    member = make_member(staff, shares=3, on=LONG_AGO)
    with pytest.raises(ValidationError, match="garde au moins 2 parts : demandez-en au plus 1"):
        redemptions.redemption_request(user=member.user, shares=2)

    everything = redemptions.redemption_request(user=member.user, shares=3, reason="je pars")
    redemptions.redemption_approve(redemption=everything, by=staff)
    member.refresh_from_db()
    assert member.left_at is not None
    assert selectors.shares_held(member) == 0
    assert not selectors.is_member(UserFactory._meta.model.objects.get(pk=member.user.pk))
    assert AuditEntry.objects.filter(action=AuditEntry.Action.MEMBER_LEFT, member=member).exists()
    # Coming back: an application again, same member number.
    again = services.subscription_apply(
        user=member.user, shares=2, method=PaymentMethod.TRANSFER, college=member.college
    )
    assert again.is_application
    services.subscription_record_payment(
        subscription=again, amount=again.amount, method=PaymentMethod.TRANSFER, by=staff
    )
    member.refresh_from_db()
    assert member.left_at is None and member.number == 1


def test_rules_are_checked_again_when_staff_approve(rules, staff):
    member = make_member(staff, shares=2, on=LONG_AGO)
    request = redemptions.redemption_request(user=member.user, shares=2)
    services.rules_update(by=staff, minimum_holding_months=36, note="nouveaux statuts")
    with pytest.raises(ValidationError, match="36 mois"):
        redemptions.redemption_approve(redemption=request, by=staff)
    request.refresh_from_db()
    assert request.status == Redemption.Status.REQUESTED
    assert not Movement.objects.filter(redemption=request).exists()
    redemptions.redemption_refuse(redemption=request, by=staff, note="statuts : 3 ans")
    request.refresh_from_db()
    assert request.status == Redemption.Status.REFUSED


def test_redemption_is_valued_at_the_nominal_value_of_the_oldest_shares(rules, staff):
    member = make_member(staff, shares=1, on=LONG_AGO)  # at 20 €
    services.rules_update(by=staff, share_value=Decimal("25.00"))
    add_shares(member, staff, 2, LONG_AGO + datetime.timedelta(days=10))  # at 25 €
    request = redemptions.redemption_request(user=member.user, shares=2)
    redemptions.redemption_approve(redemption=request, by=staff)
    request.refresh_from_db()
    assert request.amount == Decimal("45.00")
    assert selectors.redemption_value(member, 1) == Decimal("25.00")


def test_only_staff_decide_and_only_members_ask(rules, staff):
    member = make_member(staff, shares=2, on=LONG_AGO)
    request = redemptions.redemption_request(user=member.user, shares=1)
    with pytest.raises(PermissionDenied):
        redemptions.redemption_approve(redemption=request, by=member.user)
    with pytest.raises(PermissionDenied, match="Seuls les sociétaires"):
        redemptions.redemption_request(user=UserFactory(), shares=1)


def test_the_pages_of_a_redemption(client, rules, staff):
    member = make_member(staff, shares=2, on=LONG_AGO)
    client.force_login(member.user)
    page = client.get("/cooperative/remboursement/").content.decode()
    assert "Vous détenez 2 parts ; 2 sont détenues depuis les 12 mois" in page
    response = client.post("/cooperative/remboursement/", {"shares": "5"})
    assert response.status_code == 400
    assert "Seules 2 parts sont détenues." in response.content.decode()
    client.post("/cooperative/remboursement/", {"shares": "1", "reason": "travaux"})
    request = Redemption.objects.get()

    assert client.get("/boutique/dashboard/cooperative/remboursements/").status_code == 403
    client.force_login(staff)
    page = client.get("/boutique/dashboard/cooperative/remboursements/").content.decode()
    assert "travaux" in page and "2 détenues, 2 remboursables aujourd'hui" in page
    client.post(f"/boutique/dashboard/cooperative/remboursements/{request.pk}/approuver/", {})
    client.post(
        f"/boutique/dashboard/cooperative/remboursements/{request.pk}/rembourser/",
        {"reference": "VIR-42"},
    )
    request.refresh_from_db()
    assert request.status == Redemption.Status.REFUNDED
    assert request.refund_reference == "VIR-42"
