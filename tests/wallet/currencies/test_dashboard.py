"""The local-currency screens: who may see them, the producer's currencies tab, the desk
credit, unmatched operator transfers, settlements and the CSV of amounts owed."""

from __future__ import annotations

import csv
import io
from decimal import Decimal

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from shop.wallet import selectors as wallet_selectors
from shop.wallet.currencies import services
from shop.wallet.currencies.models import (
    LocalCurrency,
    OperatorTransfer,
    OperatorTransferStatus,
    ProducerAcceptance,
)
from shop.wallet.models import Transfer, TransferKind
from tests.factories import ProducerFactory, UserFactory, producer_user

from .helpers import accept, credit, make_currency

pytestmark = pytest.mark.django_db

D = Decimal
STAFF_PAGES = ["index", "currency-create", "acceptances", "operator-transfers", "owed", "owed-csv"]


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_staff=True))
    return client


@pytest.mark.parametrize("name", [*STAFF_PAGES, "desk"])
def test_staff_pages_refuse_members_and_send_visitors_to_sign_in(client, name):
    url = reverse(f"currencies-dashboard:{name}")
    assert client.get(url).status_code == 302
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    client.force_login(producer_user())
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_staff_pages_open_for_staff(staff_client, name):
    make_currency("SOU")
    assert staff_client.get(reverse(f"currencies-dashboard:{name}")).status_code == 200


def test_a_coordinator_with_the_permission_credits_at_the_desk_once(client):
    sou = make_currency("SOU", name="Sou")
    coordinator, member = UserFactory(), UserFactory(email="alice@example.org")
    coordinator.user_permissions.add(Permission.objects.get(codename="credit_at_desk"))
    client.force_login(coordinator)
    url = reverse("currencies-dashboard:desk")
    assert client.get(reverse("currencies-dashboard:index")).status_code == 403
    form = client.get(url).context["form"]
    data = {
        "key": form.initial["key"],
        "member": "ALICE@example.org",
        "currency": sou.code,
        "amount": "25.00",
        "place": "Biocoop de Crest",
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302  # sent twice: credited once
    assert wallet_selectors.balance_of(member, "SOU") == D("25.00")
    transfer = Transfer.objects.get(kind=TransferKind.EXCHANGE)
    assert transfer.created_by == coordinator and transfer.reference == "Biocoop de Crest"


def test_the_desk_form_explains_an_unknown_member_and_writes_nothing(staff_client):
    make_currency("SOU")
    url = reverse("currencies-dashboard:desk")
    response = staff_client.post(
        url,
        {"key": "k1", "member": "nobody@example.org", "currency": "SOU", "amount": "5"},
    )
    assert response.status_code == 400
    assert "Aucun membre" in response.content.decode()
    assert not Transfer.objects.exists()


def test_a_producer_sets_its_currencies_and_sees_what_it_received(client):
    sou, bil = make_currency("SOU", name="Sou"), make_currency("BIL", name="Bille")
    producer = ProducerFactory()
    other = ProducerFactory()
    user = producer_user(producer)
    client.force_login(user)
    url = reverse("currencies-dashboard:producer", kwargs={"pk": producer.pk})

    response = client.post(url, {"currencies": [sou.pk, bil.pk]})
    assert response.status_code == 302
    client.post(url, {"currencies": [sou.pk]})
    assert list(
        ProducerAcceptance.objects.filter(partner=producer, active=True).values_list(
            "currency__code", flat=True
        )
    ) == ["SOU"]
    assert ProducerAcceptance.objects.get(partner=producer, currency=bil).active is False

    member = UserFactory()
    credit(member, sou, "20.00")
    services.wallet_pay_local(
        user=member,
        currency="SOU",
        amount=D("12.40"),
        producer_amounts={producer.pk: D("12.40")},
        key="order:1:SOU",
        reference="1",
    )
    page = client.get(url)
    assert page.status_code == 200
    assert page.context["accounts"][0][1][0]["received"] == D("12.40")
    assert "12,40" in page.content.decode() or "12.40" in page.content.decode()

    other_url = reverse("currencies-dashboard:producer", kwargs={"pk": other.pk})
    assert client.get(other_url).status_code == 404
    assert client.post(other_url, {"currencies": [sou.pk]}).status_code == 404


def test_staff_credit_an_unmatched_operator_transfer(staff_client):
    sou = make_currency("SOU")
    member = UserFactory(email="bob@example.org")
    record = OperatorTransfer.objects.create(
        currency=sou,
        operator_id="t-9",
        member_reference="?",
        amount=D("8.00"),
        made_at="2026-12-01T10:00:00Z",
        status=OperatorTransferStatus.UNMATCHED,
    )
    page = staff_client.get(reverse("currencies-dashboard:operator-transfers"))
    assert "t-9" in page.content.decode()
    url = reverse("currencies-dashboard:operator-transfer-assign", kwargs={"pk": record.pk})
    assert staff_client.post(url, {f"t{record.pk}-member": "nobody@x.org"}).status_code == 302
    assert wallet_selectors.balance_of(member, "SOU") == D("0.00")
    staff_client.post(url, {f"t{record.pk}-member": "bob@example.org"})
    assert wallet_selectors.balance_of(member, "SOU") == D("8.00")
    assert staff_client.post(url, {f"t{record.pk}-member": "bob@example.org"}).status_code == 404


def _paid_producers():
    sou = make_currency("SOU", name="Sou")
    bil = make_currency("BIL", name="Bille")
    a = ProducerFactory(name="Ferme A", siret="73282932000074")
    b = ProducerFactory(name="Ferme B")
    for currency in (sou, bil):
        accept(a, currency)
    accept(b, sou)
    member = UserFactory()
    credit(member, sou, "50.00")
    credit(member, bil, "10.00")
    services.wallet_pay_local(
        user=member,
        currency="SOU",
        amount=D("30.00"),
        producer_amounts={a.pk: D("20.00"), b.pk: D("15.00")},
        key="o1",
        reference="1",
    )
    services.wallet_pay_local(
        user=member,
        currency="BIL",
        amount=D("4.00"),
        producer_amounts={a.pk: D("4.00")},
        key="o2",
        reference="2",
    )
    services.wallet_refund_local(transfer_key="o2", key="r2")
    return sou, a, b


def test_staff_record_a_settlement_and_export_the_amounts_owed(staff_client):
    _sou, a, _b = _paid_producers()
    owed = reverse("currencies-dashboard:owed")
    form = staff_client.get(owed).context["form"]
    data = {
        "key": form.initial["key"],
        "partner": a.pk,
        "currency": "SOU",
        "amount": "12.00",
        "note": "Billets remis",
    }
    assert staff_client.post(owed, data).status_code == 302
    assert staff_client.post(owed, data).status_code == 302  # twice: recorded once
    too_much = {**data, "key": "other", "amount": "8.01"}
    assert staff_client.post(owed, too_much).status_code == 400

    response = staff_client.get(reverse("currencies-dashboard:owed-csv"))
    rows = list(csv.reader(io.StringIO(response.content.decode()), delimiter=";"))
    assert response["Content-Type"].startswith("text/csv")
    assert rows[1:] == [
        ["Ferme A", "73282932000074", "BIL", "0.00", "0.00", "0.00"],
        ["Ferme A", "73282932000074", "SOU", "20.00", "12.00", "8.00"],
        ["Ferme B", "", "SOU", "10.00", "0.00", "10.00"],
    ]
    assert Transfer.objects.filter(kind=TransferKind.SETTLEMENT).count() == 1


def test_staff_create_a_currency_and_a_digital_one_needs_its_url(staff_client):
    url = reverse("currencies-dashboard:currency-create")
    data = {"code": "MLC-DROME", "name": "Sou", "symbol": "Sou", "adapter": "digital"}
    response = staff_client.post(url, data)
    assert response.status_code == 200 and not LocalCurrency.objects.exists()
    data.update(adapter="comptoir", active="on")
    assert staff_client.post(url, data).status_code == 302
    currency = LocalCurrency.objects.get(code="MLC-DROME")
    edit = reverse("currencies-dashboard:currency-update", kwargs={"pk": currency.pk})
    staff_client.post(edit, {**data, "code": "OTHER", "name": "Sou de la Drôme"})
    currency.refresh_from_db()
    assert (currency.code, currency.name) == ("MLC-DROME", "Sou de la Drôme")
    for code in ("mlc drome", "EUR"):
        bad = staff_client.post(url, {**data, "code": code})
        assert "code" in bad.context["form"].errors


def test_only_an_unused_currency_can_be_deleted(staff_client):
    unused, used = make_currency("NEW"), make_currency("SOU")
    accept(ProducerFactory(), used)
    for currency in (unused, used):
        url = reverse("currencies-dashboard:currency-delete", kwargs={"pk": currency.pk})
        assert staff_client.get(url).status_code == 200
        assert staff_client.post(url).status_code == 302
    assert list(LocalCurrency.objects.values_list("code", flat=True)) == ["SOU"]


def test_staff_fetch_the_operators_transfers_now(
    staff_client, monkeypatch, django_capture_on_commit_callbacks
):
    from shop.wallet.currencies.models import Adapter
    from shop.wallet.transfers import top_up_reference
    from tests.fakes.currency_operator import FakeCurrencyOperator

    member = UserFactory()
    monkeypatch.setenv("SOU_TOKEN", "t")
    with FakeCurrencyOperator(token="t") as operator:
        make_currency(
            "SOU", adapter=Adapter.DIGITAL, api_base_url=operator.url, api_token_setting="SOU_TOKEN"
        )
        operator.add("t-1", top_up_reference(member), "6.00", "2026-12-01T10:00:00+00:00")
        url = reverse("currencies-dashboard:operator-pull")
        assert staff_client.get(url).status_code == 405
        with django_capture_on_commit_callbacks(execute=True):
            assert staff_client.post(url).status_code == 302
    assert wallet_selectors.balance_of(member, "SOU") == D("6.00")
