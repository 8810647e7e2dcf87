from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _


class StatementUploadForm(forms.Form):
    statement = forms.FileField(
        label=_("Bank statement (CSV export of the account)"),
        help_text=_(
            "Columns: date, label, amount (or debit and credit), and a reference if your "
            "bank exports one. Importing the same statement again changes nothing."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,text/csv"}),
    )


class LineResolveForm(forms.Form):
    """Per unmatched line: the reference it pays, or why it is set aside."""

    ACTIONS = (("match", _("Match")), ("set_aside", _("Set aside")))

    action = forms.ChoiceField(choices=ACTIONS, widget=forms.HiddenInput)
    reference = forms.CharField(label=_("Reference paid"), max_length=64, required=False)
    note = forms.CharField(label=_("Note (why)"), max_length=500, required=False)

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("action") == "match" and not data.get("reference", "").strip():
            self.add_error("reference", _("Give the reference this line pays."))
        if data.get("action") == "set_aside" and not data.get("note", "").strip():
            self.add_error("note", _("Say why this line is set aside."))
        return data
