"""Admission of new producers: a candidate answers the charter's inclusion criteria as
claims and presents itself; members of the colleges give opinions (and visit reports);
a facilitator records the consensus decision. The candidate gets an e-mail at each step.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from shop.impact.models import Claim, Criterion
from shop.impact.services import claim_save

from .colleges import can_facilitate, confirmed_memberships
from .models_guarantee import Application, ApplicationOpinion

Partner = get_model("partner", "Partner")

EMAIL_LANGUAGE = "fr"
DECISIONS = (Application.Status.ADMITTED, Application.Status.REFUSED, Application.Status.POSTPONED)


def missing_inclusion_criteria(producer) -> list[Criterion]:
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


def candidate_producers(user):
    if not user.is_authenticated:
        return Partner.objects.none()
    return Partner.objects.filter(users=user, charter_status="candidat")


@transaction.atomic
def application_submit(
    *, producer, user, presentation: str, claims: Sequence[Claim] = ()
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
        claim_save(claim=claim, user=user)
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
def application_opinion_give(
    *, application: Application, member, recommendation: str, opinion: str, visit_report: str = ""
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
    *, application: Application, facilitator, status: str, reasons: str
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


def pending_applications():
    return (
        Application.objects.filter(
            status__in=[Application.Status.SUBMITTED, Application.Status.IN_REVIEW]
        )
        .select_related("producer")
        .order_by("submitted_at", "pk")
    )


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
