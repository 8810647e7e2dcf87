"""The register of members in the dashboard: CSV exports, rules, audit trail, and who
may see any of it."""

from __future__ import annotations

import csv
import datetime
import io
from decimal import Decimal

import pytest

from community.cooperative import redemptions, selectors
from community.cooperative.models import AuditEntry, Rules
from tests.factories import UserFactory

from .conftest import make_member

pytestmark = pytest.mark.django_db

DASHBOARD = "/boutique/dashboard/cooperative/"
PAGES = [
    "",
    "registre.csv",
    "mouvements.csv",
    "souscriptions/",
    "remboursements/",
    "regles/",
    "journal/",
]


def rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # so that a spreadsheet reads the accents
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.mark.parametrize("page", PAGES)
def test_the_staff_screens_are_for_staff_only(client, rules, page):
    assert client.get(DASHBOARD + page).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    assert client.get(DASHBOARD + page).status_code == 403


@pytest.mark.parametrize("page", PAGES)
def test_staff_see_the_screens(client, rules, staff, page):
    make_member(staff)
    client.force_login(staff)
    assert client.get(DASHBOARD + page).status_code == 200


def test_register_export(client, rules, staff):
    long_ago = datetime.date(2023, 1, 10)
    lea = make_member(
        staff, shares=3, on=long_ago, user=UserFactory(first_name="Léa", last_name="Moreau")
    )
    make_member(staff, shares=1, user=UserFactory(first_name="Karim", last_name="Haddad"))
    request = redemptions.redemption_request(user=lea.user, shares=1)
    redemptions.redemption_approve(redemption=request, by=staff)

    client.force_login(staff)
    response = client.get(DASHBOARD + "registre.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "registre-des-societaires" in response["Content-Disposition"]
    header, first, second = rows(response)
    assert header[:7] == [
        "Numéro de sociétaire",
        "Nom",
        "Prénom",
        "E-mail",
        "Collège",
        "Parts détenues",
        "Capital détenu (€)",
    ]
    today = datetime.date.today().strftime("%d/%m/%Y")
    assert first[0:3] == ["1", "Moreau", "Léa"]
    assert first[4:7] == ["Consommateurs et consommatrices", "2", "40,00"]
    assert first[8:11] == [
        "10/01/2023",
        "10/01/2023",
        today,
    ]  # first, last subscription, redemption
    assert second[0:3] == ["2", "Haddad", "Karim"] and second[5] == "1" and second[10] == ""

    movements = rows(client.get(DASHBOARD + "mouvements.csv"))
    assert [(row[1], row[4], row[5], row[7]) for row in movements[1:]] == [
        ("1", "Souscription", "+3", "60,00"),
        ("2", "Souscription", "+1", "20,00"),
        ("1", "Remboursement", "-1", "-20,00"),
    ]
    assert selectors.capital() == (3, Decimal("60.00"))
    page = client.get(DASHBOARD).content.decode()
    assert "Capital social : 3 parts" in page


def test_staff_set_the_rules_and_the_change_is_audited(client, staff):
    client.force_login(staff)
    response = client.post(
        DASHBOARD + "regles/",
        {
            "share_value": "20,00",
            "minimum_shares": "1",
            "minimum_holding_months": "24",
            "members_only_group_orders": "on",
            "members_only_assemblies": "on",
            "max_proxies": "2",
            "quorum_ordinary": "25,00",
            "quorum_extraordinary": "33,33",
            "note": "AG constitutive",
        },
    )
    assert response.status_code == 302
    rules = Rules.objects.get()
    assert (rules.share_value, rules.minimum_holding_months) == (Decimal("20.00"), 24)
    assert (rules.members_only_group_orders, rules.members_only_shop) == (True, False)
    entry = AuditEntry.objects.get(action=AuditEntry.Action.RULES_UPDATED)
    assert entry.actor == staff and "AG constitutive" in entry.note
    assert "minimum_holding_months: 12 → 24" in entry.note

    response = client.post(DASHBOARD + "regles/", {"share_value": "0", "minimum_shares": "0"})
    assert response.status_code == 400
    assert Rules.objects.get().share_value == Decimal("20.00")


def test_the_dashboard_menu_has_the_cooperative(client, staff):
    client.force_login(staff)
    page = client.get("/boutique/dashboard/").content.decode()
    assert DASHBOARD in page
    assert "/boutique/dashboard/releves-bancaires/" in page
