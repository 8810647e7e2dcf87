"""Reads and rules of the participatory guarantee: who facilitates, who may vote, the
quorum, and the queues the facilitator works through."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.impact.models import Claim, Criterion

from .models import Application, ClaimOpinion, College, CollegeMembership, Dispute, Verdict

if TYPE_CHECKING:
    from community.models import User
    from shop.partner.models import Partner as PartnerModel

Partner = get_model("partner", "Partner")

FACILITATE_PERMISSION = "community.facilitate"

# Colleges ------------------------------------------------------------------------------


def can_facilitate(user: User | None) -> bool:
    return bool(user and user.is_authenticated and user.has_perm(FACILITATE_PERMISSION))


def confirmed_memberships(user: User) -> list[CollegeMembership]:
    if not user.is_authenticated:
        return []
    return list(
        CollegeMembership.objects.filter(user=user, status=CollegeMembership.Status.CONFIRMED)
        .select_related("college")
        .order_by("college__position", "pk")
    )


def pending_college_requests() -> QuerySet[CollegeMembership]:
    return (
        CollegeMembership.objects.filter(status=CollegeMembership.Status.REQUESTED)
        .select_related("user", "college")
        .order_by("requested_at", "pk")
    )


# Claims: the quorum and who may vote ---------------------------------------------------


def quorum_settings() -> dict:
    return settings.COMMUNITY_QUORUM


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


def counted_confirmations(claim: Claim) -> QuerySet[ClaimOpinion]:
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


def voter_college(*, claim: Claim, member: User, college: College | None = None) -> College:
    """The college `member` votes for on `claim`; raises when they may not vote."""
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


def has_given_opinion(*, claim: Claim, member: User) -> bool:
    """An opinion of `member` already counts for the claim's current validity period."""
    return ClaimOpinion.objects.filter(
        claim=claim, member=member, validity_period_end=claim.valid_until
    ).exists()


def can_give_opinion(*, claim: Claim, member: User) -> bool:
    try:
        voter_college(claim=claim, member=member)
    except (PermissionDenied, ValidationError):
        return False
    return not has_given_opinion(claim=claim, member=member)


def open_disputes() -> QuerySet[Dispute]:
    return (
        Dispute.objects.filter(status=Dispute.Status.OPEN)
        .select_related("claim__criterion", "claim__producer", "claim__product", "opened_by")
        .select_related("opinion")
        .order_by("opened_at", "pk")
    )


def claim_opinions(claim: Claim) -> QuerySet[ClaimOpinion]:
    return (
        ClaimOpinion.objects.filter(claim=claim)
        .select_related("member", "college")
        .order_by("-created_at", "-pk")
    )


# Admissions ----------------------------------------------------------------------------


def missing_inclusion_criteria(producer: PartnerModel) -> list[Criterion]:
    """Inclusion criteria the producer has not answered yet (producer-level claims)."""
    answered = set(
        producer.claims.filter(product__isnull=True).values_list("criterion_id", flat=True)
    )
    return [
        criterion
        for criterion in Criterion.objects.filter(
            is_active=True,
            kind=Criterion.Kind.INCLUSION,
            scope__in=[Criterion.Scope.PRODUCER, Criterion.Scope.BOTH],
        )
        if criterion.pk not in answered
    ]


def candidate_producers(user: User) -> QuerySet[PartnerModel]:
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user, charter_status="candidat")


def pending_applications() -> QuerySet[Application]:
    return (
        Application.objects.filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.IN_REVIEW]
        )
        .select_related("producer")
        .order_by("submitted_at", "pk")
    )
