from __future__ import annotations

import uuid
from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


def new_nonce() -> str:
    """A form's one-time key: the same correction submitted twice is written once."""
    return uuid.uuid4().hex


class WalletSearchForm(forms.Form):
    q = forms.CharField(label=_("E-mail"), max_length=254, required=False)


class OverdraftForm(forms.Form):
    limit = forms.DecimalField(
        label=_("Overdraft limit (€)"),
        min_value=Decimal("0.00"),
        max_value=Decimal("10000.00"),
        max_digits=7,
        decimal_places=2,
        help_text=_("0 forbids any overdraft."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)


class CorrectionForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        max_digits=8,
        decimal_places=2,
        help_text=_("Positive to credit the wallet, negative to debit it."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=1000)
    nonce = forms.RegexField(regex=r"^[0-9a-f]{32}$", widget=forms.HiddenInput)

    def clean_amount(self) -> Decimal:
        amount = self.cleaned_data["amount"]
        if amount == 0:
            raise forms.ValidationError(_("A correction of zero changes nothing."))
        return amount
