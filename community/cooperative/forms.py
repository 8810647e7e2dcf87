from __future__ import annotations

import uuid
from decimal import Decimal
from typing import Any, cast

from django import forms
from django.core.validators import MinValueValidator
from django.utils.translation import gettext_lazy as _

from shop.payments.methods import stripe_enabled
from shop.shipping.models import PickupPoint
from shop.wallet import cards

from . import selectors
from .models import PaymentMethod, Rules
from .selectors import open_colleges


class SubscriptionForm(forms.Form):
    """Apply (college, shares, payment) or, for a member, subscribe more shares."""

    college = forms.ModelChoiceField(
        label=_("Your college"),
        queryset=open_colleges(),
        widget=forms.RadioSelect,
        empty_label=None,
        help_text=_("The group of members you belong to, which votes together."),
    )
    shares = forms.IntegerField(label=_("Number of shares"), min_value=1, max_value=10_000)
    method = forms.ChoiceField(
        label=_("How you pay"), choices=PaymentMethod.choices, widget=forms.RadioSelect
    )
    pickup_point = forms.ModelChoiceField(
        label=_("Pickup point where you pay"),
        queryset=PickupPoint.objects.active(),
        required=False,
        help_text=_("Only if you pay at a pickup point: in cash or by card, on the spot."),
    )

    def __init__(self, *args: Any, rules: Rules, is_member: bool, **kwargs: Any):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["college"]).queryset = open_colleges()
        shares = cast(forms.IntegerField, self.fields["shares"])
        minimum = 1 if is_member else rules.minimum_shares
        shares.min_value = minimum
        shares.validators.append(MinValueValidator(minimum))
        shares.widget.attrs["min"] = minimum
        shares.initial = minimum
        shares.help_text = _("%(value)s € per share.") % {"value": rules.share_value}
        if is_member:
            del self.fields["college"]
        if not stripe_enabled():
            cast(forms.ChoiceField, self.fields["method"]).choices = [
                choice for choice in PaymentMethod.choices if choice[0] != PaymentMethod.CARD
            ]

    def clean(self) -> dict:
        data = super().clean() or {}
        if data.get("method") == PaymentMethod.PICKUP and not data.get("pickup_point"):
            self.add_error("pickup_point", _("Choose the pickup point where you will pay."))
        return data


class RedemptionForm(forms.Form):
    shares = forms.IntegerField(label=_("Shares to redeem"), min_value=1, max_value=10_000)
    reason = forms.CharField(
        label=_("Why (optional)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )


class RulesForm(forms.ModelForm):
    note = forms.CharField(
        label=_("Why this change (kept in the audit trail)"), required=False, max_length=500
    )

    class Meta:
        model = Rules
        fields = [
            "share_value",
            "minimum_shares",
            "minimum_holding_months",
            "members_only_group_orders",
            "members_only_assemblies",
            "members_only_shop",
            "max_proxies",
            "quorum_ordinary",
            "quorum_extraordinary",
        ]
        localized_fields = ["share_value", "quorum_ordinary", "quorum_extraordinary"]


class NoteForm(forms.Form):
    note = forms.CharField(label=_("Note (why)"), max_length=1000, required=False)


class RefundForm(forms.Form):
    reference = forms.CharField(label=_("Refund reference (transfer, cheque)"), max_length=140)
    note = forms.CharField(label=_("Note (why)"), max_length=1000, required=False)


def new_nonce() -> str:
    """A form's one-time key: the same form submitted twice writes once."""
    return uuid.uuid4().hex


class NonceField(forms.RegexField):
    widget = forms.HiddenInput

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(regex=r"^[0-9a-f]{32}$", **kwargs)


class WalletCardTopUpForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount (€)"),
        min_value=cards.MINIMUM,
        max_value=cards.MAXIMUM,
        max_digits=6,
        decimal_places=2,
        help_text=_("Between 5 € and 500 €."),
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    nonce = NonceField()


class CashTopUpForm(forms.Form):
    """A coordinator records cash or a cheque a member hands over for their wallet."""

    member = forms.CharField(
        label=_("Member (e-mail or member number)"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    amount = forms.DecimalField(
        label=_("Amount received (€)"),
        min_value=Decimal("0.01"),
        max_value=Decimal("1000.00"),
        max_digits=7,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": "0.01", "inputmode": "decimal"}),
    )
    pickup_point = forms.ModelChoiceField(
        label=_("Pickup point"), queryset=PickupPoint.objects.none()
    )
    note = forms.CharField(label=_("Note (cash, cheque...)"), max_length=1000, required=False)
    nonce = NonceField()

    def __init__(self, *args: Any, points: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["pickup_point"]).queryset = points

    def clean_member(self) -> Any:
        raw = self.cleaned_data["member"].strip()
        user = selectors.user_by_email_or_number(raw)
        if user is None:
            raise forms.ValidationError(_("No member has this e-mail or member number."))
        return user


class MemberDiscountForm(forms.Form):
    """A member discount on one product class (the benefits screen, one form a row)."""

    percent = forms.DecimalField(
        label=_("Member discount (%)"),
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
    )
    note = forms.CharField(label=_("Note (why)"), max_length=1000, required=False)

    def __init__(self, *args: Any, product_class: Any, **kwargs: Any):
        kwargs.setdefault("prefix", f"class-{product_class.pk}")
        kwargs.setdefault("initial", {"percent": product_class.member_discount_percent})
        super().__init__(*args, **kwargs)
        self.product_class = product_class
