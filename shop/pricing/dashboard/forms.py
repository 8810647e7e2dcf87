from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from ..models import PERCENT_VALIDATORS, CommissionRate, LogisticsFee

Partner = get_model("partner", "Partner")
ProductClass = get_model("catalogue", "ProductClass")


class CommissionRateForm(forms.Form):
    partner = forms.ModelChoiceField(
        label=_("Producer"),
        queryset=Partner.objects.order_by("name"),
        required=False,
        empty_label=_("Any producer"),
    )
    product_class = forms.ModelChoiceField(
        label=_("Product class"),
        queryset=ProductClass.objects.order_by("name"),
        required=False,
        empty_label=_("Any product class"),
    )
    percent = forms.DecimalField(
        label=_("Commission (percentage of the price excl. tax)"),
        max_digits=5,
        decimal_places=2,
        validators=PERCENT_VALIDATORS,
    )
    note = forms.CharField(label=_("Note (why)"), max_length=255, required=False)

    def clean(self):
        data = super().clean()
        if not data.get("partner") and not data.get("product_class"):
            raise forms.ValidationError(_("Choose a producer, a product class or both."))
        return data

    @classmethod
    def for_rate(cls, rate: CommissionRate) -> CommissionRateForm:
        return cls(
            initial={
                "partner": rate.partner_id,
                "product_class": rate.product_class_id,
                "percent": rate.percent,
                "note": rate.note,
            }
        )


class LogisticsFeeForm(forms.ModelForm):
    note = forms.CharField(label=_("Note (why)"), max_length=255, required=False)

    class Meta:
        model = LogisticsFee
        fields = ["label", "kind", "amount", "scope", "partner", "product_class", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["partner"].queryset = Partner.objects.order_by("name")
        self.fields["product_class"].queryset = ProductClass.objects.order_by("name")
        self.fields["partner"].help_text = _("Only for a fee on one producer's products.")
        self.fields["product_class"].help_text = _("Only for a fee on one product class.")

    def clean(self):
        data = super().clean()
        scope, kind, amount = data.get("scope"), data.get("kind"), data.get("amount")
        if scope == LogisticsFee.Scope.PRODUCER and not data.get("partner"):
            self.add_error("partner", _("Choose the producer this fee applies to."))
        if scope == LogisticsFee.Scope.PRODUCT_CLASS and not data.get("product_class"):
            self.add_error("product_class", _("Choose the product class this fee applies to."))
        if kind == LogisticsFee.Kind.PERCENT and amount is not None and amount > Decimal(100):
            self.add_error("amount", _("A percentage cannot exceed 100."))
        return data

    def _post_clean(self):
        # The service clears the unused scope fields before its own full check.
        scope = self.cleaned_data.get("scope")
        if scope != LogisticsFee.Scope.PRODUCER:
            self.cleaned_data["partner"] = None
        if scope != LogisticsFee.Scope.PRODUCT_CLASS:
            self.cleaned_data["product_class"] = None
        super()._post_clean()


class DeleteForm(forms.Form):
    note = forms.CharField(label=_("Note (why)"), max_length=255, required=False)
