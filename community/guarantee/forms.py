"""Forms of the participatory guarantee pages: they parse input, services decide."""

from __future__ import annotations

from collections.abc import Iterable

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.impact.models import Claim, Criterion

from .models import (
    EVIDENCE_VALIDATORS,
    Application,
    ApplicationOpinion,
    College,
    Dispute,
    Verdict,
)


class ClaimOpinionForm(forms.Form):
    verdict = forms.ChoiceField(
        label=_("Your opinion"), choices=Verdict.choices, widget=forms.RadioSelect
    )
    comment = forms.CharField(label=_("Comment"), widget=forms.Textarea(attrs={"rows": 3}))
    evidence = forms.FileField(
        label=_("Evidence (photo, document)"),
        required=False,
        validators=EVIDENCE_VALIDATORS,
        help_text=_("PDF or image, 5 MB at most."),
    )
    visit_report = forms.BooleanField(label=_("This is a visit report"), required=False)
    college = forms.ModelChoiceField(
        label=_("I speak as a member of"), queryset=College.objects.none(), required=False
    )

    def __init__(self, *args, colleges=(), **kwargs):
        super().__init__(*args, **kwargs)
        colleges = list(colleges)
        self.fields["college"].queryset = College.objects.filter(pk__in=[c.pk for c in colleges])
        if len(colleges) < 2:
            del self.fields["college"]


class CollegeJoinForm(forms.Form):
    college = forms.ModelChoiceField(label=_("College"), queryset=College.objects.all())
    motivation = forms.CharField(
        label=_("Why this college?"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class DisputeCloseForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=Dispute.Outcome.choices, widget=forms.RadioSelect
    )
    decision = forms.CharField(
        label=_("Written decision"), widget=forms.Textarea(attrs={"rows": 3})
    )


class ApplicationForm(forms.Form):
    """The candidate's presentation plus one answer per missing inclusion criterion."""

    presentation = forms.CharField(
        label=_("Presentation of your structure and practices"),
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, criteria: Iterable[Criterion] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            name = f"critere_{criterion.pk}"
            field: forms.Field
            if criterion.value_type == Criterion.ValueType.YES_NO:
                field = forms.BooleanField(label=criterion.name, required=True)
            elif criterion.value_type == Criterion.ValueType.LEVEL:
                field = forms.IntegerField(
                    label=criterion.name, min_value=0, max_value=criterion.max_level
                )
            else:
                field = forms.DecimalField(label=criterion.name, max_digits=12, decimal_places=2)
            field.help_text = criterion.explanation
            self.fields[name] = field
            self.fields[f"preuve_{criterion.pk}"] = forms.CharField(
                label=_("Evidence for “%(name)s”") % {"name": criterion.name},
                required=criterion.evidence_required,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def claims_for(self, producer) -> list[Claim]:
        claims = []
        for criterion in self.criteria:
            value = self.cleaned_data[f"critere_{criterion.pk}"]
            claim = Claim(
                criterion=criterion,
                producer=producer,
                evidence_text=self.cleaned_data[f"preuve_{criterion.pk}"],
            )
            if criterion.value_type == Criterion.ValueType.YES_NO:
                claim.value_bool = value
            elif criterion.value_type == Criterion.ValueType.LEVEL:
                claim.value_level = value
            else:
                claim.value_number = value
            claims.append(claim)
        return claims


class ApplicationOpinionForm(forms.Form):
    recommendation = forms.ChoiceField(
        label=_("Recommendation"),
        choices=ApplicationOpinion.Recommendation.choices,
        widget=forms.RadioSelect,
    )
    opinion = forms.CharField(label=_("Opinion"), widget=forms.Textarea(attrs={"rows": 3}))
    visit_report = forms.CharField(
        label=_("Visit report (if you visited)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ApplicationDecisionForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Decision"),
        choices=[
            (s.value, s.label)
            for s in (
                Application.Status.ADMITTED,
                Application.Status.REFUSED,
                Application.Status.POSTPONED,
            )
        ],
        widget=forms.RadioSelect,
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 3}))
