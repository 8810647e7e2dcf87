"""Checkout forms: delivery (pickup point and slot, or home delivery), a French
delivery address, and the payment method (Oscar's fork)."""

from __future__ import annotations

from decimal import Decimal
from typing import cast

from django import forms
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout.forms import GatewayForm, ShippingMethodForm  # noqa: F401
from oscar.core.loading import get_model
from oscar.forms.mixins import PhoneNumberMixin

from shop.geo import locate_postcode, normalise_postcode
from shop.shipping.methods import is_pickup, pickup_point_of

from . import payment
from .pickup import slot_label, slots_for

Country = get_model("address", "Country")
ShippingAddress = get_model("order", "ShippingAddress")

ZERO = Decimal("0.00")


def france():
    """The one country we deliver to (created on first use: Oscar ships no countries)."""
    country, _created = Country.objects.get_or_create(
        iso_3166_1_a2="FR",
        defaults={
            "iso_3166_1_a3": "FRA",
            "iso_3166_1_numeric": "250",
            "printable_name": "France",
            "name": "République française",
            "is_shipping_country": True,
        },
    )
    return country


class DeliveryForm(forms.Form):
    """One radio per shipping method; each pickup point has its own select of slots."""

    method = forms.ChoiceField(
        label=_("How will you receive your order?"),
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a pickup point or home delivery.")},
    )

    def __init__(self, *args, methods, **kwargs):
        super().__init__(*args, **kwargs)
        self.methods = {method.code: method for method in methods}
        self.fields["method"].choices = [(m.code, m.name) for m in methods]
        self.options = []
        for method in methods:
            option = {"method": method, "slot_field": None}
            if is_pickup(method):
                name = self.slot_field_name(method)
                self.fields[name] = forms.ChoiceField(
                    label=_("Pickup slot"),
                    required=False,
                    choices=[("", _("Choose a slot"))]
                    + [(dated.key, slot_label(dated)) for dated in slots_for(method)],
                    error_messages={
                        "invalid_choice": _(
                            "This slot is no longer available: please choose another one."
                        )
                    },
                )
                option["slot_field"] = name
            self.options.append(option)
        self._infer_method_from_a_chosen_slot()

    def _infer_method_from_a_chosen_slot(self) -> None:
        """A slot chosen at one pickup point means that point, radio ticked or not: the
        page's script ticks it, but the step must work without script (or before it ran)."""
        if not self.is_bound or self.data.get(self.add_prefix("method")):
            return
        chosen = [
            option["method"].code
            for option in self.options
            if option["slot_field"] and self.data.get(self.add_prefix(option["slot_field"]))
        ]
        if len(chosen) == 1:
            # items(), not {**data}: a QueryDict is a dict of lists underneath.
            self.data = {**dict(self.data.items()), self.add_prefix("method"): chosen[0]}

    @staticmethod
    def slot_field_name(method) -> str:
        return f"slot_{pickup_point_of(method).pk}"

    def option_rows(self):
        """(method, radio value, bound slot field or None) for the template."""
        return [
            {
                "method": option["method"],
                "slot": self[option["slot_field"]] if option["slot_field"] else None,
                "slots_count": (
                    len(self.fields[option["slot_field"]].choices) - 1
                    if option["slot_field"]
                    else 0
                ),
            }
            for option in self.options
        ]

    def clean(self):
        cleaned = super().clean()
        method = self.methods.get(cleaned.get("method"))
        cleaned["shipping_method"] = method
        cleaned["slot_key"] = None
        if method is not None and is_pickup(method):
            name = self.slot_field_name(method)
            if name in self.errors:
                return cleaned
            key = cleaned.get(name)
            if not key:
                self.add_error(name, _("Choose a pickup slot."))
            cleaned["slot_key"] = key
        return cleaned


class FrenchAddressForm(PhoneNumberMixin, forms.ModelForm):
    """A delivery address in France: the postcode must be one the offline table knows."""

    class Meta:
        model = ShippingAddress
        fields = [
            "first_name",
            "last_name",
            "line1",
            "line2",
            "postcode",
            "line4",
            "phone_number",
            "notes",
        ]
        labels = {
            "line1": _("Address"),
            "line2": _("Address (continued)"),
            "line4": _("City"),
            "postcode": _("Postcode"),
            "notes": _("Delivery instructions"),
        }
        help_texts = {
            "notes": _("Door code, floor, when you are usually at home…"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.instance.country = france()
        for name in ("first_name", "last_name", "line1", "postcode", "line4"):
            self.fields[name].required = True
        self.fields["postcode"].widget.attrs.update(
            {"inputmode": "numeric", "autocomplete": "postal-code", "maxlength": "5"}
        )
        self.fields["line4"].widget.attrs["autocomplete"] = "address-level2"
        self.fields["line1"].widget.attrs["autocomplete"] = "address-line1"
        self.fields["line2"].widget.attrs["autocomplete"] = "address-line2"
        self.fields["phone_number"].widget.attrs["autocomplete"] = "tel"
        self.fields["notes"].widget.attrs["rows"] = 2

    def _post_clean(self):
        super()._post_clean()
        if self.has_error("postcode"):
            # Oscar's address model repeats a missing or bad postcode as a form-wide
            # error ("Addresses in France require a valid postcode"): the field says it.
            self._errors.pop(forms.forms.NON_FIELD_ERRORS, None)

    def clean_postcode(self):
        raw = self.cleaned_data.get("postcode", "")
        postcode = normalise_postcode(raw)
        if postcode is None:
            raise forms.ValidationError(
                _("Enter a French postcode of five digits."), code="invalid_postcode"
            )
        if locate_postcode(postcode) is None:
            raise forms.ValidationError(
                _("This postcode does not exist in France."), code="unknown_postcode"
            )
        return postcode


class PaymentMethodForm(forms.Form):
    """The payment method, and for a member with money in their wallet how much of the
    order it pays (the method pays the rest; none is needed when the wallet pays all)."""

    method = forms.ChoiceField(
        label=_("How would you like to pay?"),
        widget=forms.RadioSelect,
        required=False,
        error_messages={"required": _("Choose a payment method.")},
    )
    use_wallet = forms.BooleanField(label=_("Use my wallet"), required=False)
    wallet_amount = forms.DecimalField(
        label=_("Amount paid from my wallet (€)"),
        required=False,
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )

    def __init__(
        self,
        *args,
        wallet_available: Decimal = ZERO,
        total: Decimal = ZERO,
        local_parts: list | None = None,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["method"]).choices = payment.method_choices()
        # One field per local currency that can pay some of the basket's lines.
        self.local_parts = [part for part in local_parts or [] if part.payable > 0]
        for part in self.local_parts:
            self.fields[self.local_field_name(part)] = forms.DecimalField(
                label=_("Pay up to %(amount)s %(symbol)s (lines of producers accepting it)")
                % {"amount": number_format(part.payable, 2), "symbol": part.symbol or part.name},
                required=False,
                min_value=ZERO,
                max_value=part.payable,
                max_digits=12,
                decimal_places=2,
            )
        self.wallet_available = max(wallet_available, ZERO)
        self.total = total
        if not self.offers_wallet:
            del self.fields["use_wallet"], self.fields["wallet_amount"]
        else:
            self.fields["wallet_amount"].widget.attrs.update(
                {"max": str(self.wallet_default), "step": "0.01", "inputmode": "decimal"}
            )

    @staticmethod
    def local_field_name(part) -> str:
        return f"local_{part.currency}"

    def local_rows(self):
        return [(part, self[self.local_field_name(part)]) for part in self.local_parts]

    @property
    def offers_wallet(self) -> bool:
        return self.wallet_available > 0 and self.total > 0

    @property
    def wallet_default(self) -> Decimal:
        """The most the wallet can pay of this order."""
        return min(self.wallet_available, self.total)

    def option_rows(self):
        return [
            {"code": code, "label": label, "help": payment.method_help(code)}
            for code, label in self.fields["method"].choices
        ]

    def clean(self):
        data = super().clean()
        local = {
            part.currency: data.get(self.local_field_name(part)) or ZERO
            for part in self.local_parts
        }
        data["local"] = {code: amount for code, amount in local.items() if amount > 0}
        # What is left in euros once the local currencies paid their part.
        data["due"] = self.total - sum(data["local"].values(), ZERO)
        if data["due"] < 0:
            self.add_error(
                None,
                _("This is more than the order total (%(amount)s €).") % {"amount": self.total},
            )
        data["wallet"] = self._clean_wallet(data, max(data["due"], ZERO))
        if data["wallet"] < data["due"] and not data.get("method"):
            self.add_error("method", self.fields["method"].error_messages["required"])
        return data

    def _clean_wallet(self, data, due: Decimal) -> Decimal:
        """The wallet's euros pay (part of) what the local currencies do not."""
        if not (self.offers_wallet and data.get("use_wallet")):
            return ZERO
        wallet = data.get("wallet_amount")
        if wallet is None:
            if "wallet_amount" not in self.errors:
                self.add_error("wallet_amount", _("Enter how much your wallet pays."))
            return ZERO
        if wallet > self.wallet_available:
            self.add_error(
                "wallet_amount",
                _("Your wallet can pay at most %(amount)s €.") % {"amount": self.wallet_available},
            )
        elif wallet > due:
            self.add_error(
                "wallet_amount",
                _("This is more than the order total (%(amount)s €).") % {"amount": due},
            )
        return wallet
