"""The wallet's staff screens (/boutique/dashboard/porte-monnaie/): staff only; the
wallets with their balances, searched by e-mail and paged; one wallet's statement; the
overdraft limit changed with a reason; corrections with a reason, written once; and the
trial balance summing to zero per currency."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from shop.wallet import selectors, services
from shop.wallet.models import Account, OverdraftChange, Posting, Transfer, TransferKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

DASHBOARD = "/boutique/dashboard/porte-monnaie/"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def staff(client):
    user = UserFactory(is_staff=True)
    client.force_login(user)
    return user


def wallet_of(email: str, amount: str = "20.00") -> Account:
    user = UserFactory(email=email)
    services.wallet_top_up_cash(
        user=user, amount=Decimal(amount), by=None, place="Halle", key=f"cash:{email}"
    )
    return services.member_account(user=user)


def nonce_of(page: str) -> str:
    return re.search(r'name="nonce" value="([0-9a-f]{32})"', page).group(1)


@pytest.mark.parametrize("path", ["", "balance/", "{pk}/", "{pk}/decouvert/", "{pk}/correction/"])
def test_only_staff_see_the_wallets(client, path):
    account = wallet_of("camille@example.org")
    url = DASHBOARD + path.format(pk=account.pk)
    response = client.post(url) if "/" in path[:-1] else client.get(url)
    assert response.status_code == 302 and "/login/" in response["Location"]
    client.force_login(UserFactory())
    response = client.post(url) if "/" in path[:-1] else client.get(url)
    assert response.status_code == 403
    assert Transfer.objects.count() == 1 and not OverdraftChange.objects.exists()


def test_the_list_shows_balances_searches_by_email_and_pages(client, staff):
    wallet_of("camille@example.org", "12.50")
    wallet_of("dominique@example.org", "7.00")
    page = client.get(DASHBOARD).content.decode()
    assert "camille@example.org" in page and "12,50" in page
    assert "dominique@example.org" in page
    page = client.get(DASHBOARD + "?q=CAMILLE").content.decode()
    assert "camille@example.org" in page and "dominique@example.org" not in page
    page = client.get(DASHBOARD + "?q=personne").content.decode()
    assert "Aucun porte-monnaie" in page

    for n in range(50):
        services.member_account(user=UserFactory(email=f"liste{n:02d}@exemple.org"))
    first = client.get(DASHBOARD).context["page_obj"]
    assert len(first.object_list) == 50 and first.paginator.num_pages == 2
    services.member_account(user=UserFactory(email="liste+50@exemple.org"))
    page = client.get(DASHBOARD + "?q=liste").content.decode()
    assert "?q=liste&amp;page=2" in page  # the search is kept from page to page


def test_the_empty_list_says_so(client, staff):
    assert "Aucun membre n’a encore de porte-monnaie" in client.get(DASHBOARD).content.decode()


def test_one_wallets_statement(client, staff):
    account = wallet_of("camille@example.org", "20.00")
    services.wallet_pay(user=account.user, amount=Decimal("4.00"), key="o:1", reference="100001")
    response = client.get(f"{DASHBOARD}{account.pk}/")
    page = response.content.decode()
    assert "camille@example.org" in page and "100001" in page
    assert [p.balance_after for p in response.context["page_obj"].object_list] == [
        Decimal("16.00"),
        Decimal("20.00"),
    ]
    system = services.system_account("sales")
    assert client.get(f"{DASHBOARD}{system.pk}/").status_code == 404


def test_staff_set_the_overdraft_limit_with_a_reason(client, staff):
    account = wallet_of("camille@example.org", "10.00")
    response = client.post(f"{DASHBOARD}{account.pk}/decouvert/", {"limit": "25", "reason": ""})
    assert response.status_code == 400
    assert "Champ requis" in response.content.decode()
    response = client.post(f"{DASHBOARD}{account.pk}/decouvert/", {"limit": "-5", "reason": "x"})
    assert response.status_code == 400

    response = client.post(
        f"{DASHBOARD}{account.pk}/decouvert/",
        {"limit": "25", "reason": "famille nombreuse, accord du CA"},
        follow=True,
    )
    assert "Le plafond de découvert est modifié" in response.content.decode()
    account.refresh_from_db()
    assert account.overdraft_limit == Decimal("25.00")
    change = OverdraftChange.objects.get()
    assert (change.changed_by, change.reason) == (staff, "famille nombreuse, accord du CA")
    # The member may now pay up to 35 €.
    services.wallet_pay(user=account.user, amount=Decimal("35.00"), key="o:2", reference="2")
    assert selectors.balance_of(account.user) == Decimal("-25.00")


def test_a_correction_needs_a_reason_and_is_written_once(client, staff):
    account = wallet_of("camille@example.org", "10.00")
    page = client.get(f"{DASHBOARD}{account.pk}/").content.decode()
    data = {"amount": "-3.50", "reason": "doublon de recharge", "nonce": nonce_of(page)}

    response = client.post(f"{DASHBOARD}{account.pk}/correction/", data | {"reason": " "})
    assert response.status_code == 400
    response = client.post(f"{DASHBOARD}{account.pk}/correction/", data | {"amount": "0"})
    assert response.status_code == 400
    assert "Une correction de zéro ne change rien" in response.content.decode()
    assert Transfer.objects.filter(kind=TransferKind.ADJUSTMENT).count() == 0

    client.post(f"{DASHBOARD}{account.pk}/correction/", data)
    client.post(f"{DASHBOARD}{account.pk}/correction/", data)  # sent twice
    correction = Transfer.objects.get(kind=TransferKind.ADJUSTMENT)
    assert (correction.created_by, correction.note) == (staff, "doublon de recharge")
    assert selectors.balance_of(account.user) == Decimal("6.50")
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_the_trial_balance_sums_each_currency_to_zero(client, staff):
    account = wallet_of("camille@example.org", "30.00")
    services.wallet_pay(user=account.user, amount=Decimal("12.00"), key="o:3", reference="3")
    page = client.get(DASHBOARD + "balance/").content.decode()
    assert "Porte-monnaie d&#x27;un sociétaire" in page
    assert "18,00" in page and "-30,00" in page and "12,00" in page
    assert "équilibré" in page and "non équilibré" not in page

    # A posting written behind the ledger's back shows up as unbalanced.
    Posting.objects.create(
        transfer=Transfer.objects.first(), account=account, amount=Decimal("1.00")
    )
    assert "non équilibré" in client.get(DASHBOARD + "balance/").content.decode()


def test_the_dashboard_menu_links_the_wallets(client, staff):
    page = client.get("/boutique/dashboard/").content.decode()
    assert DASHBOARD in page and DASHBOARD + "balance/" in page
