"""Wallet top-ups by bank transfer: each member's wallet has its own reference
("PM-<account>-<check digit>") to quote; the bank statement matcher credits the wallet
with whatever amount the line brings, once per line."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from shop.payments.bank_statements.models import StatementLine
from shop.payments.bank_statements.registry import MatchRefused
from shop.payments.references import make_reference

from . import services
from .models import EURO, Account, AccountKind, TransferKind

REFERENCE_PREFIX = "PM"


def top_up_reference(user: Any) -> str:
    """The reference a member quotes on a transfer to top up their euro wallet."""
    account = services.member_account(user=user, currency=EURO)
    return make_reference(REFERENCE_PREFIX, str(account.pk))


def apply_statement_line(*, number: str, line: StatementLine, by: Any) -> str:
    """Credit the wallet `number` with the line's amount (the statement's transaction
    holds this; the line's fingerprint keeps it from being credited twice)."""
    account = Account.objects.filter(
        pk=int(number) if number.isdigit() else 0, kind=AccountKind.MEMBER, currency=EURO
    ).first()
    if account is None:
        raise MatchRefused(_("no wallet has this reference."))
    if line.amount <= 0:
        raise MatchRefused(_("only a credit can top up a wallet."))
    services.wallet_credit(
        user=account.user,
        amount=line.amount,
        kind=TransferKind.TOP_UP_TRANSFER,
        source=AccountKind.BANK,
        key=f"bank-line:{line.fingerprint}",
        reference=make_reference(REFERENCE_PREFIX, number),
        label=_("Top-up by bank transfer"),
        note=line.label[:200],
        by=by,
    )
    return _("Wallet %(reference)s topped up with %(amount)s €.") % {
        "reference": make_reference(REFERENCE_PREFIX, number),
        "amount": line.amount,
    }
