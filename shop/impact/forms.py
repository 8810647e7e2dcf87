from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.geo import Point
from shop.partner.models import LegalForm

from .location import Origin, UnknownPostcode, origin_from_postcode
from .models import Criterion

Sector = get_model("partner", "Sector")

RADIUS_CHOICES = [
    ("", _("Any distance")),
    ("10", "10 km"),
    ("25", "25 km"),
    ("50", "50 km"),
    ("100", "100 km"),
    ("250", "250 km"),
]


def filter_criteria():
    return Criterion.objects.filter(is_active=True, is_filter=True, value_type="yes_no")


class CriteriaField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=filter_criteria(),
            to_field_name="code",
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Commitments"),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return obj.label


class PostcodeField(forms.CharField):
    default_error_messages = {
        "unknown": _(
            "We cannot place the postcode “%(postcode)s”. Check it has five digits, "
            "or try a neighbouring town's."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 6)
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Postcode"))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code"})
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).replace(" ", "")
        if not value:
            return None
        try:
            return origin_from_postcode(value)
        except UnknownPostcode:
            raise forms.ValidationError(
                self.error_messages["unknown"], code="unknown", params={"postcode": value}
            ) from None


class CatalogueFilterForm(forms.Form):
    critere = CriteriaField()
    distance = forms.TypedChoiceField(
        choices=RADIUS_CHOICES, coerce=int, empty_value=None, required=False, label=_("Within")
    )


class DirectoryFilterForm(forms.Form):
    q = forms.CharField(required=False, max_length=100, label=_("Search"))
    secteur = forms.ModelChoiceField(
        queryset=Sector.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("All sectors"),
        label=_("Sector"),
    )
    statut = forms.ChoiceField(
        choices=[("", _("All legal forms")), *LegalForm.choices],
        required=False,
        label=_("Legal form"),
    )
    critere = CriteriaField()
    code_postal = PostcodeField()
    lat = forms.FloatField(required=False, min_value=-90, max_value=90, widget=forms.HiddenInput)
    lng = forms.FloatField(required=False, min_value=-180, max_value=180, widget=forms.HiddenInput)
    rayon = forms.TypedChoiceField(
        choices=RADIUS_CHOICES, coerce=int, empty_value=None, required=False, label=_("Radius")
    )

    def clean(self):
        data = super().clean()
        lat, lng = data.get("lat"), data.get("lng")
        if (lat is None) != (lng is None):
            raise forms.ValidationError(_("Give both latitude and longitude."))
        if not data.get("code_postal") and lat is not None:
            data["code_postal"] = Origin("", _("your position"), Point(lat, lng))
        return data

    @property
    def origin(self) -> Origin | None:
        return self.cleaned_data.get("code_postal") if self.is_valid() else None


class OriginForm(forms.Form):
    code_postal = PostcodeField(label=_("Your postcode"))
    next = forms.CharField(required=False, widget=forms.HiddenInput)
