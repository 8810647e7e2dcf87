"""Shares paid back (remboursement), within the statutes' rules.

    redemption_request (the member) → redemption_approve | redemption_refuse (staff)
    → redemption_refund_record (staff, once the money is sent).

Rules checked when staff approve (and already when the member asks, so nobody waits for
a certain refusal): a member keeps at least the minimum number of shares unless they
redeem all of them (they then leave the cooperative); only shares held for the minimum
holding period can be redeemed, oldest first. Approval writes the redemption in the
register (shares out at their nominal value); the refund is recorded afterwards.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from . import selectors
from .models import AuditEntry, Member, Movement, Redemption, Rules
from .services import _locked_rules, audit

Action = AuditEntry.Action
Status = Redemption.Status


def _check_rules(
    member: Member, rules: Rules, shares: int, *, exclude: Redemption | None = None
) -> None:
    """Raise ValidationError if `shares` cannot be redeemed now (other requests not yet
    decided count as already redeemed; `exclude` is the request being decided)."""
    room = selectors.redemption_room(member, rules, exclude=exclude)
    available = room.held - room.pending
    if shares < 1:
        raise ValidationError(_("Ask for at least one share."))
    if shares > available:
        raise ValidationError(
            _("%(held)s shares are held, %(pending)s of them already in a request.")
            % {"held": room.held, "pending": room.pending}
            if room.pending
            else _("Only %(held)s shares are held.") % {"held": room.held}
        )
    left = available - shares
    if 0 < left < rules.minimum_shares:
        raise ValidationError(
            _(
                "A member keeps at least %(minimum)s shares: redeem at most %(most)s, "
                "or all of them to leave the cooperative."
            )
            % {"minimum": rules.minimum_shares, "most": max(available - rules.minimum_shares, 0)}
        )
    if shares > room.eligible:
        message = _(
            "Shares can be redeemed once held for %(months)s months: %(eligible)s can be "
            "redeemed today."
        ) % {"months": rules.minimum_holding_months, "eligible": room.eligible}
        if room.next_eligible_on:
            message += " " + _("More from %(date)s.") % {
                "date": date_format(room.next_eligible_on, "SHORT_DATE_FORMAT")
            }
        raise ValidationError(message)


@transaction.atomic
def redemption_request(*, user: Any, shares: int, reason: str = "") -> Redemption:
    """A member asks to be paid back `shares`."""
    rules = _locked_rules()
    member = Member.objects.select_for_update().filter(user=user, left_at__isnull=True).first()
    if member is None:
        raise PermissionDenied(_("Only members of the cooperative hold shares to redeem."))
    _check_rules(member, rules, shares)
    redemption = Redemption.objects.create(member=member, shares=shares, reason=reason.strip())
    audit(
        Action.REDEMPTION_REQUESTED,
        actor=user,
        member=member,
        redemption=redemption,
        note=reason.strip(),
    )
    return redemption


def _locked(redemption: Redemption, status: str) -> Redemption:
    locked = Redemption.objects.select_for_update().select_related("member").get(pk=redemption.pk)
    if locked.status != status:
        raise ValidationError(
            _("This request is “%(status)s”: it cannot change this way.")
            % {"status": locked.get_status_display()}
        )
    return locked


def _require_staff(by: Any) -> None:
    if not getattr(by, "is_staff", False):
        raise PermissionDenied(_("Only staff decide on redemptions."))


@transaction.atomic
def redemption_approve(*, redemption: Redemption, by: Any, note: str = "") -> Redemption:
    """Staff approve within the rules: the shares leave the register now, at the nominal
    values they were subscribed at; a member left with none has left the cooperative."""
    _require_staff(by)
    rules = _locked_rules()
    locked = _locked(redemption, Status.REQUESTED)
    member = Member.objects.select_for_update().get(pk=locked.member_id)
    _check_rules(member, rules, locked.shares, exclude=locked)
    now = timezone.now()
    amount = selectors.redemption_value(member, locked.shares)
    locked.status = Status.APPROVED
    locked.amount = amount
    locked.decided_at = now
    locked.decided_by = by
    locked.decision_note = note.strip()
    locked.save()
    Movement.objects.create(
        member=member,
        kind=Movement.Kind.REDEMPTION,
        shares=-locked.shares,
        share_value=(amount / locked.shares).quantize(Decimal("0.01")),
        amount=-amount,
        effective_on=timezone.localdate(now),
        redemption=locked,
        recorded_by=by,
    )
    audit(
        Action.REDEMPTION_APPROVED,
        actor=by,
        member=member,
        redemption=locked,
        amount=amount,
        note=note.strip(),
    )
    if selectors.shares_held(member) == 0:
        member.left_at = now
        member.save(update_fields=["left_at"])
        audit(Action.MEMBER_LEFT, actor=by, member=member, redemption=locked)
    return locked


@transaction.atomic
def redemption_refuse(*, redemption: Redemption, by: Any, note: str) -> Redemption:
    """Staff refuse a request, saying why (the member sees it)."""
    _require_staff(by)
    if not note.strip():
        raise ValidationError(_("Say why the request is refused."))
    locked = _locked(redemption, Status.REQUESTED)
    locked.status = Status.REFUSED
    locked.decided_at = timezone.now()
    locked.decided_by = by
    locked.decision_note = note.strip()
    locked.save()
    audit(
        Action.REDEMPTION_REFUSED,
        actor=by,
        member=locked.member,
        redemption=locked,
        note=note.strip(),
    )
    return locked


@transaction.atomic
def redemption_refund_record(
    *, redemption: Redemption, by: Any, reference: str, note: str = ""
) -> Redemption:
    """Staff sent the money of an approved redemption (transfer reference, cheque
    number...): recorded once."""
    _require_staff(by)
    if not reference.strip():
        raise ValidationError(_("Give the reference of the refund (transfer, cheque)."))
    locked = _locked(redemption, Status.APPROVED)
    locked.status = Status.REFUNDED
    locked.refunded_at = timezone.now()
    locked.refunded_by = by
    locked.refund_reference = reference.strip()[:140]
    locked.save()
    audit(
        Action.REFUND_RECORDED,
        actor=by,
        member=locked.member,
        redemption=locked,
        amount=locked.amount,
        note="; ".join(filter(None, [reference.strip(), note.strip()])),
    )
    return locked
