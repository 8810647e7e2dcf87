"""Forms of the producer pages: profile, claims (impact passport), product import."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.impact.models import Claim, Criterion

if TYPE_CHECKING:
    from shop.catalogue.models import Product
    from shop.partner.models import Partner
else:
    Partner = get_model("partner", "Partner")
    Product = get_model("catalogue", "Product")

LOGO_MAX_BYTES = 5 * 1024 * 1024
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def https_url_fields(field: models.Field, **kwargs) -> forms.Field | None:
    """Model form fields, with "example.org" read as https://example.org."""
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"
    return field.formfield(**kwargs)


PRODUCER_FIELDS = [
    "legal_form",
    "siret",
    "sector",
    "description",
    "logo",
    "year_founded",
    "employees",
    "address_line",
    "postcode",
    "city",
    "latitude",
    "longitude",
    "website",
    "email",
    "phone",
]


class ProducerForm(forms.ModelForm):
    """What a producer edits about itself. Name and charter status stay with staff."""

    class Meta:
        model = Partner
        fields = PRODUCER_FIELDS
        formfield_callback = https_url_fields

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and getattr(logo, "size", 0) > LOGO_MAX_BYTES:
            raise ValidationError(_("The image is too large; the limit is 5 MB."))
        return logo


class StaffProducerForm(ProducerForm):
    class Meta(ProducerForm.Meta):
        fields = ["name", "charter_status", *PRODUCER_FIELDS]


class CriterionChoiceField(forms.ModelChoiceField):
    """A criterion shown with its dimension: "Environment — Organic farming"."""

    def label_from_instance(self, obj: Criterion) -> str:
        return f"{obj.dimension} — {obj.name}"


class ClaimForm(forms.ModelForm):
    """A claim of one producer, about itself or one of its own products."""

    class Meta:
        model = Claim
        formfield_callback = https_url_fields
        field_classes = {"criterion": CriterionChoiceField}
        fields = [
            "criterion",
            "product",
            "not_applicable",
            "value_bool",
            "value_level",
            "value_number",
            "evidence_text",
            "evidence_url",
            "evidence_file",
            "source",
            "certifier",
            "certificate_number",
            "valid_from",
            "valid_until",
        ]
        widgets = {
            "evidence_text": forms.Textarea(attrs={"rows": 3}),
            "valid_from": DATE_WIDGET,
            "valid_until": DATE_WIDGET,
        }

    def __init__(self, *args, producer: Partner, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # Set before validation: Claim.clean() and the unique constraints need it.
        self.instance.producer = producer
        active = Q(is_active=True)
        if self.instance.criterion_id:
            active |= Q(pk=self.instance.criterion_id)
        criteria = Criterion.objects.filter(active).select_related("dimension")
        cast(CriterionChoiceField, self.fields["criterion"]).queryset = criteria
        # Only this producer's products: another producer's product is not a valid choice.
        cast("forms.ModelChoiceField[Product]", self.fields["product"]).queryset = (
            Product.objects.filter(stockrecords__partner=producer).distinct().order_by("title")
        )
        self.fields["valid_until"].required = False
        self.fields["valid_until"].help_text = _(
            "Leave empty to use the criterion's validity period."
        )

    def clean(self) -> dict[str, Any]:
        super().clean()  # a ModelForm's clean() returns its cleaned_data
        cleaned = self.cleaned_data
        criterion = cleaned.get("criterion")
        if criterion and not cleaned.get("valid_until") and cleaned.get("valid_from"):
            cleaned["valid_until"] = criterion.default_valid_until(cleaned["valid_from"])
        if criterion and self._duplicates(criterion, cleaned.get("product")).exists():
            # On the criterion field, so the model's constraint check is skipped.
            self.add_error("criterion", _("A claim on this criterion already exists here."))
        return cleaned

    def _duplicates(self, criterion: Criterion, product):
        claims = Claim.objects.filter(criterion=criterion).exclude(pk=self.instance.pk)
        if product is None:
            return claims.filter(producer=self.instance.producer, product__isnull=True)
        return claims.filter(product=product)

    def add_model_errors(self, error: ValidationError) -> None:
        """Show a service's validation error on the form, on the fields it names."""
        if not hasattr(error, "error_dict"):
            self.add_error(None, error)
            return
        for name, messages in error.message_dict.items():
            self.add_error(name if name in self.fields else None, messages)


class ProductImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        validators=[FileExtensionValidator(["csv", "txt"])],
        help_text=_("UTF-8, “;” or “,” between columns, 2 MB and 5,000 products at most."),
    )
