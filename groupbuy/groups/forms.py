"""Forms of the buying group pages. They only parse and validate input: saving goes
through `groups.services`."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _
from oscar.core.loading import get_model

from .models import JoinRule

PickupPoint = get_model("shipping", "PickupPoint")


class GroupSearchForm(forms.Form):
    ville = forms.CharField(
        required=False,
        max_length=128,
        label=_("City"),
        widget=forms.TextInput(attrs={"placeholder": _("e.g. Crest"), "type": "search"}),
    )


class PickupPointsField(forms.ModelMultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=PickupPoint.objects.active(),
            required=False,
            widget=forms.CheckboxSelectMultiple,
            label=_("Pickup points"),
            help_text=_("Where members collect their group orders."),
            **kwargs,
        )

    def label_from_instance(self, obj):
        return f"{obj.name} — {obj.address_line}, {obj.postcode} {obj.city}"


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Name of the group"), max_length=120)
    city = forms.CharField(label=_("City"), max_length=128)
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public: who you are, how often you order, how pickup works."),
    )
    join_rule = forms.ChoiceField(
        label=_("Who can join"),
        choices=JoinRule.choices,
        initial=JoinRule.APPROVAL,
        widget=forms.RadioSelect,
    )
    members_note = forms.CharField(
        label=_("Note for members"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Shown to members only: distribution rota, contacts, practical details."),
    )
    pickup_points = PickupPointsField()

    @classmethod
    def initial_for(cls, group) -> dict:
        return {
            "name": group.name,
            "city": group.city,
            "description": group.description,
            "join_rule": group.join_rule,
            "members_note": group.members_note,
            "pickup_points": list(group.pickup_points.all()),
        }


class JoinForm(forms.Form):
    invitation = forms.CharField(required=False, max_length=64, widget=forms.HiddenInput)
