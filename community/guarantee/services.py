"""Operations of the participatory guarantee: college memberships, opinions on claims,
disputes, and the admission of new producers.

A member of a confirmed college confirms or disputes a claim, once per claim and
validity period. After each confirmation the quorum is evaluated (settings
COMMUNITY_QUORUM); a dispute makes the claim "contesté" and puts it in the facilitator's
queue until a facilitator closes it with a written decision. Claim states only move
through shop.impact.services.

Admission: a candidate answers the charter's inclusion criteria as claims and presents
itself; members of the colleges give opinions (and visit reports); a facilitator records
the consensus decision. The candidate gets an e-mail at each step.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files import File
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.impact import services as impact_services
from shop.impact.models import Claim

from .models import (
    Application,
    ApplicationOpinion,
    ClaimOpinion,
    College,
    CollegeMembership,
    Dispute,
    Verdict,
)
from .selectors import (
    can_facilitate,
    confirmed_memberships,
    has_given_opinion,
    missing_inclusion_criteria,
    quorum_status,
    voter_college,
)

if TYPE_CHECKING:
    from community.models import User
    from shop.partner.models import Partner as PartnerModel

Partner = get_model("partner", "Partner")

EMAIL_LANGUAGE = "fr"
DECISIONS = (Application.Status.ADMITTED, Application.Status.REFUSED, Application.Status.POSTPONED)


# Colleges ------------------------------------------------------------------------------


@transaction.atomic
def college_membership_request(
    *, user: User, college: College, motivation: str = ""
) -> CollegeMembership:
    """A member asks to join a college; a facilitator confirms it."""
    if not user.is_authenticated:
        raise PermissionDenied(_("Log in to join a college."))
    if CollegeMembership.objects.filter(user=user, college=college).exists():
        raise ValidationError(_("You have already asked to join this college."))
    try:
        with transaction.atomic():
            return CollegeMembership.objects.create(
                user=user, college=college, motivation=motivation.strip()
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already asked to join this college.")) from error


@transaction.atomic
def college_membership_confirm(
    *, membership: CollegeMembership, facilitator: User
) -> CollegeMembership:
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can confirm a college membership."))
    membership = CollegeMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.status == CollegeMembership.Status.CONFIRMED:
        raise ValidationError(_("This membership is already confirmed."))
    membership.status = CollegeMembership.Status.CONFIRMED
    membership.confirmed_by = facilitator
    membership.confirmed_at = timezone.now()
    membership.save()
    return membership


@transaction.atomic
def college_membership_decline(*, membership: CollegeMembership, facilitator: User) -> None:
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can decline a college membership."))
    CollegeMembership.objects.filter(pk=membership.pk).delete()


# Opinions on claims --------------------------------------------------------------------


@transaction.atomic
def claim_opinion_record(
    *,
    claim: Claim,
    member: User,
    verdict: str,
    comment: str,
    college: College | None = None,
    evidence: File | None = None,
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
    college = voter_college(claim=claim, member=member, college=college)
    if verdict not in Verdict.values:
        raise ValidationError(_("Choose whether you confirm or dispute the claim."))
    if not comment.strip():
        raise ValidationError(_("Explain your opinion in a comment."))
    if has_given_opinion(claim=claim, member=member):
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
        dispute_open(opinion=opinion, at=at)
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


# Disputes ------------------------------------------------------------------------------


@transaction.atomic
def dispute_open(*, opinion: ClaimOpinion, at: datetime.datetime | None = None) -> Dispute:
    """A disputing opinion opens a dispute: the claim shows "contesté" until it closes."""
    at = at or timezone.now()
    claim = Claim.objects.select_for_update().get(pk=opinion.claim_id)
    dispute = Dispute.objects.create(
        claim=claim, opened_by=opinion.member, opinion=opinion, opened_at=at
    )
    if claim.state != Claim.State.DISPUTED:
        impact_services.claim_dispute(claim=claim, at=at)
    return dispute


@transaction.atomic
def dispute_close(
    *,
    dispute: Dispute,
    facilitator: User,
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
        impact_services.claim_declare(claim=claim, at=at)
    return dispute


# Admissions ----------------------------------------------------------------------------


@transaction.atomic
def application_submit(
    *, producer: PartnerModel, user: User, presentation: str, claims: Sequence[Claim] = ()
) -> Application:
    """Submit the application, saving first the candidate's answers to the inclusion
    criteria it has not answered yet (claims, through shop.impact's service)."""
    if not producer.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only the producer's own accounts can apply for it."))
    producer = Partner.objects.select_for_update().get(pk=producer.pk)
    if producer.charter_status != "candidat":
        raise ValidationError(_("Only a candidate producer can apply."))
    if not presentation.strip():
        raise ValidationError(_("Present your structure and your practices."))
    answered = set(
        producer.claims.filter(product__isnull=True).values_list("criterion_id", flat=True)
    )
    for claim in claims:
        if claim.criterion_id in answered:
            continue  # already answered: the producer edits it from its dashboard
        claim.producer = producer
        if not claim.valid_until:
            claim.valid_until = claim.criterion.default_valid_until(claim.valid_from)
        impact_services.claim_save(claim=claim, user=user)
    missing = missing_inclusion_criteria(producer)
    if missing:
        raise ValidationError(
            _("Answer every inclusion criterion of the charter first: %(names)s.")
            % {"names": ", ".join(c.name for c in missing)}
        )
    try:
        with transaction.atomic():
            application = Application.objects.create(
                producer=producer, presentation=presentation.strip(), submitted_by=user
            )
    except IntegrityError as error:
        raise ValidationError(
            _("An application of this producer is already under review.")
        ) from error
    _notify(application, "submitted")
    return application


@transaction.atomic
def application_opinion_record(
    *,
    application: Application,
    member: User,
    recommendation: str,
    opinion: str,
    visit_report: str = "",
) -> ApplicationOpinion:
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise ValidationError(_("This application has already been decided."))
    if application.producer.users.filter(pk=member.pk).exists():
        raise PermissionDenied(_("A candidate cannot review its own application."))
    memberships = confirmed_memberships(member)
    if not memberships:
        raise PermissionDenied(_("Only confirmed members of a college can review applications."))
    if recommendation not in ApplicationOpinion.Recommendation.values:
        raise ValidationError(_("Choose a recommendation."))
    if not opinion.strip():
        raise ValidationError(_("Explain your opinion."))
    try:
        with transaction.atomic():
            given = ApplicationOpinion.objects.create(
                application=application,
                member=member,
                college=memberships[0].college,
                recommendation=recommendation,
                opinion=opinion.strip(),
                visit_report=visit_report.strip(),
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already reviewed this application.")) from error
    if application.status == Application.Status.SUBMITTED:
        application.status = Application.Status.IN_REVIEW
        application.save(update_fields=["status"])
        _notify(application, "in_review")
    return given


@transaction.atomic
def application_decide(
    *, application: Application, facilitator: User, status: str, reasons: str
) -> Application:
    """The facilitator records the consensus decision; admitted → charter member."""
    if not can_facilitate(facilitator):
        raise PermissionDenied(_("Only a facilitator can record the decision."))
    if status not in DECISIONS:
        raise ValidationError(_("Choose admitted, refused or postponed."))
    if not reasons.strip():
        raise ValidationError(_("Give the reasons for the decision."))
    application = Application.objects.select_for_update().get(pk=application.pk)
    if not application.is_pending:
        raise ValidationError(_("This application has already been decided."))
    application.status = status
    application.reasons = reasons.strip()
    application.decided_by = facilitator
    application.decided_at = timezone.now()
    application.save()
    if status == Application.Status.ADMITTED:
        producer = Partner.objects.select_for_update().get(pk=application.producer_id)
        producer.charter_status = "membre"
        # save(), not update(): the feed announces the admission from the save signal.
        producer.save(update_fields=["charter_status"])
        application.producer = producer
    _notify(application, status)
    return application


def _recipients(application: Application) -> list[str]:
    emails = [u.email for u in application.producer.users.all() if u.email]
    if application.producer.email:
        emails.append(application.producer.email)
    return sorted(set(emails))


def _notify(application: Application, step: str) -> None:
    recipients = _recipients(application)
    if not recipients:
        return
    with translation.override(EMAIL_LANGUAGE):
        context = {"application": application, "producer": application.producer, "step": step}
        subject = render_to_string("community/guarantee/email/application_subject.txt", context)
        body = render_to_string("community/guarantee/email/application_body.txt", context)
    message = EmailMessage(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    transaction.on_commit(lambda: message.send(fail_silently=True))
