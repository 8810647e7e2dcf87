"""Forms of the group order pages. They only parse and validate input: saving goes
through `orders.services`."""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from django import forms
from django.db.models import Exists, OuterRef, Subquery
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_class, get_model

from shop.legal.forms import accept_terms_field

from .models import GroupOrder, GroupOrderProduct, GroupOrderState, tier_price_errors

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

DATETIME_WIDGET = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
MAX_UNITS = 100_000


# --- group orders -------------------------------------------------------------------


class GroupOrderForm(forms.ModelForm):
    class Meta:
        model = GroupOrder
        fields = ["title", "description", "opens_at", "closes_at", "pickup_point", "pickup_date"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "opens_at": DATETIME_WIDGET,
            "closes_at": DATETIME_WIDGET,
            "pickup_date": DATE_WIDGET,
        }

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["opens_at"].help_text = _("Members can commit from this moment…")
        self.fields["closes_at"].help_text = _(
            "…until this deadline; the group order is then closed and allocated."
        )
        self.fields["pickup_point"].queryset = group.pickup_points.all()
        self.fields["pickup_point"].empty_label = _("To be announced")

    def clean(self):
        data = super().clean()
        opens_at, closes_at = data.get("opens_at"), data.get("closes_at")
        if opens_at and closes_at and closes_at <= opens_at:
            self.add_error("closes_at", _("The deadline must come after the opening."))
        pickup_date = data.get("pickup_date")
        if pickup_date and closes_at and pickup_date < timezone.localtime(closes_at).date():
            self.add_error("pickup_date", _("The pickup cannot come before the deadline."))
        return data


def offer_products():
    """Products a group order can offer: public, not a parent, with a stock record
    (hence a producer and a price), labelled with their producer."""
    first_record = StockRecord.objects.filter(product=OuterRef("pk")).order_by("pk")
    return (
        Product.objects.filter(is_public=True, parent=None)
        .exclude(structure=Product.PARENT)
        .filter(Exists(first_record))
        .annotate(producer_name=Subquery(first_record.values("partner__name")[:1]))
        .order_by("producer_name", "title", "pk")
    )


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        producer = getattr(obj, "producer_name", None)
        return f"{obj.title} — {producer}" if producer else obj.title


def parse_tiers(text: str) -> list[tuple[int, Decimal]]:
    """Parse "10:3,60; 20:3,40" (or one tier a line; "=" works as ":") into sorted
    (threshold, unit price) pairs; raises ValidationError with a readable message."""
    tiers: dict[int, Decimal] = {}
    for chunk in re.split(r"[;\n]+", text or ""):
        chunk = chunk.strip()
        if not chunk:
            continue
        match = re.fullmatch(r"(\d+)\s*[:=]\s*(\d+(?:[.,]\d{1,2})?)\s*€?", chunk)
        if not match:
            raise forms.ValidationError(
                _("“%(chunk)s” is not a tier: write “units:price”, e.g. “12:3,60”."),
                params={"chunk": chunk},
                code="invalid_tier",
            )
        threshold = int(match[1])
        try:
            price = Decimal(match[2].replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern guarantees a number
            raise forms.ValidationError(_("Invalid price."), code="invalid_tier") from None
        if threshold < 1 or price <= 0:
            raise forms.ValidationError(
                _("Thresholds and prices of the tiers must be above zero."), code="invalid_tier"
            )
        if threshold in tiers:
            raise forms.ValidationError(
                _("Two tiers start at %(units)s units."),
                params={"units": threshold},
                code="duplicate_tier",
            )
        tiers[threshold] = price
    ordered = sorted(tiers.items())
    errors = tier_price_errors(None, ordered)
    if errors:
        raise forms.ValidationError(errors)
    return ordered


def format_tiers(tiers) -> str:
    return "; ".join(
        f"{tier.min_units}:{formats.number_format(tier.unit_price_incl_tax, 2)}" for tier in tiers
    )


def default_unit_price(product) -> Decimal | None:
    """The product's shop price including VAT, through Oscar's pricing strategy."""
    selector = get_class("partner.strategy", "Selector")()
    info = selector.strategy().fetch_for_product(product)
    price = info.price
    if not price.exists or not price.is_tax_known:
        return None
    return price.incl_tax


class PriceField(forms.DecimalField):
    """A price in euros typed the French or the English way: "3,60", "3.60", "3,60 €"."""

    widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("€", "").replace("\xa0", "").replace(" ", "").replace(",", ".")
        return super().to_python(value)


class OfferForm(forms.ModelForm):
    product = ProductChoiceField(queryset=Product.objects.none(), label=_("Product"))
    unit_price_incl_tax = PriceField(
        label=_("Unit price incl. VAT"),
        max_digits=10,
        decimal_places=2,
        min_value=Decimal("0.01"),
        required=False,
        localize=True,  # shown "3,60" in French
        help_text=_("Empty: the product's shop price including VAT."),
    )
    tiers_text = forms.CharField(
        label=_("Price tiers"),
        required=False,
        max_length=400,
        help_text=_("Optional: “units:price” separated by “;”, e.g. “24:3,60; 48:3,40”."),
        widget=forms.TextInput(attrs={"placeholder": "24:3,60; 48:3,40"}),
    )

    class Meta:
        model = GroupOrderProduct
        fields = ["product", "case_size", "min_units", "max_units", "unit_price_incl_tax"]
        widgets = {
            "case_size": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
            "min_units": forms.NumberInput(attrs={"min": 0, "inputmode": "numeric"}),
            "max_units": forms.NumberInput(attrs={"min": 1, "inputmode": "numeric"}),
        }

    def __init__(self, *args, product_choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Short labels: the fields sit three to a row on a phone (explained above the form).
        self.fields["case_size"].label = _("Case size")
        self.fields["min_units"].label = _("Minimum")
        self.fields["max_units"].label = _("Maximum")
        self.fields["product"].queryset = offer_products()
        if product_choices is not None:
            # Computed once for the whole formset, not once per form.
            self.fields["product"].choices = product_choices
        if self.instance.pk:
            self.fields["tiers_text"].initial = format_tiers(self.instance.tiers.all())
        for name in ("case_size", "min_units", "max_units"):
            self.fields[name].max_value = MAX_UNITS
            self.fields[name].widget.attrs["max"] = MAX_UNITS

    def clean_tiers_text(self):
        return parse_tiers(self.cleaned_data.get("tiers_text", ""))

    def clean(self):
        data = super().clean()
        case_size, min_units, max_units = (
            data.get("case_size"),
            data.get("min_units"),
            data.get("max_units"),
        )
        if max_units is not None and min_units is not None and max_units < min_units:
            self.add_error("max_units", _("The maximum cannot be below the minimum."))
        elif max_units is not None and case_size and max_units < case_size:
            self.add_error("max_units", _("The maximum must allow at least one full case."))
        product = data.get("product")
        if product is not None and data.get("unit_price_incl_tax") is None:
            price = default_unit_price(product)
            if price is None:
                self.add_error(
                    "unit_price_incl_tax", _("This product has no shop price: enter one.")
                )
            else:
                data["unit_price_incl_tax"] = price
        base_price, tiers = data.get("unit_price_incl_tax"), data.get("tiers_text") or []
        if base_price is not None:
            for error in tier_price_errors(base_price, tiers):
                if error.code == "tier_above_base":  # the order was checked by the field
                    self.add_error("tiers_text", error)
        # The model's clean() checks the tiers typed here, not the stored ones they
        # replace (the base price and its tiers may be lowered at once); not twice.
        self.instance.pending_tiers = [] if self.has_error("tiers_text") else list(tiers)
        if (
            self.instance.pk
            and product is not None
            and product.pk != self.instance.product_id
            and self.instance.commitments.exists()
        ):
            self.add_error(
                "product",
                _("Members have committed to this product: it cannot be replaced."),
            )
        return data


class BaseOfferFormSet(forms.BaseInlineFormSet):
    if TYPE_CHECKING:  # Django's deletion hook (BaseFormSet), missing from django-stubs

        def _should_delete_form(self, form: forms.BaseForm) -> bool: ...

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.queryset = self.queryset.prefetch_related("tiers").select_related("product")

    def get_form_kwargs(self, index):
        kwargs = super().get_form_kwargs(index)
        if not hasattr(self, "_product_choices"):
            field = ProductChoiceField(queryset=offer_products())
            self._product_choices = list(field.choices)
        kwargs["product_choices"] = self._product_choices
        return kwargs

    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or not form.cleaned_data:
                continue
            if self.can_delete and self._should_delete_form(form):
                if form.instance.pk and form.instance.commitments.exists():
                    raise forms.ValidationError(
                        _(
                            "“%(product)s” cannot be removed: members have committed to it. "
                            "Cancel the group order instead, or keep the product."
                        ),
                        params={"product": form.instance.product.get_title()},
                    )
                continue
            product = form.cleaned_data.get("product")
            if product is None:
                continue
            if product.pk in seen:
                raise forms.ValidationError(
                    _("“%(product)s” is offered twice."), params={"product": product.get_title()}
                )
            seen.add(product.pk)

    def offers(self) -> list[dict]:
        """What `services.group_order_save` takes: the kept offers, in the page's order."""
        rows = []
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            data = form.cleaned_data
            if not data or data.get("product") is None:
                continue
            rows.append(
                {
                    "instance": form.instance if form.instance.pk else None,
                    "product": data["product"],
                    "case_size": data["case_size"],
                    "min_units": data["min_units"],
                    "max_units": data["max_units"],
                    "unit_price_incl_tax": data["unit_price_incl_tax"],
                    "tiers": data.get("tiers_text") or [],
                }
            )
        return rows

    def deleted_offers(self) -> list[GroupOrderProduct]:
        return [
            form.instance
            for form in self.forms
            if form.instance.pk and self.can_delete and self._should_delete_form(form)
        ]


OfferFormSet = forms.inlineformset_factory(
    GroupOrder,
    GroupOrderProduct,
    form=OfferForm,
    formset=BaseOfferFormSet,
    fields=["product", "case_size", "min_units", "max_units", "unit_price_incl_tax"],
    extra=2,
    can_delete=True,
)


class CommitmentForm(forms.Form):
    quantity = forms.IntegerField(
        label=_("Units"),
        min_value=0,
        max_value=MAX_UNITS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )
    tolerance = forms.IntegerField(
        label=_("Tolerance"),
        min_value=0,
        max_value=MAX_UNITS,
        required=False,
        help_text=_("Extra units you accept to complete a case."),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "min": 0}),
    )

    # Required to commit, not to cancel (0 units, 0 tolerance): checked in clean().
    accept_terms = accept_terms_field(required=False)

    def clean_tolerance(self):
        return self.cleaned_data.get("tolerance") or 0

    def clean(self):
        data = super().clean()
        commits = bool(data.get("quantity") or data.get("tolerance"))
        if commits and not data.get("accept_terms"):
            self.add_error(
                "accept_terms", _("Please accept the terms of sale to commit to this product.")
            )
        return data

    def unit_fields(self) -> list[forms.BoundField]:
        """The number fields, which the page lays out side by side."""
        return [self["quantity"], self["tolerance"]]


class TransitionForm(forms.Form):
    to_state = forms.ChoiceField(choices=GroupOrderState.choices)
