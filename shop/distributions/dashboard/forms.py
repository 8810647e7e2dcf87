"""Dashboard forms of distributions: dates, points and producers; quantities per
product; clone; repeat."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from shop.shipping.models import PickupPoint

from .. import access
from ..models import Distribution

Partner = get_model("partner", "Partner")

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


def _datetime_field(label: Any) -> forms.DateTimeField:
    return forms.DateTimeField(label=label, widget=DATETIME)


class DistributionForm(forms.ModelForm):
    """A coordinator chooses among the pickup points they coordinate; staff among all."""

    class Meta:
        model = Distribution
        fields = [
            "title",
            "starts_at",
            "ends_at",
            "opens_at",
            "closes_at",
            "pickup_points",
            "producers",
        ]
        widgets = {
            "starts_at": DATETIME,
            "ends_at": DATETIME,
            "opens_at": DATETIME,
            "closes_at": DATETIME,
            "pickup_points": forms.CheckboxSelectMultiple,
            "producers": forms.CheckboxSelectMultiple,
        }
        help_texts = {
            "closes_at": _(
                "Orders are refused after this date; producers then get their purchase orders."
            ),
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        points = PickupPoint.objects.active()
        if not user.is_staff:
            points = points.filter(pk__in=access.managed_point_ids(user))
        self.fields["pickup_points"].queryset = points  # type: ignore[attr-defined]
        self.fields["producers"].queryset = Partner.objects.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_at"), data.get("ends_at")
        opens, closes = data.get("opens_at"), data.get("closes_at")
        if starts and ends and ends <= starts:
            self.add_error("ends_at", _("The pickup must end after it starts."))
        if opens and closes and closes <= opens:
            self.add_error("closes_at", _("Ordering must close after it opens."))
        if closes and starts and closes > starts:
            self.add_error("closes_at", _("Ordering must close before the pickup starts."))
        return data

    def _post_clean(self) -> None:
        # The service writes the model (and its constraints say the same as clean()).
        pass


class OffersForm(forms.Form):
    """One quantity per product of the page (0 or empty: not offered)."""

    def __init__(self, *args: Any, products: list[Any], quantities: dict[int, int], **kwargs):
        super().__init__(*args, **kwargs)
        self.products = products
        for product in products:
            record = next(iter(product.stockrecords.all()), None)
            producer = record.partner.name if record else ""
            self.fields[self.field_name(product)] = forms.IntegerField(
                label=f"{product.get_title()} — {producer}" if producer else product.get_title(),
                min_value=0,
                max_value=100000,
                required=False,
                initial=quantities.get(product.pk),
            )

    @staticmethod
    def field_name(product: Any) -> str:
        return f"quantity_{product.pk}"

    def changed_quantities(self) -> list[tuple[Any, int]]:
        return [
            (product, self.cleaned_data.get(self.field_name(product)) or 0)
            for product in self.products
            if self.field_name(product) in self.changed_data
        ]


class CloneForm(forms.Form):
    starts_at = _datetime_field(_("Pickup of the copy starts at"))


class RepeatForm(forms.Form):
    EVERY = [
        ("weekly", _("Every week")),
        ("every_n_weeks", _("Every N weeks")),
        ("monthly", _("Every N months")),
    ]
    every = forms.ChoiceField(label=_("Repeat"), choices=EVERY)
    n = forms.IntegerField(
        label=_("N (weeks or months between copies)"), min_value=1, max_value=12, initial=1
    )
    count = forms.IntegerField(label=_("Number of copies"), min_value=1, max_value=52, initial=4)
