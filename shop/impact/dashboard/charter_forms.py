"""Forms of the charter pages (staff): dimensions and criteria.

Criterion.clean() holds the level and filter rules; a ModelForm runs it and shows its
errors on the fields they name.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from shop.impact.models import Criterion, Dimension

from .forms import DATE_WIDGET

CODE_HELP_TEXT = _(
    "Lowercase letters, digits and hyphens. Used in links and catalogue filters: "
    "changing it breaks existing links."
)


class DimensionForm(forms.ModelForm):
    class Meta:
        model = Dimension
        fields = ["code", "name", "description", "position"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {"code": CODE_HELP_TEXT}


class CriterionForm(forms.ModelForm):
    class Meta:
        model = Criterion
        fields = [
            "dimension",
            "code",
            "name",
            "short_label",
            "kind",
            "scope",
            "value_type",
            "unit",
            "max_level",
            "target_date",
            "direction",
            "reference_value",
            "evidence_required",
            "validity_months",
            "explanation",
            "is_certification",
            "is_filter",
            "position",
            "is_active",
        ]
        widgets = {
            "target_date": DATE_WIDGET,
            "explanation": forms.Textarea(attrs={"rows": 4}),
        }
        help_texts = {
            "code": CODE_HELP_TEXT,
            "is_active": _(
                "Untick to retire the criterion: producers can no longer choose it and "
                "it leaves the public charter; existing claims are kept."
            ),
        }
