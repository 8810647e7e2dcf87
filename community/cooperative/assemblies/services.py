"""Writes of the general assemblies: staff convene and publish; members give and revoke
proxies and cast their ballots.

Every function is keyword-only, runs in one transaction and writes an audit entry (who,
when, why). Refusals raise ValidationError or PermissionDenied with a French message.
Locks: member rows, by ascending pk (a giver voting while giving a proxy waits for the
other); a ballot cast twice at once is refused by the database's unique constraint.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import AuditEntry, Member
from ..services import audit
from . import selectors, tasks
from .documents import validate_pdf
from .models import Assembly, AssemblyDocument, Ballot, Proxy, Resolution

Action = AuditEntry.Action
Phase = Assembly.Phase
EDITABLE = ("title", "kind", "held_on", "opens_at", "closes_at", "agenda")


def _ensure_staff(by: Any) -> None:
    if not getattr(by, "is_staff", False):
        raise PermissionDenied(_("Only staff can convene a general assembly."))


def _check_window(opens_at: datetime.datetime, closes_at: datetime.datetime) -> None:
    if opens_at >= closes_at:
        raise ValidationError(_("Voting must open before it closes."))


def _locked_draft(assembly: Assembly) -> Assembly:
    locked = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if locked.published_at is not None:
        raise ValidationError(_("This assembly is published: its agenda and resolutions stay."))
    return locked


# --- staff: convening ------------------------------------------------------------------


@transaction.atomic
def assembly_convene(
    *,
    by: Any,
    title: str,
    kind: str,
    held_on: datetime.datetime,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    agenda: str,
) -> Assembly:
    """Staff draft an assembly; members see it once it is published."""
    _ensure_staff(by)
    _check_window(opens_at, closes_at)
    assembly = Assembly(
        title=title,
        kind=kind,
        held_on=held_on,
        opens_at=opens_at,
        closes_at=closes_at,
        agenda=agenda,
        created_by=by,
    )
    assembly.full_clean()
    assembly.save()
    audit(Action.ASSEMBLY_CONVENED, actor=by, assembly=assembly, note=title)
    return assembly


@transaction.atomic
def assembly_update(*, assembly: Assembly, by: Any, **values: Any) -> Assembly:
    """Staff change a draft's title, kind, dates or agenda."""
    _ensure_staff(by)
    unknown = set(values) - set(EDITABLE)
    if unknown:
        raise ValueError(f"Not editable: {sorted(unknown)}")
    locked = _locked_draft(assembly)
    for name, value in values.items():
        setattr(locked, name, value)
    _check_window(locked.opens_at, locked.closes_at)
    locked.full_clean()
    locked.save()
    audit(Action.ASSEMBLY_CHANGED, actor=by, assembly=locked, note=", ".join(sorted(values)))
    return locked


@transaction.atomic
def resolution_add(*, assembly: Assembly, by: Any, title: str, text: str) -> Resolution:
    """The next resolution of a draft (numbered in the order they are added)."""
    _ensure_staff(by)
    locked = _locked_draft(assembly)
    last = locked.resolutions.aggregate(last=Max("position"))["last"] or 0
    resolution = Resolution.objects.create(
        assembly=locked, position=last + 1, title=title, text=text
    )
    audit(
        Action.ASSEMBLY_CHANGED,
        actor=by,
        assembly=locked,
        note=_("Resolution %(number)s added: %(title)s")
        % {"number": resolution.position, "title": title},
    )
    return resolution


@transaction.atomic
def resolution_remove(*, resolution: Resolution, by: Any) -> None:
    _ensure_staff(by)
    locked = _locked_draft(resolution.assembly)
    resolution.delete()
    for position, kept in enumerate(locked.resolutions.order_by("position", "pk"), start=1):
        if kept.position != position:
            kept.position = position
            kept.save(update_fields=["position"])
    audit(
        Action.ASSEMBLY_CHANGED,
        actor=by,
        assembly=locked,
        note=_("Resolution removed: %(title)s") % {"title": resolution.title},
    )


@transaction.atomic
def document_add(*, assembly: Assembly, by: Any, title: str, file: Any) -> AssemblyDocument:
    """A PDF for members (accounts, reports), added until the vote closes."""
    _ensure_staff(by)
    locked = Assembly.objects.select_for_update().get(pk=assembly.pk)
    if locked.phase() == Phase.PAST:
        raise ValidationError(_("The vote is closed: no more documents can be added."))
    validate_pdf(file)
    document = AssemblyDocument(assembly=locked, title=title)
    document.file.save(getattr(file, "name", "document.pdf"), file, save=False)
    document.save()
    audit(
        Action.ASSEMBLY_CHANGED,
        actor=by,
        assembly=locked,
        note=_("Document added: %(title)s") % {"title": title},
    )
    return document


@transaction.atomic
def assembly_publish(*, assembly: Assembly, by: Any, note: str = "") -> Assembly:
    """Members see the assembly and are told by e-mail (once each, by the task queue)."""
    _ensure_staff(by)
    locked = _locked_draft(assembly)
    if not locked.resolutions.exists():
        raise ValidationError(_("Add at least one resolution before publishing."))
    if locked.closes_at <= timezone.now():
        raise ValidationError(_("The voting window is over: change its dates first."))
    locked.published_at = timezone.now()
    locked.published_by = by
    locked.save(update_fields=["published_at", "published_by"])
    audit(Action.ASSEMBLY_PUBLISHED, actor=by, assembly=locked, note=note)
    transaction.on_commit(lambda: tasks.notify_assembly_published.enqueue(locked.pk))
    return locked


# --- members: proxies ------------------------------------------------------------------


def _member_of(user: Any) -> Member:
    member = Member.objects.filter(user=user, left_at__isnull=True).first()
    if member is None:
        raise PermissionDenied(_("Only members of the cooperative take part in its assemblies."))
    return member


def _lock_members(*members: Member) -> None:
    pks = sorted({member.pk for member in members})
    list(Member.objects.select_for_update().filter(pk__in=pks).order_by("pk"))


@transaction.atomic
def proxy_give(*, assembly: Assembly, by: Any, holder_number: int) -> Proxy:
    """The member `by` lets member n° `holder_number` vote for them at `assembly`.

    No chains: a member who gave a proxy neither votes nor holds proxies, and a holder
    holds at most Rules.max_proxies of them."""
    giver = _member_of(by)
    holder = Member.objects.filter(number=holder_number, left_at__isnull=True).first()
    if holder is None:
        raise ValidationError(_("No member has the number %(number)s.") % {"number": holder_number})
    _lock_members(giver, holder)
    if assembly.phase() not in (Phase.UPCOMING, Phase.OPEN):
        raise ValidationError(_("Proxies are given while the assembly is upcoming or open."))
    if holder.pk == giver.pk:
        raise ValidationError(_("You cannot give a proxy to yourself."))
    if not selectors.is_voter(assembly, giver):
        raise ValidationError(_("Only members at the opening of the vote take part in it."))
    if not selectors.is_voter(assembly, holder):
        raise ValidationError(
            _("Member n° %(number)s does not take part in this vote.") % {"number": holder.number}
        )
    if selectors.has_voted(assembly, giver):
        raise ValidationError(_("You have voted already: a proxy can no longer be given."))
    if selectors.proxy_given_by(assembly, giver) is not None:
        raise ValidationError(_("You have given a proxy already: revoke it first."))
    if selectors.proxies_held_by(assembly, giver):
        raise ValidationError(_("You hold proxies of other members: you cannot give yours."))
    if selectors.proxy_given_by(assembly, holder) is not None:
        raise ValidationError(
            _("Member n° %(number)s has given their own proxy: they cannot hold one.")
            % {"number": holder.number}
        )
    limit = selectors.max_proxies()
    if len(selectors.proxies_held_by(assembly, holder)) >= limit:
        raise ValidationError(
            _("Member n° %(number)s holds %(limit)s proxies already, the most the rules allow.")
            % {"number": holder.number, "limit": limit}
        )
    proxy = Proxy.objects.create(assembly=assembly, giver=giver, holder=holder)
    audit(
        Action.PROXY_GIVEN,
        actor=by,
        member=giver,
        assembly=assembly,
        note=_("Proxy to member n° %(number)s") % {"number": holder.number},
    )
    return proxy


@transaction.atomic
def proxy_revoke(*, proxy: Proxy, by: Any, note: str = "") -> Proxy:
    """The giver takes their proxy back, or the holder declines it, while the holder has
    not voted with it."""
    member = _member_of(by)
    _lock_members(proxy.giver, proxy.holder)
    locked = Proxy.objects.select_for_update().select_related("assembly").get(pk=proxy.pk)
    if member.pk not in (locked.giver_id, locked.holder_id):
        raise PermissionDenied(_("This proxy is neither yours nor given to you."))
    if locked.revoked_at is not None:
        raise ValidationError(_("This proxy is revoked already."))
    if locked.assembly.phase() == Phase.PAST:
        raise ValidationError(_("The vote is closed."))
    if locked.ballots.exists():
        raise ValidationError(_("The vote was cast with this proxy: it cannot be revoked."))
    locked.revoked_at = timezone.now()
    locked.save(update_fields=["revoked_at"])
    audit(
        Action.PROXY_REVOKED,
        actor=by,
        member=locked.giver,
        assembly=locked.assembly,
        note="; ".join(
            filter(
                None,
                [_("Proxy to member n° %(number)s") % {"number": locked.holder.number}, note],
            )
        ),
    )
    return locked


# --- members: voting -------------------------------------------------------------------


@transaction.atomic
def ballot_cast(
    *,
    assembly: Assembly,
    by: Any,
    choices: Mapping[int, str],
    on_behalf_of: Member | None = None,
) -> list[Ballot]:
    """`by` votes on every resolution (`choices`: resolution pk → Ballot.Choice), for
    themselves or, holding their proxy, for `on_behalf_of`. Once cast a vote is never
    changed; the database refuses a second ballot for the same member."""
    caster = _member_of(by)
    voter = on_behalf_of or caster
    _lock_members(caster, voter)
    proxy = None
    if on_behalf_of is not None and on_behalf_of.pk != caster.pk:
        proxy = selectors.active_proxies(assembly).filter(giver=voter, holder=caster).first()
        if proxy is None:
            raise PermissionDenied(
                _("You do not hold the proxy of member n° %(number)s.") % {"number": voter.number}
            )
    elif selectors.proxy_given_by(assembly, caster) is not None:
        raise ValidationError(_("You gave your proxy: its holder votes for you."))
    if assembly.phase() != Phase.OPEN:
        raise ValidationError(_("Votes are cast only while voting is open."))
    if not selectors.is_voter(assembly, voter):
        raise ValidationError(_("Only members at the opening of the vote take part in it."))
    resolutions = list(assembly.resolutions.all())
    if set(choices) != {resolution.pk for resolution in resolutions}:
        raise ValidationError(_("Vote on every resolution."))
    if any(choice not in Ballot.Choice.values for choice in choices.values()):
        raise ValidationError(_("Choose for, against or abstention."))
    already = _("This vote is cast already: a vote cannot be changed.")
    if selectors.has_voted(assembly, voter):
        raise ValidationError(already)
    try:
        with transaction.atomic():
            ballots = Ballot.objects.bulk_create(
                Ballot(
                    assembly=assembly,
                    resolution=resolution,
                    voter=voter,
                    college_id=voter.college_id,
                    proxy=proxy,
                    choice=choices[resolution.pk],
                )
                for resolution in resolutions
            )
    except IntegrityError as error:
        raise ValidationError(already) from error
    audit(
        Action.BALLOT_CAST,
        actor=by,
        member=voter,
        assembly=assembly,
        note=_("By proxy, held by member n° %(number)s") % {"number": caster.number}
        if proxy
        else "",
    )
    return ballots
