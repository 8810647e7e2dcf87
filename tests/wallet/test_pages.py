"""The member's wallet page (/cooperative/porte-monnaie/): balance, statement paged newest
first with the running balance, its CSV export, the empty state, and the ways to top up;
and the link from the member space."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone, translation

from shop.wallet import services, transfers
from shop.wallet.models import Transfer
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

WALLET = "/cooperative/porte-monnaie/"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


def top_up(user, amount: str, key: str, days_ago: int = 0):
    transfer = services.wallet_top_up_cash(
        user=user, amount=Decimal(amount), by=None, place="Halle", key=key
    )
    when = timezone.now() - datetime.timedelta(days=days_ago)
    Transfer.objects.filter(pk=transfer.pk).update(created_at=when)
    return transfer


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get(WALLET)
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_empty_wallet_says_so_and_shows_how_to_top_up(client, settings):
    settings.BANK_TRANSFER_ACCOUNT_HOLDER = "Panier Commun SCIC"
    settings.BANK_TRANSFER_IBAN = "FR7630001007941234567890185"
    user = UserFactory()
    client.force_login(user)
    page = client.get(WALLET).content.decode()
    assert "Votre porte-monnaie n’a encore aucun mouvement" in page
    assert "0,00" in page
    assert transfers.top_up_reference(user) in page
    assert "FR7630001007941234567890185" in page
    assert "Panier Commun SCIC" in page
    assert "coordinateur" in page  # at a pickup point
    assert "releve.csv" not in page  # nothing to export


def test_the_statement_is_paged_newest_first_with_the_running_balance(client):
    user = UserFactory()
    for day in range(30):  # 30 top-ups of 1..30 €, the oldest first
        top_up(user, f"{day + 1}.00", f"cash-{day}", days_ago=30 - day)
    services.wallet_pay(user=user, amount=Decimal("5.00"), key="order:1", reference="100001")
    client.force_login(user)

    response = client.get(WALLET)
    page = response.content.decode()
    rows = response.context["page"].object_list
    assert len(rows) == 25
    assert rows[0].transfer.reference == "100001"  # the payment, newest
    assert rows[0].amount == Decimal("-5.00") and rows[0].balance_after == Decimal("460.00")
    assert rows[1].amount == Decimal("30.00") and rows[1].balance_after == Decimal("465.00")
    assert "460,00" in page and "Page 1 sur 2" in page

    second = list(client.get(WALLET + "?devise=EUR&page=2").context["page"].object_list)
    assert [posting.amount for posting in second] == [Decimal(n) for n in (6, 5, 4, 3, 2, 1)]
    assert second[-1].balance_after == Decimal("1.00")
    other = UserFactory()
    client.force_login(other)
    assert client.get(WALLET).context["page"] is None


def test_the_csv_export_lists_the_statement_oldest_first(client):
    user = UserFactory()
    top_up(user, "20.00", "cash-a", days_ago=2)
    services.wallet_pay(user=user, amount=Decimal("7.50"), key="order:9", reference="100009")
    client.force_login(user)
    assert "releve.csv" in client.get(WALLET).content.decode()

    response = client.get(WALLET + "releve.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="porte-monnaie-eur-' in response["Content-Disposition"]
    lines = response.content.decode("utf-8").lstrip("\ufeff").splitlines()
    assert lines[0] == "Date;Libellé;Référence;Montant (EUR);Solde (EUR)"
    when = (timezone.localdate() - datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    assert lines[1] == f"{when};Rechargement à Halle;Halle;20,00;20,00"
    assert lines[2].endswith(";100009;-7,50;12,50")
    assert len(lines) == 3


def test_no_statement_to_export_before_the_first_movement(client):
    client.force_login(UserFactory())
    assert client.get(WALLET + "releve.csv").status_code == 404
    assert client.get(WALLET + "?devise=XLM").status_code == 404


def test_the_member_space_shows_the_balance_and_links_the_wallet(client):
    user = UserFactory()
    top_up(user, "12.30", "cash-s")
    client.force_login(user)
    page = client.get("/cooperative/").content.decode()
    assert WALLET in page
    assert "12,30" in page


def test_the_card_top_up_is_offered_only_when_stripe_is_configured(client, settings):
    settings.STRIPE_SECRET_KEY = settings.STRIPE_PUBLISHABLE_KEY = ""
    client.force_login(UserFactory())
    assert "/porte-monnaie/carte/" not in client.get(WALLET).content.decode()
    page = client.get(WALLET + "carte/").content.decode()
    assert "Le paiement par carte n’est pas disponible" in page
    response = client.post(WALLET + "carte/", {"amount": "20", "nonce": "a" * 32})
    assert response.status_code == 400


def test_the_card_amount_form_is_labelled(client, settings):
    settings.STRIPE_SECRET_KEY, settings.STRIPE_PUBLISHABLE_KEY = "sk_test_x", "pk_test_x"
    client.force_login(UserFactory())
    assert WALLET + "carte/" in client.get(WALLET).content.decode()
    page = client.get(WALLET + "carte/").content.decode()
    assert '<label class="form-label" for="id_amount">Montant (€)' in page
    assert 'aria-describedby="id_amount-help"' in page and "Entre 5 € et 500 €." in page
    assert 'min="5.00" max="500.00"' in page
    assert re.search(r'name="nonce" value="[0-9a-f]{32}"', page)
