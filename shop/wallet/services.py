"""Every write to the wallet's ledger: one typed function per operation, each in a
transaction, idempotent by its key, audited by the transfer it writes (who, when, why).

Spending locks the member's account row (`select_for_update`) before adding up its
postings, so parallel payments from one balance are serialised: on PostgreSQL 20 payments
racing for a balance that covers 3 make exactly 3 (tests/wallet/test_concurrency.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Sum
from django.utils.translation import gettext as _

from .models import (
    EURO,
    HELD_KINDS,
    Account,
    AccountKind,
    OverdraftChange,
    Posting,
    Transfer,
    TransferKind,
)

CENT = Decimal("0.01")


class WalletError(ValidationError):
    """A wallet operation refused, with a message for the person who asked."""


class InsufficientBalance(WalletError):
    pass


def to_cents(amount: Decimal | int | str) -> Decimal:
    value = Decimal(amount)
    if value != value.quantize(CENT):
        raise WalletError(_("Amounts are in euros and cents (two decimal places)."))
    return value.quantize(CENT)


def _positive(amount: Decimal | int | str) -> Decimal:
    value = to_cents(amount)
    if value <= 0:
        raise WalletError(_("The amount must be greater than zero."))
    return value


def member_account(*, user: Any, currency: str = EURO, lock: bool = False) -> Account:
    """The member's wallet in `currency`, opened at first use (locked when asked)."""
    account, _created = Account.objects.get_or_create(
        kind=AccountKind.MEMBER, user=user, currency=currency
    )
    if lock:
        account = Account.objects.select_for_update().get(pk=account.pk)
    return account


def system_account(kind: AccountKind | str, currency: str = EURO) -> Account:
    if kind in HELD_KINDS:
        raise ValueError(f"A {kind} account has a holder: it is not a system account.")
    account, _created = Account.objects.get_or_create(
        kind=kind, currency=currency, user=None, partner=None
    )
    return account


def account_balance(account: Account) -> Decimal:
    total = account.postings.aggregate(total=Sum("amount"))["total"]
    return (total or Decimal("0")).quantize(CENT)


def _existing(key: str) -> Transfer | None:
    return Transfer.objects.filter(key=key).first()


def _write(
    *,
    kind: TransferKind,
    key: str,
    legs: Iterable[tuple[Account, Decimal]],
    reference: str = "",
    label: str = "",
    note: str = "",
    by: Any = None,
) -> Transfer:
    """Write one balanced transfer (inside the caller's transaction)."""
    legs = [(account, to_cents(amount)) for account, amount in legs if amount]
    currencies = {account.currency for account, _amount in legs}
    if len(legs) < 2 or sum(amount for _account, amount in legs) != 0 or len(currencies) != 1:
        raise ValueError(f"Unbalanced wallet transfer {key!r}: {legs!r}")
    try:
        with transaction.atomic():
            transfer = Transfer.objects.create(
                kind=kind,
                currency=currencies.pop(),
                key=key,
                reference=reference[:120],
                label=label[:200],
                note=note,
                created_by=by if getattr(by, "pk", None) else None,
            )
    except IntegrityError:
        # The same key written meanwhile by a parallel call: that one stands.
        existing = _existing(key)
        if existing is None:
            raise
        return existing
    Posting.objects.bulk_create(
        Posting(transfer=transfer, account=account, amount=amount) for account, amount in legs
    )
    return transfer


def wallet_credit(
    *,
    user: Any,
    amount: Decimal,
    kind: TransferKind,
    source: AccountKind,
    key: str,
    currency: str = EURO,
    reference: str = "",
    label: str = "",
    note: str = "",
    by: Any = None,
) -> Transfer:
    """Money comes into a member's wallet from `source` (a top-up, a refund, an
    exchange). Idempotent: a second call with the same key returns the first transfer."""
    amount = _positive(amount)
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        account = member_account(user=user, currency=currency, lock=True)
        return _write(
            kind=kind,
            key=key,
            legs=[(account, amount), (system_account(source, currency), -amount)],
            reference=reference,
            label=label,
            note=note,
            by=by,
        )


def wallet_top_up_cash(
    *, user: Any, amount: Decimal, by: Any, place: str = "", note: str = "", key: str
) -> Transfer:
    """Cash or cheque handed to staff or a coordinator at a pickup point."""
    return wallet_credit(
        user=user,
        amount=amount,
        kind=TransferKind.TOP_UP_CASH,
        source=AccountKind.CASH,
        key=key,
        reference=place,
        label=_("Top-up at %(place)s") % {"place": place} if place else _("Top-up at pickup"),
        note=note,
        by=by,
    )


def spendable(account: Account) -> Decimal:
    """What the account may still pay: its balance plus the overdraft staff granted."""
    return account_balance(account) + account.overdraft_limit


def wallet_pay(
    *,
    user: Any,
    amount: Decimal,
    key: str,
    reference: str,
    label: str = "",
    currency: str = EURO,
    by: Any = None,
) -> Transfer:
    """Pay `amount` from the member's wallet to the shop's sales account.

    Refused with InsufficientBalance when the balance (plus any overdraft granted) does
    not cover it. Idempotent by `key` (e.g. "order:100042"): a retry pays once."""
    amount = _positive(amount)
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        account = member_account(user=user, currency=currency, lock=True)
        available = spendable(account)
        if amount > available:
            raise InsufficientBalance(
                _("Your wallet holds %(available)s %(currency)s: not enough to pay %(amount)s.")
                % {
                    "available": max(available, Decimal("0")),
                    "currency": currency,
                    "amount": amount,
                }
            )
        return _write(
            kind=TransferKind.PAYMENT,
            key=key,
            legs=[(account, -amount), (system_account(AccountKind.SALES, currency), amount)],
            reference=reference,
            label=label or _("Payment %(reference)s") % {"reference": reference},
            by=by,
        )


def wallet_refund(
    *,
    user: Any,
    amount: Decimal,
    key: str,
    reference: str,
    note: str = "",
    currency: str = EURO,
    by: Any = None,
) -> Transfer:
    """Give back to the member's wallet what an order (or part of it) cost."""
    return wallet_credit(
        user=user,
        amount=amount,
        kind=TransferKind.REFUND,
        source=AccountKind.SALES,
        key=key,
        currency=currency,
        reference=reference,
        label=_("Refund %(reference)s") % {"reference": reference},
        note=note,
        by=by,
    )


def wallet_set_overdraft(
    *, user: Any, limit: Decimal, by: Any, reason: str, currency: str = EURO
) -> Account:
    """Staff allow a member's wallet to go down to -limit (0: no overdraft)."""
    limit = to_cents(limit)
    if limit < 0:
        raise WalletError(_("The overdraft limit cannot be negative."))
    if not reason.strip():
        raise WalletError(_("Say why the overdraft limit changes."))
    with transaction.atomic():
        account = member_account(user=user, currency=currency, lock=True)
        account.overdraft_limit = limit
        account.save(update_fields=["overdraft_limit"])
        OverdraftChange.objects.create(
            account=account, limit=limit, changed_by=by, reason=reason.strip()
        )
    return account
