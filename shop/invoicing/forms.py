"""Filters of the invoicing pages: a month, an issuer."""

from __future__ import annotations

import datetime
from typing import cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .selectors import issuer_choices

MONTH_FORMATS = ("%Y-%m", "%m/%Y")


class MonthField(forms.CharField):
    """A month as "2027-03" (what `<input type="month">` sends) or "03/2027"; cleaned to
    the month's first day."""

    widget = forms.TextInput(attrs={"type": "month", "placeholder": "2027-03"})

    def to_python(self, value):
        value = super().to_python(value).strip()
        if not value:
            return None
        for fmt in MONTH_FORMATS:
            try:
                return datetime.datetime.strptime(value, fmt).date()
            except ValueError:
                continue
        raise ValidationError(_("Enter a month as YYYY-MM, e.g. 2027-03."), code="invalid_month")


class MonthForm(forms.Form):
    month = MonthField(label=_("Month"))


class InvoiceFilterForm(forms.Form):
    issuer = forms.ChoiceField(label=_("Issuer"), required=False)
    month = MonthField(label=_("Month"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = cast(forms.ChoiceField, self.fields["issuer"])
        field.choices = [("", _("All issuers")), *issuer_choices()]
