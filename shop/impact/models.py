"""The charter (référentiel) as data, and the claims producers make against it.

A claim is a producer's answer to one criterion, for itself or for one of its products.
A product claim overrides the producer's claim on the same criterion. A claim's state
moves déclaré → validé | contesté, and it shows "à revérifier" as soon as its validity
ends: the effective state is computed from the date, so every listing flips at once.
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from .evidence import validate_evidence_content

EVIDENCE_EXTENSIONS = ["pdf", "jpg", "jpeg", "png", "webp"]
EVIDENCE_MAX_BYTES = 5 * 1024 * 1024


def validate_evidence_size(file) -> None:
    if file.size > EVIDENCE_MAX_BYTES:
        raise ValidationError(
            _("The evidence file is too large (%(size)s MB); the limit is 5 MB."),
            params={"size": number_format(file.size / 1024 / 1024, 1)},
            code="file_too_large",
        )


class Dimension(models.Model):
    """One of the charter's four dimensions (social, environmental, local economy,
    governance)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=80)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("dimension")
        verbose_name_plural = _("dimensions")

    def __str__(self) -> str:
        return self.name


class Criterion(models.Model):
    class Kind(models.TextChoices):
        INCLUSION = "inclusion", _("Inclusion (must hold to be a member)")
        PROGRESS = "progress", _("Progress (levels with a target date)")

    class Scope(models.TextChoices):
        PRODUCER = "producer", _("Producer")
        PRODUCT = "product", _("Product")
        BOTH = "both", _("Producer or product")

    class ValueType(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no")
        LEVEL = "level", _("Level")
        NUMBER = "number", _("Number with unit")
        PERCENTAGE = "percentage", _("Percentage")

    class Direction(models.TextChoices):
        HIGHER = "higher", _("Higher is better")
        LOWER = "lower", _("Lower is better")

    dimension = models.ForeignKey(
        Dimension, on_delete=models.PROTECT, related_name="criteria", verbose_name=_("dimension")
    )
    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    short_label = models.CharField(
        _("short label"), max_length=40, blank=True, help_text=_("Shown on badges and filters.")
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PROGRESS)
    scope = models.CharField(_("scope"), max_length=10, choices=Scope.choices, default=Scope.BOTH)
    value_type = models.CharField(
        _("value type"), max_length=12, choices=ValueType.choices, default=ValueType.YES_NO
    )
    unit = models.CharField(_("unit"), max_length=20, blank=True)
    max_level = models.PositiveSmallIntegerField(
        _("highest level"), default=0, help_text=_("For level criteria: levels go 0..n.")
    )
    target_date = models.DateField(_("target date"), null=True, blank=True)
    direction = models.CharField(
        _("direction"), max_length=6, choices=Direction.choices, default=Direction.HIGHER
    )
    reference_value = models.DecimalField(
        _("reference value"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_(
            "For numbers and percentages: the value that scores 100 % (or 0 % when lower "
            "is better)."
        ),
    )
    evidence_required = models.BooleanField(_("evidence required"), default=False)
    validity_months = models.PositiveSmallIntegerField(
        _("validity (months)"), default=12, validators=[MinValueValidator(1)]
    )
    explanation = models.TextField(_("public explanation"), blank=True)
    is_certification = models.BooleanField(
        _("is a certification"),
        default=False,
        help_text=_("Shown among the key certifications on product cards."),
    )
    is_filter = models.BooleanField(
        _("offered as a catalogue filter"), default=False, help_text=_("Yes/no criteria only.")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["dimension__position", "position", "pk"]
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_label or self.name

    def clean(self) -> None:
        if self.value_type == self.ValueType.LEVEL and self.max_level < 1:
            raise ValidationError({"max_level": _("A level criterion needs a highest level.")})
        if self.is_filter and self.value_type != self.ValueType.YES_NO:
            raise ValidationError({"is_filter": _("Only yes/no criteria can be filters.")})

    def applies_to_products(self) -> bool:
        return self.scope in (self.Scope.PRODUCT, self.Scope.BOTH)

    def applies_to_producers(self) -> bool:
        return self.scope in (self.Scope.PRODUCER, self.Scope.BOTH)

    def default_valid_until(self, start: datetime.date) -> datetime.date:
        return add_months(start, self.validity_months)


def add_months(start: datetime.date, months: int) -> datetime.date:
    month_index = start.month - 1 + months
    year, month = start.year + month_index // 12, month_index % 12 + 1
    # Clamp the day (31 January + 1 month = 28/29 February).
    for day in (start.day, 30, 29, 28):
        try:
            return datetime.date(year, month, day)
        except ValueError:
            continue
    raise AssertionError("unreachable")


class ClaimQuerySet(models.QuerySet):
    def current(self, today: datetime.date | None = None):
        """Claims still within their validity period."""
        return self.filter(valid_until__gte=today or timezone.localdate())

    def expired(self, today: datetime.date | None = None):
        return self.filter(valid_until__lt=today or timezone.localdate())

    def expiring_within(self, days: int, today: datetime.date | None = None):
        today = today or timezone.localdate()
        return self.filter(
            valid_until__gte=today, valid_until__lte=today + datetime.timedelta(days)
        )


class Claim(models.Model):
    """A producer's answer to one charter criterion, with its evidence and validity."""

    class Source(models.TextChoices):
        SELF_DECLARED = "self", _("Self-declared")
        THIRD_PARTY = "third_party", _("Certified by a third party")

    class State(models.TextChoices):
        DECLARED = "declared", _("Declared")
        VALIDATED = "validated", _("Validated by the community")
        DISPUTED = "disputed", _("Disputed")
        TO_RECHECK = "to_recheck", _("To re-check")

    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="claims", verbose_name=_("criterion")
    )
    producer = models.ForeignKey(
        "partner.Partner",
        on_delete=models.CASCADE,
        related_name="claims",
        verbose_name=_("producer"),
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="claims",
        verbose_name=_("product"),
        help_text=_("Leave empty for a claim about the producer as a whole."),
    )
    not_applicable = models.BooleanField(
        _("not applicable"),
        default=False,
        help_text=_(
            "This criterion does not concern this producer or product (for example animal "
            "welfare for a vegetable grower). It then counts neither for nor against."
        ),
    )
    value_bool = models.BooleanField(_("yes / no"), null=True, blank=True)
    value_level = models.PositiveSmallIntegerField(_("level"), null=True, blank=True)
    value_number = models.DecimalField(
        _("value"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    evidence_text = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), blank=True)
    evidence_file = models.FileField(
        _("evidence file"),
        upload_to="impact/evidence/%Y/%m/",
        blank=True,
        validators=[
            FileExtensionValidator(EVIDENCE_EXTENSIONS),
            validate_evidence_size,
            validate_evidence_content,
        ],
        help_text=_("PDF or image, 5 MB at most."),
    )
    source = models.CharField(
        _("source"), max_length=12, choices=Source.choices, default=Source.SELF_DECLARED
    )
    certifier = models.CharField(_("certifier"), max_length=120, blank=True)
    certificate_number = models.CharField(_("certificate number"), max_length=80, blank=True)
    valid_from = models.DateField(_("valid from"), default=timezone.localdate)
    valid_until = models.DateField(_("valid until"))
    state = models.CharField(
        _("state"), max_length=12, choices=State.choices, default=State.DECLARED
    )
    validated_at = models.DateTimeField(_("validated on"), null=True, blank=True)
    state_changed_at = models.DateTimeField(_("state changed on"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(_("created on"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated on"), auto_now=True)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["criterion__dimension__position", "criterion__position", "pk"]
        verbose_name = _("claim")
        verbose_name_plural = _("claims")
        permissions = [("review_claims", "Can review claims as a facilitator")]
        constraints = [
            models.UniqueConstraint(
                fields=["criterion", "producer"],
                condition=Q(product__isnull=True),
                name="one_producer_claim_per_criterion",
            ),
            models.UniqueConstraint(
                fields=["criterion", "product"],
                condition=Q(product__isnull=False),
                name="one_product_claim_per_criterion",
            ),
        ]
        indexes = [models.Index(fields=["valid_until"], name="claim_valid_until_idx")]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.display_value}"

    def save(self, *args, **kwargs):
        if not self.valid_until:
            self.valid_until = self.criterion.default_valid_until(self.valid_from)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("impact:producer-detail", kwargs={"slug": self.producer.slug})

    @property
    def is_expired(self) -> bool:
        return self.valid_until < timezone.localdate()

    @property
    def effective_state(self) -> str:
        """The state to show: an expired claim is "to re-check" whatever it was."""
        return self.State.TO_RECHECK if self.is_expired else self.state

    def get_effective_state_display(self) -> str:
        return str(self.State(self.effective_state).label)

    @property
    def display_value(self) -> str:
        if self.not_applicable:
            return str(_("Not applicable"))
        value_type = self.criterion.value_type
        if value_type == Criterion.ValueType.YES_NO:
            return str(_("Yes")) if self.value_bool else str(_("No"))
        if value_type == Criterion.ValueType.LEVEL:
            return _("level %(level)s of %(max)s") % {
                "level": self.value_level or 0,
                "max": self.criterion.max_level,
            }
        if self.value_number is None:
            return "—"
        number = f"{self.value_number.normalize():f}".replace(".", ",")
        if value_type == Criterion.ValueType.PERCENTAGE:
            return f"{number} %"
        return f"{number} {self.criterion.unit}".strip()

    @property
    def is_positive(self) -> bool:
        """Whether the claim says the criterion holds (for badges and filters)."""
        if self.not_applicable:
            return False
        value_type = self.criterion.value_type
        if value_type == Criterion.ValueType.YES_NO:
            return bool(self.value_bool)
        if value_type == Criterion.ValueType.LEVEL:
            return bool(self.value_level)
        return self.value_number is not None

    def clean(self) -> None:
        errors: dict[str, object] = {}
        criterion = getattr(self, "criterion", None)
        if criterion is None:
            return
        if self.product_id and not criterion.applies_to_products():
            errors["product"] = _("This criterion applies to producers only.")
        if not self.product_id and not criterion.applies_to_producers():
            errors["product"] = _("This criterion applies to products: choose one.")
        value_field = {
            Criterion.ValueType.YES_NO: "value_bool",
            Criterion.ValueType.LEVEL: "value_level",
            Criterion.ValueType.NUMBER: "value_number",
            Criterion.ValueType.PERCENTAGE: "value_number",
        }[criterion.value_type]
        if self.not_applicable:
            if criterion.kind == Criterion.Kind.INCLUSION:
                errors["not_applicable"] = _(
                    "An inclusion criterion applies to every member: it cannot be “not applicable”."
                )
        elif getattr(self, value_field) is None:
            errors[value_field] = _("Give a value for this criterion.")
        if (
            criterion.value_type == Criterion.ValueType.LEVEL
            and self.value_level is not None
            and self.value_level > criterion.max_level
        ):
            errors["value_level"] = _("The highest level is %(max)s.") % {
                "max": criterion.max_level
            }
        if (
            criterion.value_type == Criterion.ValueType.PERCENTAGE
            and self.value_number is not None
            and not Decimal(0) <= self.value_number <= Decimal(100)
        ):
            errors["value_number"] = _("A percentage lies between 0 and 100.")
        if (
            not self.not_applicable
            and criterion.evidence_required
            and not (self.evidence_text or self.evidence_url or self.evidence_file)
        ):
            errors["evidence_text"] = _("This criterion requires evidence: text, link or file.")
        if self.source == self.Source.THIRD_PARTY and not (
            self.certifier and self.certificate_number
        ):
            errors["certifier"] = _("A third-party certification needs its certifier and number.")
        if self.valid_until and self.valid_from and self.valid_until < self.valid_from:
            errors["valid_until"] = _("The end of validity comes before its start.")
        if errors:
            raise ValidationError(errors)


class FreshnessReminder(models.Model):
    """One reminder e-mail sent to a producer about claims that expire soon.

    It carries the one-click "toujours exact" link: signed, expiring and usable once.
    """

    producer = models.ForeignKey(
        "partner.Partner", on_delete=models.CASCADE, related_name="freshness_reminders"
    )
    sent_on = models.DateField(_("sent on"))
    claims = models.ManyToManyField(Claim, related_name="reminders")
    expires_at = models.DateTimeField(_("link expires at"))
    used_at = models.DateTimeField(_("link used at"), null=True, blank=True)

    class Meta:
        verbose_name = _("freshness reminder")
        verbose_name_plural = _("freshness reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["producer", "sent_on"], name="one_reminder_per_producer_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.producer} — {self.sent_on}"
