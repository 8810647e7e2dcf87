"""Participatory validation of claims: members' opinions, the quorum, disputes.

A member of a confirmed college confirms or disputes a claim, once per claim and
validity period. After each confirmation the quorum is evaluated (settings
COMMUNITY_QUORUM); a dispute makes the claim "contesté" and puts it in the facilitator's
queue until a facilitator closes it with a written decision. Claim states only move
through shop.impact.services.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.impact import services as impact_services
from shop.impact.models import Claim

from .colleges import can_facilitate, confirmed_memberships
from .models_guarantee import ClaimOpinion, College, Dispute, Verdict

DEFAULT_QUORUM = {
    "confirmations": 3,
    "colleges": 2,
    "required_colleges": [College.Category.CONSUMERS, College.Category.PEER_PRODUCERS],
}


def quorum_settings() -> dict:
    return {**DEFAULT_QUORUM, **getattr(settings, "COMMUNITY_QUORUM", {})}


@dataclass
class QuorumStatus:
    confirmations: int
    colleges: set[str]
    required: int
    required_colleges: int
    missing_colleges: list[str] = field(default_factory=list)
    open_disputes: int = 0

    @property
    def reached(self) -> bool:
        return (
            self.confirmations >= self.required
            and len(self.colleges) >= self.required_colleges
            and not self.missing_colleges
            and not self.open_disputes
        )

    @property
    def missing_college_labels(self) -> list[str]:
        return [str(College.Category(code).label) for code in self.missing_colleges]


def counted_confirmations(claim: Claim):
    """Confirmations that count: given in the claim's current validity period, and after
    the last dispute a facilitator upheld (what was confirmed before was found wrong)."""
    opinions = ClaimOpinion.objects.filter(
        claim=claim, validity_period_end=claim.valid_until, verdict=Verdict.CONFIRM
    )
    last_upheld = (
        Dispute.objects.filter(claim=claim, outcome=Dispute.Outcome.UPHELD)
        .order_by("-decided_at")
        .values_list("decided_at", flat=True)
        .first()
    )
    if last_upheld:
        opinions = opinions.filter(created_at__gt=last_upheld)
    return opinions


def quorum_status(claim: Claim) -> QuorumStatus:
    quorum = quorum_settings()
    categories = list(counted_confirmations(claim).values_list("college__category", flat=True))
    colleges = set(categories)
    return QuorumStatus(
        confirmations=len(categories),
        colleges=colleges,
        required=quorum["confirmations"],
        required_colleges=quorum["colleges"],
        missing_colleges=[c for c in quorum["required_colleges"] if c not in colleges],
        open_disputes=Dispute.objects.filter(claim=claim, status=Dispute.Status.OPEN).count(),
    )


def can_give_opinion(*, claim: Claim, member) -> bool:
    try:
        _check_voter(claim=claim, member=member)
    except (PermissionDenied, ValidationError):
        return False
    return not ClaimOpinion.objects.filter(
        claim=claim, member=member, validity_period_end=claim.valid_until
    ).exists()


def _check_voter(*, claim: Claim, member, college: College | None = None) -> College:
    if not member.is_authenticated:
        raise PermissionDenied(_("Log in to give your opinion."))
    if claim.producer.users.filter(pk=member.pk).exists():
        raise PermissionDenied(_("A producer's own accounts cannot vote on its claims."))
    memberships = confirmed_memberships(member)
    if college is not None:
        memberships = [m for m in memberships if m.college_id == college.pk]
    if not memberships:
        raise PermissionDenied(
            _("Only confirmed members of a college can give an opinion on a claim.")
        )
    if claim.is_expired:
        raise ValidationError(
            _("This claim has expired: the producer must renew it before it can be checked.")
        )
    return memberships[0].college


@transaction.atomic
def claim_opinion_give(
    *,
    claim: Claim,
    member,
    verdict: str,
    comment: str,
    college: College | None = None,
    evidence=None,
    visit_report: bool = False,
    at: datetime.datetime | None = None,
) -> ClaimOpinion:
    """Record a member's opinion; a dispute opens a dispute, a confirmation may validate.

    The claim row is locked first, so two opinions on the same claim are handled one
    after the other (the second vote of a member sees the first). The unique constraint
    is the last line of defence.
    """
    at = at or timezone.now()
    claim = Claim.objects.select_for_update().select_related("producer").get(pk=claim.pk)
    college = _check_voter(claim=claim, member=member, college=college)
    if verdict not in Verdict.values:
        raise ValidationError(_("Choose whether you confirm or dispute the claim."))
    if not comment.strip():
        raise ValidationError(_("Explain your opinion in a comment."))
    if ClaimOpinion.objects.filter(
        claim=claim, member=member, validity_period_end=claim.valid_until
    ).exists():
        raise ValidationError(_("You have already given your opinion on this claim."))
    opinion = ClaimOpinion(
        claim=claim,
        member=member,
        college=college,
        verdict=verdict,
        comment=comment.strip(),
        visit_report=visit_report,
        validity_period_end=claim.valid_until,
        created_at=at,
    )
    if evidence:
        opinion.evidence = evidence
    opinion.full_clean(validate_constraints=False)
    try:
        with transaction.atomic():
            opinion.save()
    except IntegrityError as error:
        raise ValidationError(_("You have already given your opinion on this claim.")) from error
    if verdict == Verdict.DISPUTE:
        Dispute.objects.create(claim=claim, opened_by=member, opinion=opinion, opened_at=at)
        if claim.state != Claim.State.DISPUTED:
            impact_services.claim_dispute(claim=claim, at=at)
    else:
        claim_evaluate(claim=claim, at=at)
    return opinion


@transaction.atomic
def claim_evaluate(*, claim: Claim, at: datetime.datetime | None = None) -> Claim:
    """Validate the claim when the quorum is reached and no dispute is open."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    if claim.is_expired or claim.state == Claim.State.VALIDATED:
        return claim
    if quorum_status(claim).reached:
        claim = impact_services.claim_validate(claim=claim, at=at)
    return claim


@transaction.atomic
def dispute_close(
    *,
    dispute: Dispute,
    facilitator,
    outcome: str,
    decision: str,
    at: datetime.datetime | None = None,
) -> Dispute:
    """A facilitator closes a dispute with a written decision.

    Upheld: the claim goes back to "déclaré" and the confirmations given so far no longer
    count. Rejected: the claim is re-evaluated (validated again if the quorum holds,
    otherwise "déclaré"). Either way, while another dispute stays open the claim remains
    "contesté".
    """
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can close a dispute."))
    if outcome not in Dispute.Outcome.values:
        raise ValidationError(_("Choose the outcome of the dispute."))
    if not decision.strip():
        raise ValidationError(_("Write the decision: members and the producer will read it."))
    at = at or timezone.now()
    claim = Claim.objects.select_for_update().get(pk=dispute.claim_id)
    dispute = Dispute.objects.select_for_update().get(pk=dispute.pk)
    if dispute.status != Dispute.Status.OPEN:
        raise ValidationError(_("This dispute is already closed."))
    dispute.status = Dispute.Status.CLOSED
    dispute.outcome = outcome
    dispute.decision = decision.strip()
    dispute.decided_by = facilitator
    dispute.decided_at = at
    dispute.save()
    if Dispute.objects.filter(claim=claim, status=Dispute.Status.OPEN).exists():
        return dispute
    if outcome == Dispute.Outcome.REJECTED and quorum_status(claim).reached:
        if claim.state != Claim.State.VALIDATED:
            impact_services.claim_validate(claim=claim, at=at)
    elif claim.state != Claim.State.DECLARED:
        _back_to_declared(claim, at=at)
    return dispute


def _back_to_declared(claim: Claim, *, at: datetime.datetime) -> None:
    impact_services.claim_declare(claim=claim, at=at)


def open_disputes():
    return (
        Dispute.objects.filter(status=Dispute.Status.OPEN)
        .select_related("claim__criterion", "claim__producer", "claim__product", "opened_by")
        .select_related("opinion")
        .order_by("opened_at", "pk")
    )


def claim_opinions(claim: Claim):
    return (
        ClaimOpinion.objects.filter(claim=claim)
        .select_related("member", "college")
        .order_by("-created_at", "-pk")
    )
