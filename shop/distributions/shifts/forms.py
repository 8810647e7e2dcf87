from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ShiftRole

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ShiftRoleForm(forms.ModelForm):
    class Meta:
        model = ShiftRole
        fields = ["label", "places", "starts_at", "ends_at"]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def clean(self):
        data = super().clean()
        if data.get("starts_at") and data.get("ends_at") and data["ends_at"] <= data["starts_at"]:
            raise forms.ValidationError(_("A shift must end after it starts."))
        return data
