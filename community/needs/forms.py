"""Forms of the needs board: they parse input, services decide."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import Need

if TYPE_CHECKING:
    from shop.catalogue.models import Product
else:
    Product = get_model("catalogue", "Product")


class NeedForm(forms.ModelForm):
    class Meta:
        model = Need
        fields = ["title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class NeedOfferForm(forms.Form):
    product: forms.ModelChoiceField[Product] = forms.ModelChoiceField(
        label=_("Product"), queryset=None, required=False
    )
    message = forms.CharField(
        label=_("Message"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, producer=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = (
            Product.objects.filter(stockrecords__partner=producer).distinct()
            if producer is not None
            else Product.objects.none()
        )
