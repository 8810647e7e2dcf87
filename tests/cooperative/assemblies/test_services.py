"""Convening, publishing (with its e-mail, once per member), and casting ballots within
the window: once, never changed, every resolution, audited."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from community.cooperative.assemblies import services, tasks
from community.cooperative.assemblies.models import AssemblyNotice, Ballot
from community.cooperative.models import AuditEntry
from tests.factories import UserFactory

from .conftest import A, F, N, all_, close, convene, member_in

pytestmark = pytest.mark.django_db


def test_only_staff_convene(members):
    with pytest.raises(PermissionDenied):
        convene(members[0].user)


def test_the_window_opens_before_it_closes(staff, rules):
    now = timezone.now()
    with pytest.raises(ValidationError, match="avant"):
        services.assembly_convene(
            by=staff,
            title="AG",
            kind="ordinary",
            held_on=now,
            opens_at=now,
            closes_at=now - datetime.timedelta(hours=1),
            agenda="-",
        )


def test_publishing_needs_a_resolution_and_freezes_the_draft(staff, members):
    draft = convene(staff, resolutions=0, publish=False)
    with pytest.raises(ValidationError, match="au moins une résolution"):
        services.assembly_publish(assembly=draft, by=staff)
    services.resolution_add(assembly=draft, by=staff, title="Comptes", text="Approuvés.")
    services.assembly_publish(assembly=draft, by=staff)
    with pytest.raises(ValidationError, match="publiée"):
        services.resolution_add(assembly=draft, by=staff, title="Tard", text="Non.")
    assert AuditEntry.objects.filter(
        assembly=draft, action=AuditEntry.Action.ASSEMBLY_PUBLISHED, actor=staff
    ).exists()


def test_publication_mails_each_member_once(staff, members, django_capture_on_commit_callbacks):
    draft = convene(staff, publish=False)
    with django_capture_on_commit_callbacks(execute=True):
        services.assembly_publish(assembly=draft, by=staff)
    assert sorted(m.to[0] for m in mail.outbox) == sorted(m.user.email for m in members)
    assert "AG 2027" in mail.outbox[0].subject
    assert f"/cooperative/assemblees/{draft.pk}/" in mail.outbox[0].body

    assert tasks.notify_assembly_published.enqueue(draft.pk).return_value == 0  # again
    assert len(mail.outbox) == len(members)
    assert AssemblyNotice.objects.filter(assembly=draft).count() == len(members)


def test_a_member_votes_once_and_cannot_change(assembly, members):
    voter = members[0]
    ballots = services.ballot_cast(assembly=assembly, by=voter.user, choices=all_(assembly, F))
    assert [b.choice for b in ballots] == [F, F]
    assert all(b.college_id == voter.college_id and b.proxy is None for b in ballots)
    with pytest.raises(ValidationError, match="ne peut pas être modifié"):
        services.ballot_cast(assembly=assembly, by=voter.user, choices=all_(assembly, A))
    assert set(Ballot.objects.filter(voter=voter).values_list("choice", flat=True)) == {F}
    entry = AuditEntry.objects.get(action=AuditEntry.Action.BALLOT_CAST)
    assert (entry.actor, entry.member, entry.assembly) == (voter.user, voter, assembly)


def test_the_database_refuses_a_second_ballot(assembly, members):
    services.ballot_cast(assembly=assembly, by=members[0].user, choices=all_(assembly, F))
    resolution = assembly.resolutions.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Ballot.objects.create(
            assembly=assembly,
            resolution=resolution,
            voter=members[0],
            college=members[0].college,
            choice=A,
        )


def test_every_resolution_gets_a_valid_choice(assembly, members):
    first, second = assembly.resolutions.all()
    with pytest.raises(ValidationError, match="chaque résolution"):
        services.ballot_cast(assembly=assembly, by=members[0].user, choices={first.pk: F})
    with pytest.raises(ValidationError, match="pour, contre ou abstention"):
        services.ballot_cast(
            assembly=assembly, by=members[0].user, choices={first.pk: F, second.pk: "maybe"}
        )
    assert not Ballot.objects.exists()


def test_no_vote_before_or_after_the_window(staff, members):
    upcoming = convene(staff, opens_in=datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="ouvert"):
        services.ballot_cast(assembly=upcoming, by=members[0].user, choices=all_(upcoming, F))
    past = close(convene(staff))
    with pytest.raises(ValidationError, match="ouvert"):
        services.ballot_cast(assembly=past, by=members[0].user, choices=all_(past, N))
    assert not Ballot.objects.exists()


def test_only_members_at_the_opening_vote(assembly, staff):
    with pytest.raises(PermissionDenied):
        services.ballot_cast(assembly=assembly, by=UserFactory(), choices=all_(assembly, F))
    late = member_in(staff)  # admitted after the window opened
    with pytest.raises(ValidationError, match="ouverture du vote"):
        services.ballot_cast(assembly=assembly, by=late.user, choices=all_(assembly, F))
