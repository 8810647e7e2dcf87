"""Forms of the reviews: they parse input, services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        coerce=int,
        choices=[(n, str(n)) for n in range(5, 0, -1)],
    )
    text = forms.CharField(label=_("Your review"), widget=forms.Textarea(attrs={"rows": 3}))


class FeedbackAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Your answer"), widget=forms.Textarea(attrs={"rows": 2}))
