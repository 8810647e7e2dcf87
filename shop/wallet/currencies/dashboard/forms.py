from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.impact.dashboard.forms import https_url_fields

from ..models import Adapter, LocalCurrency

Partner = get_model("partner", "Partner")


class LocalCurrencyForm(forms.ModelForm):
    class Meta:
        model = LocalCurrency
        formfield_callback = https_url_fields
        fields = [
            "code",
            "name",
            "symbol",
            "operator_name",
            "adapter",
            "api_base_url",
            "api_token_setting",
            "active",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # Wallets are kept under the code: it cannot change once created.
            self.fields["code"].disabled = True

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("adapter") == Adapter.DIGITAL and not data.get("api_base_url"):
            self.add_error("api_base_url", _("A digital operator needs the base URL of its API."))
        return data


class AcceptanceForm(forms.Form):
    currencies = forms.ModelMultipleChoiceField(
        label=_("Local currencies accepted"),
        queryset=LocalCurrency.objects.filter(active=True),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class KeyedForm(forms.Form):
    """A hidden key, new for each blank form: the same form sent twice writes once."""

    key = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("key", uuid.uuid4().hex)
        super().__init__(*args, **kwargs)


def _amount_field() -> forms.DecimalField:
    return forms.DecimalField(
        label=_("Amount"), min_value=Decimal("0.01"), max_digits=12, decimal_places=2
    )


class MemberEmailField(forms.EmailField):
    def clean(self, value: Any) -> Any:
        email = super().clean(value)
        user = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No member has this e-mail address."))
        return user


class DeskCreditForm(KeyedForm):
    member = MemberEmailField(label=_("Member's e-mail address"))
    currency = forms.ModelChoiceField(
        label=_("Local currency"),
        queryset=LocalCurrency.objects.filter(active=True),
        to_field_name="code",
    )
    amount = _amount_field()
    place = forms.CharField(label=_("Exchange desk"), max_length=100)


class AssignForm(forms.Form):
    member = MemberEmailField(label=_("Member's e-mail address"))


class SettlementForm(KeyedForm):
    partner = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=Partner.objects.filter(wallet_accounts__kind="producer").distinct(),
    )
    currency = forms.ModelChoiceField(
        label=_("Local currency"), queryset=LocalCurrency.objects.all(), to_field_name="code"
    )
    amount = _amount_field()
    note = forms.CharField(
        label=_("Note (how it was paid)"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )
