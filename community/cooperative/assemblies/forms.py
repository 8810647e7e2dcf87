from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Assembly, Ballot, Resolution

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class AssemblyForm(forms.ModelForm):
    class Meta:
        model = Assembly
        fields = ["title", "kind", "held_on", "opens_at", "closes_at", "agenda"]
        widgets = {
            "held_on": DATETIME,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "agenda": forms.Textarea(attrs={"rows": 6}),
        }

    def clean(self) -> dict:
        data = super().clean() or {}
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and opens_at >= closes_at:
            self.add_error("closes_at", _("Voting must open before it closes."))
        return data


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["title", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class DocumentForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    file = forms.FileField(
        label=_("PDF file"),
        help_text=_("A PDF of at most 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )


class ProxyForm(forms.Form):
    holder_number = forms.IntegerField(
        label=_("Member number of the member who will vote for you"), min_value=1
    )


class BallotForm(forms.Form):
    """One choice per resolution: for, against or abstention."""

    def __init__(self, *args: Any, resolutions: list[Resolution], **kwargs: Any):
        kwargs["prefix"] = kwargs.get("prefix") or None
        super().__init__(*args, **kwargs)
        self.resolutions = resolutions
        for resolution in resolutions:
            self.fields[f"r{resolution.pk}"] = forms.ChoiceField(
                label=str(resolution),
                choices=Ballot.Choice.choices,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose for, against or abstention.")},
            )

    def choices(self) -> dict[int, str]:
        return {r.pk: self.cleaned_data[f"r{r.pk}"] for r in self.resolutions}

    def rows(self) -> list[tuple[Resolution, forms.BoundField]]:
        return [(r, self[f"r{r.pk}"]) for r in self.resolutions]
