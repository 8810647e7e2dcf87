"""The contract with the checkout (walletpay): local_parts, wallet_pay_local and
wallet_refund_local; the ledger stays balanced per currency."""

from __future__ import annotations

from decimal import Decimal
from types import SimpleNamespace

import pytest

from shop.wallet import selectors as wallet_selectors
from shop.wallet.currencies import selectors, services
from shop.wallet.currencies.selectors import LocalPart
from shop.wallet.models import Account, AccountKind, Transfer, TransferKind
from shop.wallet.services import WalletError, account_balance
from tests.factories import ProducerFactory, UserFactory

from .helpers import accept, credit, make_currency

pytestmark = pytest.mark.django_db

D = Decimal


@pytest.fixture
def s():
    sou = make_currency("SOU", name="Sou", symbol="Sou")
    a, b, c = ProducerFactory(), ProducerFactory(), ProducerFactory()
    accept(a, sou)
    accept(b, sou)
    accept(c, sou, active=False)
    member = UserFactory()
    credit(member, sou, "30.00")
    return SimpleNamespace(sou=sou, a=a, b=b, c=c, member=member)


def _owed(partner, code):
    account = Account.objects.filter(kind=AccountKind.PRODUCER, partner=partner, currency=code)
    return account_balance(account.get()) if account.exists() else D("0.00")


def test_local_parts_counts_only_accepting_producers_and_caps_at_the_balance(s):
    other = ProducerFactory()
    amounts = {other.pk: D("100.00"), s.a.pk: D("12.50"), s.c.pk: D("40.00"), s.b.pk: D("25.00")}

    parts = selectors.local_parts(user=s.member, producer_amounts=amounts)

    assert parts == [
        LocalPart(
            currency="SOU",
            name="Sou",
            symbol="Sou",
            balance=D("30.00"),
            eligible=D("37.50"),
            payable=D("30.00"),
            producer_ids=(s.a.pk, s.b.pk),
        )
    ]


def test_local_parts_payable_is_the_eligible_amount_when_the_balance_covers_it(s):
    [part] = selectors.local_parts(user=s.member, producer_amounts={s.a.pk: D("8.20")})
    assert (part.eligible, part.payable, part.producer_ids) == (D("8.20"), D("8.20"), (s.a.pk,))


def test_local_parts_is_empty_without_a_positive_balance_or_an_active_currency(s):
    assert selectors.local_parts(user=UserFactory(), producer_amounts={s.a.pk: D("5")}) == []
    s.sou.active = False
    s.sou.save()
    assert selectors.local_parts(user=s.member, producer_amounts={s.a.pk: D("5")}) == []


def test_paying_allocates_over_accepting_producers_in_order_and_balances(s):
    amounts = {s.b.pk: D("10.00"), s.c.pk: D("50.00"), s.a.pk: D("20.00")}

    transfer = services.wallet_pay_local(
        user=s.member,
        currency="SOU",
        amount=D("25.00"),
        producer_amounts=amounts,
        key="order:1:SOU",
        reference="1",
    )

    assert transfer.kind == TransferKind.PAYMENT and transfer.currency == "SOU"
    assert wallet_selectors.balance_of(s.member, "SOU") == D("5.00")
    assert (_owed(s.b, "SOU"), _owed(s.a, "SOU"), _owed(s.c, "SOU")) == (
        D("10.00"),
        D("15.00"),
        D("0.00"),
    )
    assert sum(p.amount for p in transfer.postings.all()) == 0
    assert wallet_selectors.trial_balance() == {"SOU": D("0.00")}


def test_the_same_key_pays_once(s):
    kwargs = dict(  # noqa: C408
        user=s.member,
        currency="SOU",
        amount=D("10.00"),
        producer_amounts={s.a.pk: D("10.00")},
        key="order:2:SOU",
        reference="2",
    )
    first = services.wallet_pay_local(**kwargs)
    again = services.wallet_pay_local(**kwargs)
    assert first.pk == again.pk
    assert wallet_selectors.balance_of(s.member, "SOU") == D("20.00")


def test_an_amount_above_the_balance_is_refused_without_overdraft(s):
    wallet_account = Account.objects.get(kind=AccountKind.MEMBER, user=s.member, currency="SOU")
    wallet_account.overdraft_limit = D("100.00")
    wallet_account.save()
    with pytest.raises(services.LocalCurrencyError, match=r"30\.00"):
        services.wallet_pay_local(
            user=s.member,
            currency="SOU",
            amount=D("30.01"),
            producer_amounts={s.a.pk: D("100.00")},
            key="order:3:SOU",
            reference="3",
        )
    assert not Transfer.objects.filter(key="order:3:SOU").exists()


def test_an_amount_above_the_accepting_producers_lines_is_refused(s):
    with pytest.raises(WalletError, match=r"12\.00"):
        services.wallet_pay_local(
            user=s.member,
            currency="SOU",
            amount=D("12.01"),
            producer_amounts={s.a.pk: D("12.00"), s.c.pk: D("50.00")},
            key="order:4:SOU",
            reference="4",
        )
    assert not Transfer.objects.filter(key="order:4:SOU").exists()
    assert wallet_selectors.balance_of(s.member, "SOU") == D("30.00")


def test_paying_in_an_unknown_or_inactive_currency_is_refused(s):
    s.sou.active = False
    s.sou.save()
    with pytest.raises(services.LocalCurrencyError):
        services.wallet_pay_local(
            user=s.member,
            currency="SOU",
            amount=D("1.00"),
            producer_amounts={s.a.pk: D("5.00")},
            key="order:5:SOU",
            reference="5",
        )


def test_a_refund_reverses_the_payment_once(s):
    services.wallet_pay_local(
        user=s.member,
        currency="SOU",
        amount=D("18.00"),
        producer_amounts={s.a.pk: D("10.00"), s.b.pk: D("10.00")},
        key="order:6:SOU",
        reference="6",
    )
    first = services.wallet_refund_local(transfer_key="order:6:SOU", key="refund:6:SOU")
    again = services.wallet_refund_local(transfer_key="order:6:SOU", key="refund:6:SOU")

    assert first is not None and first.pk == again.pk
    assert first.kind == TransferKind.REFUND
    assert wallet_selectors.balance_of(s.member, "SOU") == D("30.00")
    assert (_owed(s.a, "SOU"), _owed(s.b, "SOU")) == (D("0.00"), D("0.00"))
    assert wallet_selectors.trial_balance() == {"SOU": D("0.00")}


def test_refunding_an_unknown_or_euro_payment_returns_none(s):
    assert services.wallet_refund_local(transfer_key="nope", key="refund:x") is None
    from shop.wallet import services as wallet_services

    wallet_services.wallet_top_up_cash(user=s.member, amount=D("5"), by=None, key="cash:1")
    wallet_services.wallet_pay(user=s.member, amount=D("5"), key="order:eur", reference="e")
    assert services.wallet_refund_local(transfer_key="order:eur", key="refund:eur") is None


def test_desk_credit_moves_units_from_the_exchange_account(s):
    exchange = Account.objects.get(kind=AccountKind.EXCHANGE, currency="SOU")
    assert account_balance(exchange) == D("-30.00")
    with pytest.raises(services.LocalCurrencyError):
        services.currency_credit_at_desk(
            user=s.member, currency="EUR", amount=D("5"), by=None, key="desk:eur"
        )


def test_a_settlement_pays_what_is_owed_and_no_more(s):
    services.wallet_pay_local(
        user=s.member,
        currency="SOU",
        amount=D("20.00"),
        producer_amounts={s.a.pk: D("20.00")},
        key="order:7:SOU",
        reference="7",
    )
    staff = UserFactory(is_staff=True)
    with pytest.raises(services.LocalCurrencyError):
        services.currency_settle(
            partner=s.a, currency="SOU", amount=D("20.01"), by=staff, key="settle:x"
        )
    settled = services.currency_settle(
        partner=s.a, currency="SOU", amount=D("15.00"), by=staff, note="Billets", key="settle:1"
    )
    services.currency_settle(
        partner=s.a, currency="SOU", amount=D("15.00"), by=staff, note="Billets", key="settle:1"
    )
    assert settled.kind == TransferKind.SETTLEMENT and settled.created_by == staff
    assert _owed(s.a, "SOU") == D("5.00")
    assert wallet_selectors.trial_balance() == {"SOU": D("0.00")}


def test_a_producer_account_cannot_hold_a_member_or_be_a_system_account():
    from django.db import IntegrityError, transaction

    from shop.wallet.services import system_account

    with pytest.raises(ValueError):
        system_account(AccountKind.PRODUCER, "SOU")
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.create(kind=AccountKind.PRODUCER, currency="SOU", user=UserFactory())
    with pytest.raises(IntegrityError), transaction.atomic():
        Account.objects.create(kind=AccountKind.BANK, currency="SOU", partner=ProducerFactory())
