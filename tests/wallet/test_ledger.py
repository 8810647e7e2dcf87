"""The wallet's ledger: balanced transfers, balances as sums, idempotent writes, the
overdraft rule, and bank-statement top-ups applied once."""

from __future__ import annotations

from decimal import Decimal

import pytest

from shop.payments.bank_statements import services as statements
from shop.payments.references import make_reference
from shop.wallet import selectors, services, transfers
from shop.wallet.models import AccountKind, Posting, Transfer, TransferKind
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _cash(user, amount, key):
    return services.wallet_top_up_cash(
        user=user, amount=Decimal(amount), by=UserFactory(is_staff=True), key=key
    )


def test_a_mixed_scenario_leaves_every_currency_balanced_at_zero():
    alice, bob = UserFactory(), UserFactory()
    _cash(alice, "50.00", "cash-1")
    _cash(bob, "10.00", "cash-2")
    services.wallet_credit(
        user=bob,
        amount=Decimal("30.00"),
        kind=TransferKind.TOP_UP_CARD,
        source=AccountKind.CARD,
        key="pi_1",
    )
    services.wallet_pay(user=alice, amount=Decimal("12.34"), key="order:1", reference="1")
    services.wallet_pay(user=bob, amount=Decimal("40.00"), key="order:2", reference="2")
    services.wallet_refund(user=alice, amount=Decimal("2.34"), key="refund:1", reference="1")

    assert selectors.balance_of(alice) == Decimal("40.00")
    assert selectors.balance_of(bob) == Decimal("0.00")
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}
    for transfer in Transfer.objects.all():
        assert sum(p.amount for p in transfer.postings.all()) == 0
        assert transfer.postings.count() >= 2
    sales = services.system_account(AccountKind.SALES)
    assert services.account_balance(sales) == Decimal("50.00")


def test_the_balance_is_the_sum_of_postings_not_a_stored_counter():
    member = UserFactory()
    _cash(member, "20.00", "cash-1")
    account = services.member_account(user=member)
    # Another posting written straight into the ledger moves the balance.
    Posting.objects.create(
        transfer=Transfer.objects.get(key="cash-1"), account=account, amount=Decimal("1.00")
    )
    assert selectors.balance_of(member) == Decimal("21.00")


def test_the_same_key_pays_once():
    member = UserFactory()
    _cash(member, "20.00", "cash-1")
    first = services.wallet_pay(user=member, amount=Decimal("5"), key="order:9", reference="9")
    again = services.wallet_pay(user=member, amount=Decimal("5"), key="order:9", reference="9")
    assert first.pk == again.pk
    assert selectors.balance_of(member) == Decimal("15.00")


def test_a_payment_beyond_the_balance_is_refused_and_writes_nothing():
    member = UserFactory()
    _cash(member, "10.00", "cash-1")
    with pytest.raises(services.InsufficientBalance, match=r"10\.00"):
        services.wallet_pay(user=member, amount=Decimal("10.01"), key="o:1", reference="1")
    assert not Transfer.objects.filter(key="o:1").exists()
    assert selectors.balance_of(member) == Decimal("10.00")


def test_an_overdraft_granted_by_staff_lets_the_balance_go_below_zero_up_to_it():
    member, staff = UserFactory(), UserFactory(is_staff=True)
    with pytest.raises(services.WalletError):
        services.wallet_set_overdraft(user=member, limit=Decimal("15"), by=staff, reason=" ")
    services.wallet_set_overdraft(user=member, limit=Decimal("15"), by=staff, reason="Harvest")
    services.wallet_pay(user=member, amount=Decimal("15.00"), key="o:1", reference="1")
    assert selectors.balance_of(member) == Decimal("-15.00")
    with pytest.raises(services.InsufficientBalance):
        services.wallet_pay(user=member, amount=Decimal("0.01"), key="o:2", reference="2")
    change = services.member_account(user=member).overdraft_changes.get()
    assert (change.limit, change.changed_by, change.reason) == (Decimal("15.00"), staff, "Harvest")


@pytest.mark.parametrize("amount", ["0", "-5", "1.234"])
def test_amounts_are_positive_euros_and_cents(amount):
    with pytest.raises(services.WalletError):
        _cash(UserFactory(), amount, "cash-x")
    assert not Transfer.objects.exists()


def test_an_unbalanced_transfer_cannot_be_written():
    account = services.member_account(user=UserFactory())
    with pytest.raises(ValueError, match="Unbalanced"):
        services._write(kind=TransferKind.ADJUSTMENT, key="k", legs=[(account, Decimal("1"))])


def test_statement_pages_show_the_balance_after_each_movement():
    member = UserFactory()
    _cash(member, "20.00", "cash-1")
    services.wallet_pay(user=member, amount=Decimal("7.50"), key="o:1", reference="1")
    _cash(member, "5.00", "cash-2")
    rows = list(selectors.statement(services.member_account(user=member)))
    assert [(r.amount, r.balance_after) for r in rows] == [
        (Decimal("5.00"), Decimal("17.50")),
        (Decimal("-7.50"), Decimal("12.50")),
        (Decimal("20.00"), Decimal("20.00")),
    ]


def test_a_transfer_quoting_the_wallet_reference_tops_it_up_once_even_imported_twice():
    member, staff = UserFactory(), UserFactory(is_staff=True)
    reference = transfers.top_up_reference(member)
    assert reference == make_reference("PM", str(services.member_account(user=member).pk))
    content = f"Date;Libellé;Montant\n03/02/2026;VIR M DURAND {reference};45,00\n".encode()

    statements.statement_import(content=content, file_name="releve.csv", by=staff)
    statements.statement_import(content=content, file_name="releve-bis.csv", by=staff)

    assert selectors.balance_of(member) == Decimal("45.00")
    transfer = Transfer.objects.get(kind=TransferKind.TOP_UP_TRANSFER)
    assert transfer.created_by == staff
    assert transfer.reference == reference
