"""Demo AMAP contract: a season of vegetable baskets (20 weekly Friday distributions
from next week, two sizes) with subscribers, one shared basket and absences.
The baskets are collected at the shop's Friday distributions (the first two are the
distributions demo's); the later ones open for ordering a week before, so the shop's
current distribution stays the one with products on offer.
Idempotent: distributions are keyed on (title, pickup start), the contract on its title,
subscriptions on (contract, member); services run only for what is missing."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from shop.demo import upsert
from shop.distributions.models import Distribution, DistributionStatus
from shop.shipping.models import PickupPoint

from . import services
from .models import Contract, ContractOption, ContractStatus, ContractSubscription

Partner = get_model("partner", "Partner")

TITLE = "Panier de légumes bio — saison"
DISTRIBUTION_TITLE = "Distribution du vendredi"  # as shop.distributions.demo
WEEKS = 20
FRIDAY = 4


def _local(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _fridays(today: datetime.date) -> list[datetime.date]:
    next_monday = today + datetime.timedelta(days=7 - today.weekday())
    return [next_monday + datetime.timedelta(days=FRIDAY + 7 * week) for week in range(WEEKS)]


def load_contracts_demo(
    *,
    coordinator_email: str,
    member_emails: Sequence[str],
    pickup_points: Sequence[PickupPoint],
    today: datetime.date | None = None,
) -> Contract | None:
    today = today or timezone.localdate()
    User = get_user_model()
    coordinator = User.objects.filter(email=coordinator_email).first()
    producer = Partner.objects.filter(charter_status="membre").order_by("name").first()
    if coordinator is None or producer is None:
        return None
    days = _fridays(today)
    distributions = []
    for day in days:
        distribution, _created = upsert(
            Distribution,
            {"title": DISTRIBUTION_TITLE, "starts_at": _local(day, 17)},
            {
                "ends_at": _local(day, 19, 30),
                "closes_at": _local(day - datetime.timedelta(days=2), 20),
                "status": DistributionStatus.PUBLISHED,
            },
            create_only={"opens_at": _local(day - datetime.timedelta(days=9), 20)},
        )
        distribution.producers.add(producer)
        if pickup_points:
            distribution.pickup_points.add(pickup_points[0])
        distributions.append(distribution)
    contract, created = upsert(
        Contract,
        {"title": TITLE},
        {
            "producer": producer,
            "coordinator": coordinator,
            "season_start": days[0],
            "season_end": days[-1],
            "terms": (
                "Je m’engage pour toute la saison : un panier chaque vendredi, payé d’avance "
                "en une ou plusieurs échéances. Les absences (4 au plus, déclarées 2 jours "
                "avant) ne sont pas remboursées : le maraîcher a semé pour moi."
            ),
            "max_absences": 4,
            "absence_deadline_days": 2,
            "capacity": 40,
        },
    )
    if created:
        contract.distributions.set(distributions)
        ContractOption.objects.create(
            contract=contract, label="Petit panier", price=Decimal("12.00"), position=0
        )
        ContractOption.objects.create(
            contract=contract, label="Grand panier", price=Decimal("19.50"), position=1
        )
    if contract.status == ContractStatus.DRAFT:
        contract = services.contract_publish(contract=contract, by=coordinator)
    members = list(User.objects.filter(email__in=member_emails).order_by("email"))
    options = list(contract.options.all())
    weeks = list(contract.distributions.order_by("starts_at"))
    for index, member in enumerate(members[:4]):
        if ContractSubscription.objects.filter(contract=contract, user=member).exists():
            continue
        subscription = services.contract_subscribe(
            contract=contract,
            user=member,
            option=options[index % len(options)],
            terms_version=contract.terms_version,
            instalments=1 + index % 4,
            method="cheque",
        )
        if index == 0 and len(members) > 4:
            services.subscription_share(subscription=subscription, with_user=members[4])
        for week in weeks[2 + index : 3 + index + index % 2]:
            services.absence_declare(subscription=subscription, distribution=week, by=member)
    return contract
