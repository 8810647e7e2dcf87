"""Assemblies' fixtures: members (admitted now), then an assembly whose window opens
after their admission, published with two resolutions."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from community.cooperative import services as cooperative
from community.cooperative.assemblies import services
from community.cooperative.assemblies.models import Assembly, Ballot
from community.cooperative.models import College, PaymentMethod
from tests.factories import UserFactory

F, A, N = Ballot.Choice.FOR, Ballot.Choice.AGAINST, Ballot.Choice.ABSTAIN


def member_in(staff, code: str = "consommateurs", user=None):
    user = user or UserFactory()
    subscription = cooperative.subscription_apply(
        user=user, shares=1, method=PaymentMethod.TRANSFER, college=College.objects.get(code=code)
    )
    cooperative.subscription_record_payment(
        subscription=subscription,
        amount=subscription.amount,
        method=PaymentMethod.TRANSFER,
        by=staff,
    )
    return user.cooperative_member


def convene(
    staff,
    *,
    kind: str = Assembly.Kind.ORDINARY,
    resolutions: int = 2,
    opens_in: datetime.timedelta = datetime.timedelta(0),
    publish: bool = True,
) -> Assembly:
    now = timezone.now()
    assembly = services.assembly_convene(
        by=staff,
        title="AG 2027",
        kind=kind,
        held_on=now + datetime.timedelta(days=10),
        opens_at=now + opens_in,
        closes_at=now + opens_in + datetime.timedelta(days=7),
        agenda="1. Comptes\n2. Résolutions",
    )
    for number in range(1, resolutions + 1):
        services.resolution_add(
            assembly=assembly, by=staff, title=f"Résolution {number}", text="L'assemblée décide."
        )
    if publish:
        assembly = services.assembly_publish(assembly=assembly, by=staff)
    return assembly


def close(assembly: Assembly) -> Assembly:
    """Move the window into the past (as time would)."""
    now = timezone.now()
    Assembly.objects.filter(pk=assembly.pk).update(
        opens_at=assembly.opens_at - datetime.timedelta(days=30),
        closes_at=now - datetime.timedelta(seconds=1),
    )
    assembly.refresh_from_db()
    return assembly


def all_(assembly: Assembly, choice: str) -> dict[int, str]:
    return {r.pk: choice for r in assembly.resolutions.all()}


@pytest.fixture
def members(rules, staff):
    """Four members of the consumers' college, admitted before the assembly opens."""
    return [member_in(staff) for _ in range(4)]


@pytest.fixture
def assembly(members, staff):
    return convene(staff)


@pytest.fixture
def weights(db):
    """Three colleges weighted 50 / 30 / 20; the others weigh nothing."""
    College.objects.update(vote_weight=None)
    for code, weight in [("consommateurs", 50), ("producteurs", 30), ("salaries", 20)]:
        College.objects.filter(code=code).update(vote_weight=Decimal(weight))
