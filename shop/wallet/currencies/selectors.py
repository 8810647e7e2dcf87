"""Reads of local currencies: what a member may pay in them at checkout, who accepts
them, and what the cooperative owes each producer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum
from django.db.models.functions import TruncMonth

from shop.wallet.models import Account, AccountKind, Posting, TransferKind
from shop.wallet.selectors import balances_of
from shop.wallet.services import CENT

from .models import LocalCurrency, OperatorTransfer, OperatorTransferStatus, ProducerAcceptance

ZERO = Decimal("0.00")


@dataclass(frozen=True)
class LocalPart:
    """What a member may pay of a basket in one local currency."""

    currency: str
    name: str
    symbol: str
    balance: Decimal
    eligible: Decimal
    payable: Decimal
    producer_ids: tuple[int, ...]


def active_currencies() -> QuerySet[LocalCurrency]:
    return LocalCurrency.objects.filter(active=True)


def accepting_partner_ids(*, currency: str) -> set[int]:
    """Producers who accept the (active) currency `currency` today."""
    return set(
        ProducerAcceptance.objects.filter(
            currency__code=currency, currency__active=True, active=True
        ).values_list("partner_id", flat=True)
    )


def local_parts(*, user: Any, producer_amounts: dict[int, Decimal]) -> list[LocalPart]:
    """One LocalPart per active local currency the member holds a positive balance in:
    the basket's lines of producers accepting it can be paid with it, up to the
    balance."""
    if not getattr(user, "is_authenticated", False):
        return []
    balances = balances_of(user)
    parts = []
    for currency in active_currencies().filter(code__in=list(balances)):
        balance = balances[currency.code]
        if balance <= 0:
            continue
        accepting = accepting_partner_ids(currency=currency.code)
        producer_ids = tuple(pk for pk in producer_amounts if pk in accepting)
        eligible = sum((Decimal(producer_amounts[pk]) for pk in producer_ids), ZERO)
        eligible = eligible.quantize(CENT)
        parts.append(
            LocalPart(
                currency=currency.code,
                name=currency.name,
                symbol=currency.symbol,
                balance=balance,
                eligible=eligible,
                payable=min(balance, eligible),
                producer_ids=producer_ids,
            )
        )
    return parts


def acceptances_of(partner: Any) -> QuerySet[ProducerAcceptance]:
    return ProducerAcceptance.objects.filter(partner=partner).select_related("currency")


def producer_accounts(partner: Any) -> QuerySet[Account]:
    return Account.objects.filter(kind=AccountKind.PRODUCER, partner=partner).order_by("currency")


def monthly_receipts(account: Account) -> list[dict[str, Any]]:
    """Per month (newest first): what the producer received in payments (net of refunds)
    and what the cooperative settled."""
    rows = (
        Posting.objects.filter(account=account)
        .annotate(month=TruncMonth("transfer__created_at"))
        .values("month")
        .annotate(
            received=Sum(
                "amount",
                filter=Q(transfer__kind__in=[TransferKind.PAYMENT, TransferKind.REFUND]),
            ),
            settled=Sum("amount", filter=Q(transfer__kind=TransferKind.SETTLEMENT)),
        )
        .order_by("-month")
    )
    return [
        {
            "month": row["month"].date() if hasattr(row["month"], "date") else row["month"],
            "received": (row["received"] or ZERO).quantize(CENT),
            "settled": -(row["settled"] or ZERO).quantize(CENT),
        }
        for row in rows
    ]


@dataclass(frozen=True)
class Owed:
    """What the cooperative owes a producer in one currency."""

    partner_id: int
    partner_name: str
    siret: str
    currency: str
    received: Decimal
    settled: Decimal

    @property
    def owed(self) -> Decimal:
        return self.received - self.settled


def amounts_owed(*, currency: str = "", until: date | None = None) -> list[Owed]:
    """Per producer account: received (payments net of refunds), settled, owed."""
    postings = Posting.objects.filter(account__kind=AccountKind.PRODUCER)
    if currency:
        postings = postings.filter(account__currency=currency)
    if until:
        postings = postings.filter(transfer__created_at__date__lte=until)
    rows = (
        postings.values(
            "account__partner_id",
            "account__partner__name",
            "account__partner__siret",
            "account__currency",
        )
        .annotate(
            received=Sum(
                "amount",
                filter=Q(transfer__kind__in=[TransferKind.PAYMENT, TransferKind.REFUND]),
            ),
            settled=Sum("amount", filter=Q(transfer__kind=TransferKind.SETTLEMENT)),
        )
        .order_by("account__partner__name", "account__currency")
    )
    return [
        Owed(
            partner_id=row["account__partner_id"],
            partner_name=row["account__partner__name"],
            siret=row["account__partner__siret"] or "",
            currency=row["account__currency"],
            received=(row["received"] or ZERO).quantize(CENT),
            settled=-(row["settled"] or ZERO).quantize(CENT),
        )
        for row in rows
    ]


def unmatched_operator_transfers() -> QuerySet[OperatorTransfer]:
    return OperatorTransfer.objects.filter(status=OperatorTransferStatus.UNMATCHED).select_related(
        "currency"
    )


def operator_transfers() -> QuerySet[OperatorTransfer]:
    return OperatorTransfer.objects.select_related("currency", "transfer")


def settlements(*, partner: Any = None) -> QuerySet[Posting]:
    postings = Posting.objects.filter(
        account__kind=AccountKind.PRODUCER, transfer__kind=TransferKind.SETTLEMENT
    ).select_related("transfer", "transfer__created_by", "account", "account__partner")
    if partner is not None:
        postings = postings.filter(account__partner=partner)
    return postings.order_by("-transfer__created_at", "-id")
