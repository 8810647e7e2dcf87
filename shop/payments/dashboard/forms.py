from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _


class AmountForm(forms.Form):
    """An amount (required) and an optional note for the audit trail."""

    amount = forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class RefundForm(AmountForm):
    """A refund the way the order was paid, or to the customer's wallet (any order)."""

    ORIGINAL = "original"
    WALLET = "wallet"

    destination = forms.ChoiceField(
        label=_("Refund to"),
        choices=[
            (ORIGINAL, _("The way it was paid")),
            (WALLET, _("The customer's wallet")),
        ],
        initial=ORIGINAL,
        required=False,  # the way it was paid, unless told otherwise
        widget=forms.RadioSelect,
    )


class CaptureForm(forms.Form):
    """Capture all that was authorised, or the amount given."""

    amount = forms.DecimalField(
        label=_("Amount"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty to capture the whole authorised amount."),
    )


class ConfirmForm(forms.Form):
    """No field: the POST itself is the confirmation."""
