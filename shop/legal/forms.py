"""The "I accept the terms of sale" box of the checkout and of group order commitments."""

from django import forms
from django.utils.translation import gettext_lazy as _

ACCEPT_TERMS_LABEL = _("I have read and accept the terms of sale")


def accept_terms_field(*, required: bool = True) -> forms.BooleanField:
    """The box; `required=False` when the form decides (a cancellation needs none)."""
    return forms.BooleanField(
        label=ACCEPT_TERMS_LABEL,
        required=required,
        error_messages={"required": _("Please accept the terms of sale to place your order.")},
    )


class AcceptTermsForm(forms.Form):
    """The review page's box, checked before Oscar's submission starts."""

    accept_terms = accept_terms_field()
