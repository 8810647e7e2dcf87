"""Demo general assemblies: last spring's ordinary assembly, closed, with its results,
and an extraordinary one whose vote is open now (a few members voted, one by proxy).

Idempotent: each is keyed on its title. Written through the services; the past one is
voted while open, then its dates are moved back (the only write outside the services,
for the demo's history).
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from community.demo import COORDINATOR, MEMBER_EMAILS, PRODUCER, STAFF_ADMIN

from ..models import Member
from . import services
from .models import Assembly, Ballot

PAST_TITLE = "Assemblée générale ordinaire 2026"
OPEN_TITLE = "Assemblée générale extraordinaire : modification des statuts"
F, A, N = Ballot.Choice.FOR, Ballot.Choice.AGAINST, Ballot.Choice.ABSTAIN


def _convene(staff, *, title: str, kind: str, resolutions: list[tuple[str, str]]) -> Assembly:
    now = timezone.now()
    assembly = services.assembly_convene(
        by=staff,
        title=title,
        kind=kind,
        held_on=now + datetime.timedelta(days=15),
        opens_at=now - datetime.timedelta(seconds=1),
        closes_at=now + datetime.timedelta(days=14),
        agenda="1. Rapport moral et rapport financier\n2. Vote des résolutions\n3. Questions",
    )
    for resolution_title, text in resolutions:
        services.resolution_add(assembly=assembly, by=staff, title=resolution_title, text=text)
    return services.assembly_publish(assembly=assembly, by=staff, note="Démonstration")


def _vote(assembly: Assembly, votes: list[tuple[str, list[str]]]) -> None:
    resolutions = list(assembly.resolutions.all())
    users = get_user_model().objects
    for email, choices in votes:
        user = users.get(email=email)
        services.ballot_cast(
            assembly=assembly,
            by=user,
            choices={r.pk: choice for r, choice in zip(resolutions, choices, strict=True)},
        )


def load_assemblies_demo() -> dict[str, Assembly]:
    staff = get_user_model().objects.get(email=STAFF_ADMIN.email)
    # Members of the paper register were admitted when they paid (demo history).
    for member in Member.objects.filter(movements__isnull=False).distinct():
        first = member.movements.order_by("effective_on")[0]
        admitted = datetime.datetime.combine(
            first.effective_on, datetime.time(9), tzinfo=timezone.get_current_timezone()
        )
        if admitted < member.admitted_at:
            Member.objects.filter(pk=member.pk).update(admitted_at=admitted)
    past = Assembly.objects.filter(title=PAST_TITLE).first()
    if past is None:
        past = _convene(
            staff,
            title=PAST_TITLE,
            kind=Assembly.Kind.ORDINARY,
            resolutions=[
                ("Approbation des comptes 2025", "L'assemblée approuve les comptes de 2025."),
                ("Affectation du résultat", "Le résultat est affecté aux réserves impartageables."),
            ],
        )
        _vote(
            past,
            [
                (COORDINATOR.email, [F, F]),
                (PRODUCER.email, [F, A]),
                (STAFF_ADMIN.email, [F, F]),
                (MEMBER_EMAILS[0], [F, N]),
                (MEMBER_EMAILS[1], [A, F]),
            ],
        )
        now = timezone.now()
        Assembly.objects.filter(pk=past.pk).update(
            opens_at=now - datetime.timedelta(days=100),
            closes_at=now - datetime.timedelta(days=86),
            held_on=now - datetime.timedelta(days=85),
        )
    current = Assembly.objects.filter(title=OPEN_TITLE).first()
    if current is None:
        current = _convene(
            staff,
            title=OPEN_TITLE,
            kind=Assembly.Kind.EXTRAORDINARY,
            resolutions=[
                (
                    "Création d'un collège des collectivités",
                    "Les statuts sont modifiés pour créer un collège des collectivités.",
                ),
            ],
        )
        _vote(current, [(COORDINATOR.email, [F]), (PRODUCER.email, [A])])
        giver = get_user_model().objects.get(email=MEMBER_EMAILS[2])
        holder = Member.objects.get(user__email=COORDINATOR.email)
        services.proxy_give(assembly=current, by=giver, holder_number=holder.number)
    return {"past": past, "open": current}
