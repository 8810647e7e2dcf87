"""Reads of the wallet: balances, statements, and the ledger's trial balance."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet, Sum, Window

from .models import EURO, Account, AccountKind, Posting
from .services import CENT


def balances_of(user: Any) -> dict[str, Decimal]:
    """The member's balance per currency (EUR always present, 0 when no wallet yet)."""
    rows = (
        Posting.objects.filter(account__kind=AccountKind.MEMBER, account__user=user)
        .values("account__currency")
        .annotate(total=Sum("amount"))
    )
    balances = {EURO: Decimal("0.00")}
    balances.update({row["account__currency"]: row["total"].quantize(CENT) for row in rows})
    return balances


def balance_of(user: Any, currency: str = EURO) -> Decimal:
    if not getattr(user, "is_authenticated", False):
        return Decimal("0.00")
    return balances_of(user).get(currency, Decimal("0.00"))


def statement(account: Account) -> QuerySet[Posting]:
    """The account's postings, newest first, each with the balance after it."""
    running = Window(Sum("amount"), order_by=[F("transfer__created_at").asc(), F("id").asc()])
    return (
        Posting.objects.filter(account=account)
        .select_related("transfer")
        .annotate(balance_after=running)
        .order_by("-transfer__created_at", "-id")
    )


def trial_balance() -> dict[str, Decimal]:
    """The sum of all postings per currency: zero when the ledger is sound."""
    rows = Posting.objects.values("account__currency").annotate(total=Sum("amount"))
    return {row["account__currency"]: row["total"] for row in rows}


def member_accounts_with_balance() -> QuerySet[Account]:
    return (
        Account.objects.filter(kind=AccountKind.MEMBER)
        .select_related("user")
        .annotate(balance=Sum("postings__amount"))
        .order_by("user__last_name", "user__first_name", "user__email", "currency")
    )


def spendable_of(user: Any, currency: str = EURO) -> Decimal:
    """What the member may pay from their wallet now: balance plus any overdraft staff
    granted (0 for a visitor or a member without a wallet)."""
    if not getattr(user, "is_authenticated", False):
        return Decimal("0.00")
    account = Account.objects.filter(kind=AccountKind.MEMBER, user=user, currency=currency).first()
    if account is None:
        return Decimal("0.00")
    return max(balance_of(user, currency) + account.overdraft_limit, Decimal("0.00"))
