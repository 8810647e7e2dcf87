from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .models import Contract, ContractSubscription, PaymentMethod
from .services import MAX_INSTALMENTS

MEMBER_METHODS = [
    (PaymentMethod.CHEQUE, PaymentMethod.CHEQUE.label),
    (PaymentMethod.TRANSFER, PaymentMethod.TRANSFER.label),
    (PaymentMethod.WALLET, PaymentMethod.WALLET.label),
]


class SubscribeForm(forms.Form):
    option: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Basket"), queryset=None, widget=forms.RadioSelect, empty_label=None
    )
    instalments = forms.TypedChoiceField(
        label=_("Number of instalments"),
        coerce=int,
        choices=[(n, str(n)) for n in range(1, MAX_INSTALMENTS + 1)],
        initial=1,
    )
    method = forms.ChoiceField(label=_("Payment method"), choices=MEMBER_METHODS)
    terms_version = forms.IntegerField(widget=forms.HiddenInput)
    accept = forms.BooleanField(label=_("I have read and accept the terms of the contract"))

    def __init__(self, *args: Any, contract: Contract, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = contract.options.all()  # type: ignore[attr-defined]
        self.fields["terms_version"].initial = contract.terms_version


class AbsenceForm(forms.Form):
    distribution: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Distribution"), queryset=None
    )

    def __init__(self, *args: Any, subscription: ContractSubscription, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["distribution"].queryset = (  # type: ignore[attr-defined]
            subscription.contract.distributions.exclude(
                contract_absences__subscription=subscription
            ).order_by("starts_at")
        )


class ShareForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the other household"))

    def clean_email(self) -> Any:
        email = self.cleaned_data["email"]
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            raise forms.ValidationError(
                _("No member has this e-mail address: they need an account first.")
            )
        return user


class PaymentForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Payment method"),
        choices=[
            (PaymentMethod.CHEQUE, PaymentMethod.CHEQUE.label),
            (PaymentMethod.TRANSFER, PaymentMethod.TRANSFER.label),
        ],
    )
