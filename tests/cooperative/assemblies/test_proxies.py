"""Proxies: given by member number, at most Rules.max_proxies held, no chains, revocable
(by giver or holder) until the vote is cast with them; the holder votes for the giver."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.cooperative import services as cooperative
from community.cooperative.assemblies import services
from community.cooperative.assemblies.models import Ballot, Proxy
from community.cooperative.models import AuditEntry

from .conftest import A, F, all_, close, member_in

pytestmark = pytest.mark.django_db


def give(assembly, giver, holder) -> Proxy:
    return services.proxy_give(assembly=assembly, by=giver.user, holder_number=holder.number)


def test_the_holder_votes_for_the_giver(assembly, members):
    giver, holder = members[0], members[1]
    proxy = give(assembly, giver, holder)
    assert AuditEntry.objects.filter(
        action=AuditEntry.Action.PROXY_GIVEN, member=giver, assembly=assembly
    ).exists()
    ballots = services.ballot_cast(
        assembly=assembly, by=holder.user, choices=all_(assembly, A), on_behalf_of=giver
    )
    assert {(b.voter, b.proxy, b.choice) for b in ballots} == {(giver, proxy, A)}
    # The holder still votes for himself.
    services.ballot_cast(assembly=assembly, by=holder.user, choices=all_(assembly, F))
    assert Ballot.objects.filter(voter=holder, choice=F).count() == 2
    entry = AuditEntry.objects.filter(action=AuditEntry.Action.BALLOT_CAST, member=giver).get()
    assert entry.actor == holder.user and f"n° {holder.number}" in entry.note


def test_a_giver_does_not_vote_himself(assembly, members):
    give(assembly, members[0], members[1])
    with pytest.raises(ValidationError, match="donné procuration"):
        services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))


def test_only_the_holder_votes_with_a_proxy(assembly, members):
    give(assembly, members[0], members[1])
    with pytest.raises(PermissionDenied, match="ne détenez pas"):
        services.ballot_cast(
            assembly=assembly,
            by=members[2].user,
            choices=all_(assembly, F),
            on_behalf_of=members[0],
        )


def test_no_chains(assembly, members):
    a, b, c = members[:3]
    give(assembly, a, b)
    with pytest.raises(ValidationError, match="détenez des procurations"):
        give(assembly, b, c)  # b holds a's proxy: cannot give his own
    with pytest.raises(ValidationError, match="a donné sa propre procuration"):
        give(assembly, c, a)  # a gave his: cannot hold one
    with pytest.raises(ValidationError, match="déjà donné procuration"):
        give(assembly, a, c)


def test_at_most_max_proxies_held(rules, staff, members):
    from .conftest import convene

    extra = [member_in(staff) for _ in range(2)]
    assembly = convene(staff)
    holder, *givers = [*members, *extra]
    give(assembly, givers[0], holder)
    give(assembly, givers[1], holder)
    with pytest.raises(ValidationError, match="détient déjà 2 procurations"):
        give(assembly, givers[2], holder)
    cooperative.rules_update(by=staff, max_proxies=3)
    give(assembly, givers[2], holder)
    assert Proxy.objects.filter(holder=holder, revoked_at__isnull=True).count() == 3


def test_refused_to_oneself_unknown_numbers_and_after_voting(assembly, members):
    with pytest.raises(ValidationError, match="vous-même"):
        give(assembly, members[0], members[0])
    with pytest.raises(ValidationError, match="Aucun sociétaire"):
        services.proxy_give(assembly=assembly, by=members[0].user, holder_number=999)
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    with pytest.raises(ValidationError, match="déjà voté"):
        give(assembly, members[0], members[1])
    assert not Proxy.objects.exists()


def test_revoked_by_giver_or_holder_until_the_vote_is_cast(assembly, members):
    giver, holder, stranger = members[:3]
    proxy = give(assembly, giver, holder)
    with pytest.raises(PermissionDenied):
        services.proxy_revoke(proxy=proxy, by=stranger.user)
    services.proxy_revoke(proxy=proxy, by=giver.user)
    assert AuditEntry.objects.filter(action=AuditEntry.Action.PROXY_REVOKED).count() == 1
    # The giver votes himself again, or gives it anew; the holder may decline it.
    proxy = give(assembly, giver, holder)
    services.proxy_revoke(proxy=proxy, by=holder.user)
    proxy = give(assembly, giver, holder)
    services.ballot_cast(
        assembly=assembly, by=holder.user, choices=all_(assembly, F), on_behalf_of=giver
    )
    with pytest.raises(ValidationError, match="ne peut plus être révoquée"):
        services.proxy_revoke(proxy=proxy, by=giver.user)


def test_no_proxy_once_the_vote_is_closed(assembly, members):
    close(assembly)
    with pytest.raises(ValidationError, match="à venir"):
        give(assembly, members[0], members[1])
