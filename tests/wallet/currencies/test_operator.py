"""The operator adapters (against a fake operator's HTTP server) and the periodic pull
that credits members' transfers once, keeping unknown references for staff."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.wallet import selectors as wallet_selectors
from shop.wallet.currencies import adapters, services, tasks
from shop.wallet.currencies.models import Adapter, OperatorTransfer, OperatorTransferStatus
from shop.wallet.models import Transfer, TransferKind
from shop.wallet.transfers import top_up_reference
from tests.factories import UserFactory
from tests.fakes.currency_operator import FakeCurrencyOperator

from .helpers import make_currency

D = Decimal


@pytest.fixture
def operator():
    with FakeCurrencyOperator(token="s3cret", page_size=2) as fake:
        yield fake


def test_the_digital_adapter_reads_every_page_with_the_bearer_token(operator):
    operator.add("t-1", "PM-1-8", "10.00", "2026-12-01T10:00:00+00:00")
    operator.add("t-2", "x", "2.50", "2026-12-02T10:00:00+00:00")
    operator.add("t-3", "y", "1.00", "2026-12-03T10:00:00+00:00")

    fetched = adapters.DigitalOperator(base_url=operator.url, token="s3cret").fetch_transfers(None)

    assert [(t.id, t.amount) for t in fetched] == [
        ("t-1", D("10.00")),
        ("t-2", D("2.50")),
        ("t-3", D("1.00")),
    ]
    assert fetched[0].member_reference == "PM-1-8"
    assert len(operator.requests) == 2


def test_the_digital_adapter_asks_only_for_transfers_since(operator):
    from datetime import UTC, datetime

    operator.add("t-1", "a", "1.00", "2026-12-01T10:00:00+00:00")
    operator.add("t-2", "b", "1.00", "2026-12-03T10:00:00+00:00")
    since = datetime(2026, 12, 2, tzinfo=UTC)
    fetched = adapters.DigitalOperator(base_url=operator.url, token="s3cret").fetch_transfers(since)
    assert [t.id for t in fetched] == ["t-2"]
    assert "since=2026-12-02" in operator.requests[0]


@pytest.mark.parametrize("fault", ["token", "fail", "hang"])
def test_the_digital_adapter_reports_a_failing_operator(operator, fault):
    operator.add("t-1", "a", "1.00", "2026-12-01T10:00:00+00:00")
    token = "wrong" if fault == "token" else "s3cret"
    operator.fail = fault == "fail"
    operator.hang = 1.0 if fault == "hang" else 0.0
    client = adapters.DigitalOperator(base_url=operator.url, token=token, timeout=0.3)
    with pytest.raises(adapters.OperatorError):
        client.fetch_transfers(None)


def test_the_comptoir_adapter_has_nothing_to_fetch():
    assert adapters.ComptoirOperator().fetch_transfers(None) == []


@pytest.mark.django_db
def test_the_pull_credits_members_once_and_keeps_unknown_references(operator, monkeypatch):
    monkeypatch.setenv("SOU_OPERATOR_TOKEN", "s3cret")
    make_currency(
        "SOU",
        adapter=Adapter.DIGITAL,
        api_base_url=operator.url,
        api_token_setting="SOU_OPERATOR_TOKEN",
    )
    make_currency("BIL")  # a desk-only currency: nothing fetched
    alice, bob = UserFactory(), UserFactory()
    operator.add("t-1", f"Adhésion {top_up_reference(alice)}", "20.00", "2026-12-01T10:00Z")
    operator.add("t-2", top_up_reference(bob), "5.50", "2026-12-01T11:00:00+00:00")
    operator.add("t-3", "PM-999999-0 inconnu", "7.00", "2026-12-01T12:00:00+00:00")

    assert tasks.pull_operator_transfers.call() == {"SOU": 2}
    tasks.pull_operator_transfers.call()  # again: nothing more

    assert wallet_selectors.balance_of(alice, "SOU") == D("20.00")
    assert wallet_selectors.balance_of(bob, "SOU") == D("5.50")
    assert Transfer.objects.filter(kind=TransferKind.TOP_UP_OPERATOR).count() == 2
    assert Transfer.objects.filter(key="operator:SOU:t-1").exists()
    unmatched = OperatorTransfer.objects.get(status=OperatorTransferStatus.UNMATCHED)
    assert (unmatched.operator_id, unmatched.amount) == ("t-3", D("7.00"))
    assert OperatorTransfer.objects.count() == 3
    assert wallet_selectors.trial_balance() == {"SOU": D("0.00")}

    # Staff credit the unmatched one to the member it was meant for, once.
    staff = UserFactory(is_staff=True)
    services.operator_transfer_assign(record=unmatched, user=bob, by=staff)
    with pytest.raises(services.LocalCurrencyError):
        services.operator_transfer_assign(record=unmatched, user=bob, by=staff)
    assert wallet_selectors.balance_of(bob, "SOU") == D("12.50")


@pytest.mark.django_db
def test_a_failing_operator_is_retried_next_time(operator, monkeypatch):
    monkeypatch.setenv("SOU_OPERATOR_TOKEN", "s3cret")
    sou = make_currency(
        "SOU",
        adapter=Adapter.DIGITAL,
        api_base_url=operator.url,
        api_token_setting="SOU_OPERATOR_TOKEN",
    )
    member = UserFactory()
    operator.add("t-1", top_up_reference(member), "3.00", "2026-12-01T10:00:00+00:00")
    operator.fail = True
    assert services.operator_transfers_pull() == {}
    sou.refresh_from_db()
    assert sou.pulled_until is None

    operator.fail = False
    assert services.operator_transfers_pull() == {"SOU": 1}
    sou.refresh_from_db()
    assert sou.pulled_until is not None
    assert wallet_selectors.balance_of(member, "SOU") == D("3.00")
