"""Filters of the producer order pages, read from the query string."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from shop.shipping.models import PickupPoint

from .selectors import ANY_POINT, HOME_DELIVERY
from .statuses import STATUS_LABELS

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

HOME_DELIVERY_CHOICE = "domicile"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _date_field(label, *, required: bool) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_INPUT_FORMATS, widget=DATE_WIDGET
    )


class PointChoiceMixin:
    """A `point` field: a pickup point, or home delivery; `cleaned_data["point"]` holds a
    PickupPoint, HOME_DELIVERY, or ANY_POINT when left empty."""

    if TYPE_CHECKING:  # the form this is mixed into has them
        fields: dict[str, forms.Field]
        cleaned_data: dict[str, Any]

    def _set_point_choices(self, *, empty_label=None) -> None:
        self._points = {str(point.pk): point for point in PickupPoint.objects.order_by("name")}
        choices: list[tuple[str, StrOrPromise]] = [
            (pk, str(point)) for pk, point in self._points.items()
        ]
        choices.append((HOME_DELIVERY_CHOICE, _("Home delivery")))
        if empty_label is not None:
            choices.insert(0, ("", empty_label))
        cast(forms.ChoiceField, self.fields["point"]).choices = choices

    def clean_point(self):
        value = self.cleaned_data.get("point")
        if not value:
            return ANY_POINT
        if value == HOME_DELIVERY_CHOICE:
            return HOME_DELIVERY
        return self._points[value]


class PeriodMixin:
    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end < start:
            raise ValidationError(
                _("The end date must be on or after the start date."), code="reversed_period"
            )
        return cleaned


class LineFilterForm(PointChoiceMixin, PeriodMixin, forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    point = forms.ChoiceField(label=_("Pickup point"), required=False)
    start = _date_field(_("Ordered from"), required=False)
    end = _date_field(_("Ordered until"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *STATUS_LABELS.items()]
        self._set_point_choices(empty_label=_("All pickup points"))


class PreparationForm(PointChoiceMixin, forms.Form):
    point = forms.ChoiceField(label=_("Pickup point"))
    day = _date_field(_("Pickup day"), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._set_point_choices()


class SalesPeriodForm(PeriodMixin, forms.Form):
    start = _date_field(_("From"), required=True)
    end = _date_field(_("To"), required=True)
