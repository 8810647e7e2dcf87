"""Reads of the general assemblies: who may vote, what a member may still do, lists."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from ..models import Member, Rules
from .models import Assembly, Ballot, Proxy


def published_assemblies() -> QuerySet[Assembly]:
    return Assembly.objects.filter(published_at__isnull=False)


def assemblies_by_phase(now: datetime.datetime | None = None) -> dict[str, QuerySet[Assembly]]:
    now = now or timezone.now()
    published = published_assemblies()
    return {
        "open": published.filter(opens_at__lte=now, closes_at__gt=now).order_by("closes_at"),
        "upcoming": published.filter(opens_at__gt=now).order_by("opens_at"),
        "past": published.filter(closes_at__lte=now).order_by("-closes_at", "-pk"),
    }


def max_proxies() -> int:
    """The most proxies one member may hold (the rules', or the default before them)."""
    rules = Rules.objects.filter(pk=1).first()
    return rules.max_proxies if rules else Rules._meta.get_field("max_proxies").default


def electorate(assembly: Assembly) -> QuerySet[Member]:
    """The members at the window's opening: admitted before it and not left by then.
    They alone vote, and they are the quorum's denominator."""
    return Member.objects.filter(admitted_at__lte=assembly.opens_at).filter(
        Q(left_at__isnull=True) | Q(left_at__gt=assembly.opens_at)
    )


def is_voter(assembly: Assembly, member: Member | None) -> bool:
    return member is not None and electorate(assembly).filter(pk=member.pk).exists()


def active_proxies(assembly: Assembly) -> QuerySet[Proxy]:
    return assembly.proxies.filter(revoked_at__isnull=True).select_related(
        "giver__user", "holder__user"
    )


def proxy_given_by(assembly: Assembly, member: Member) -> Proxy | None:
    return active_proxies(assembly).filter(giver=member).first()


def proxies_held_by(assembly: Assembly, member: Member) -> list[Proxy]:
    return list(active_proxies(assembly).filter(holder=member).order_by("pk"))


def has_voted(assembly: Assembly, member: Member) -> bool:
    return Ballot.objects.filter(assembly=assembly, voter=member).exists()


def ballots_of(assembly: Assembly, member: Member) -> list[Ballot]:
    return list(Ballot.objects.filter(assembly=assembly, voter=member).select_related("resolution"))


@dataclass
class Standing:
    """What a member may do at an assembly, and why not."""

    member: Member | None
    is_voter: bool = False
    proxy_given: Proxy | None = None
    proxies_held: list[Proxy] = field(default_factory=list)
    own_ballots: list[Ballot] = field(default_factory=list)
    # For each proxy held: whether its giver's vote is already cast.
    voted_for: dict[int, bool] = field(default_factory=dict)


def standing(assembly: Assembly, user: Any) -> Standing:
    member = Member.objects.filter(user=user).first() if user.is_authenticated else None
    if member is None:
        return Standing(member=None)
    held = proxies_held_by(assembly, member)
    return Standing(
        member=member,
        is_voter=is_voter(assembly, member),
        proxy_given=proxy_given_by(assembly, member),
        proxies_held=held,
        own_ballots=ballots_of(assembly, member),
        voted_for={proxy.pk: has_voted(assembly, proxy.giver) for proxy in held},
    )
