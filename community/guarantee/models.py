"""The participatory guarantee: stakeholder colleges, members' opinions on claims,
disputes and producer applications.

Imported by community/models.py, so Django finds these models in the `community` app.
State changes go through community/guarantee/services.py and admissions.py; these
classes only hold data and constraints.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from shop.impact.evidence import validate_evidence_content
from shop.impact.models import EVIDENCE_EXTENSIONS, validate_evidence_size

__all__ = [
    "Application",
    "ApplicationOpinion",
    "ClaimOpinion",
    "College",
    "CollegeMembership",
    "Dispute",
]

USER = settings.AUTH_USER_MODEL


class College(models.Model):
    """One of the six stakeholder categories of ISO 26000."""

    class Category(models.TextChoices):
        CONSUMERS = "consumers", _("Consumers")
        PEER_PRODUCERS = "peer_producers", _("Peer producers")
        WORKERS = "workers", _("Workers")
        PUBLIC_BODIES = "public_bodies", _("Public bodies and local authorities")
        ASSOCIATIONS = "associations", _("Associations and networks")
        SUPPORT_RESEARCH = "support_research", _("Support and research")

    category = models.CharField(_("category"), max_length=20, choices=Category.choices, unique=True)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("college")
        verbose_name_plural = _("colleges")
        permissions = [("facilitate", "Can facilitate the participatory guarantee")]

    def __str__(self) -> str:
        return self.get_category_display()


class CollegeMembership(models.Model):
    class Status(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        CONFIRMED = "confirmed", _("Confirmed")

    user = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="college_memberships", verbose_name=_("member")
    )
    college = models.ForeignKey(
        College, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("college")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    motivation = models.TextField(_("why this college"), blank=True)
    requested_at = models.DateTimeField(_("requested on"), default=timezone.now)
    confirmed_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("confirmed by"),
    )
    confirmed_at = models.DateTimeField(_("confirmed on"), null=True, blank=True)

    class Meta:
        ordering = ["college__position", "requested_at"]
        verbose_name = _("college membership")
        verbose_name_plural = _("college memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "college"], name="one_membership_per_college")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.college}"


EVIDENCE_VALIDATORS: list[Callable[[Any], None]] = [
    FileExtensionValidator(EVIDENCE_EXTENSIONS),
    validate_evidence_size,
    validate_evidence_content,
]


class Verdict(models.TextChoices):
    CONFIRM = "confirm", _("I confirm")
    DISPUTE = "dispute", _("I dispute")


class ClaimOpinion(models.Model):
    """A member's opinion on a claim, for the claim's current validity period.

    `validity_period_end` is the claim's `valid_until` when the member voted: once the
    claim is renewed, its opinions belong to the previous period and no longer count,
    and the member may give a new one. The unique constraint is what stops two
    concurrent votes by the same member from both landing.
    """

    Verdict = Verdict

    claim = models.ForeignKey(
        "impact.Claim", on_delete=models.CASCADE, related_name="opinions", verbose_name=_("claim")
    )
    member = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="claim_opinions", verbose_name=_("member")
    )
    college = models.ForeignKey(
        College, on_delete=models.PROTECT, related_name="+", verbose_name=_("college")
    )
    verdict = models.CharField(_("verdict"), max_length=8, choices=Verdict.choices)
    comment = models.TextField(_("comment"))
    evidence = models.FileField(
        _("evidence (photo or document)"),
        upload_to="community/evidence/%Y/%m/",
        blank=True,
        validators=EVIDENCE_VALIDATORS,
        help_text=_("PDF or image, 5 MB at most."),
    )
    visit_report = models.BooleanField(
        _("this is a visit report"),
        default=False,
        help_text=_("Tick if you visited the producer to check this claim."),
    )
    validity_period_end = models.DateField(_("validity period ends"))
    created_at = models.DateTimeField(_("given on"), default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("opinion on a claim")
        verbose_name_plural = _("opinions on claims")
        constraints = [
            models.UniqueConstraint(
                fields=["claim", "member", "validity_period_end"],
                name="one_opinion_per_member_per_claim_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_verdict_display()} — {self.claim_id}"


class Dispute(models.Model):
    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Outcome(models.TextChoices):
        UPHELD = "upheld", _("Dispute upheld: the claim goes back to declared")
        REJECTED = "rejected", _("Dispute rejected: the claim is re-evaluated")

    claim = models.ForeignKey(
        "impact.Claim", on_delete=models.CASCADE, related_name="disputes", verbose_name=_("claim")
    )
    opened_by = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("opened by")
    )
    opinion = models.OneToOneField(
        ClaimOpinion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="dispute",
        verbose_name=_("opinion"),
    )
    status = models.CharField(
        _("status"), max_length=6, choices=Status.choices, default=Status.OPEN
    )
    opened_at = models.DateTimeField(_("opened on"), default=timezone.now)
    outcome = models.CharField(_("outcome"), max_length=8, choices=Outcome.choices, blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decided_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["opened_at", "pk"]
        verbose_name = _("dispute")
        verbose_name_plural = _("disputes")

    def __str__(self) -> str:
        return f"{self.claim} — {self.get_status_display()}"


class Application(models.Model):
    """A candidate producer's application to join the charter."""

    class Status(models.TextChoices):
        SUBMITTED = "submitted", _("Submitted")
        IN_REVIEW = "in_review", _("In review")
        ADMITTED = "admitted", _("Admitted")
        REFUSED = "refused", _("Refused")
        POSTPONED = "postponed", _("Postponed")

    producer = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("producer"),
    )
    presentation = models.TextField(_("presentation"))
    submitted_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    submitted_at = models.DateTimeField(_("submitted on"), default=timezone.now)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.SUBMITTED
    )
    reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided on"), null=True, blank=True)

    class Meta:
        ordering = ["-submitted_at", "-pk"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["producer"],
                condition=Q(status__in=["submitted", "in_review"]),
                name="one_pending_application_per_producer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.producer} — {self.get_status_display()}"

    @property
    def is_pending(self) -> bool:
        return self.status in (self.Status.SUBMITTED, self.Status.IN_REVIEW)


class ApplicationOpinion(models.Model):
    class Recommendation(models.TextChoices):
        ADMIT = "admit", _("Admit")
        REFUSE = "refuse", _("Refuse")
        POSTPONE = "postpone", _("Postpone")

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="opinions")
    member = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    college = models.ForeignKey(College, on_delete=models.PROTECT, related_name="+")
    recommendation = models.CharField(
        _("recommendation"), max_length=8, choices=Recommendation.choices
    )
    opinion = models.TextField(_("opinion"))
    visit_report = models.TextField(_("visit report"), blank=True)
    created_at = models.DateTimeField(_("given on"), default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("opinion on an application")
        verbose_name_plural = _("opinions on applications")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "member"], name="one_opinion_per_member_per_application"
            )
        ]

    def __str__(self) -> str:
        return f"{self.member} — {self.get_recommendation_display()}"
