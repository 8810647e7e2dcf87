"""Reads of AMAP contracts: what the producer brings, a member's calendar."""

from __future__ import annotations

import datetime
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from shop.distributions.models import Distribution

from .models import (
    Absence,
    Contract,
    ContractStatus,
    ContractSubscription,
    Instalment,
    SubscriptionStatus,
)


def published_contracts() -> QuerySet[Contract]:
    return (
        Contract.objects.filter(status=ContractStatus.PUBLISHED)
        .select_related("producer")
        .order_by("season_start", "title", "pk")
    )


def renewal_invited(contract: Contract) -> QuerySet[ContractSubscription]:
    """Last season's active subscribers, invited to renew first."""
    if contract.renewed_from_id is None:
        return ContractSubscription.objects.none()
    return ContractSubscription.objects.filter(
        contract_id=contract.renewed_from_id, status=SubscriptionStatus.ACTIVE
    ).select_related("user", "partner_user")


@dataclass
class DistributionBaskets:
    distribution: Distribution
    # option label → baskets to bring (absences deducted)
    counts: dict[str, int] = field(default_factory=dict)
    absent: int = 0

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def baskets_per_distribution(contract: Contract) -> list[DistributionBaskets]:
    """Per distribution covered and per option, the baskets the producer brings."""
    active = list(
        contract.subscriptions.filter(status=SubscriptionStatus.ACTIVE).select_related("option")
    )
    absent = set(
        Absence.objects.filter(subscription__in=active).values_list(
            "subscription_id", "distribution_id"
        )
    )
    labels = [option.label for option in contract.options.all()]
    rows = []
    for distribution in contract.distributions.order_by("starts_at", "pk"):
        counts: Counter[str] = Counter(dict.fromkeys(labels, 0))
        missing = 0
        for subscription in active:
            if (subscription.pk, distribution.pk) in absent:
                missing += 1
            else:
                counts[subscription.option.label] += 1
        rows.append(DistributionBaskets(distribution, dict(counts), missing))
    return rows


@dataclass
class CalendarEntry:
    on: datetime.date
    kind: str  # "basket" or "instalment"
    subscription: ContractSubscription
    distribution: Distribution | None = None
    absent: bool = False
    instalment: Instalment | None = None
    amount: Decimal | None = None


def held_subscriptions(user: Any) -> QuerySet[ContractSubscription]:
    """The member's live subscriptions, their own and those shared with them."""
    return (
        ContractSubscription.objects.filter(Q(user=user) | Q(partner_user=user))
        .exclude(status=SubscriptionStatus.CANCELLED)
        .select_related("contract", "option", "user", "partner_user")
    )


def member_calendar(user: Any) -> list[CalendarEntry]:
    """Baskets (absences marked) and instalments of the member, by date."""
    entries: list[CalendarEntry] = []
    for subscription in held_subscriptions(user).filter(status=SubscriptionStatus.ACTIVE):
        absent = set(subscription.absences.values_list("distribution_id", flat=True))
        for distribution in subscription.contract.distributions.all():
            entries.append(
                CalendarEntry(
                    on=distribution.starts_at.date(),
                    kind="basket",
                    subscription=subscription,
                    distribution=distribution,
                    absent=distribution.pk in absent,
                )
            )
        for instalment in subscription.instalments.all():
            entries.append(
                CalendarEntry(
                    on=instalment.due_on,
                    kind="instalment",
                    subscription=subscription,
                    instalment=instalment,
                    amount=instalment.amount,
                )
            )
    entries.sort(key=lambda entry: (entry.on, entry.kind, entry.subscription.pk))
    return entries
