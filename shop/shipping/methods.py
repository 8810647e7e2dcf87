"""Oscar shipping methods of the cooperative: collect at a pickup point (free) or home
delivery at the flat fee staff set (including VAT)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.methods import FixedPrice, Free

CENT = Decimal("0.01")
HOME_DELIVERY_CODE = "home-delivery"


class PickupMethod(Free):
    """Collect the order at one pickup point (point de retrait), free of charge."""

    is_pickup = True

    def __init__(self, point):
        self.point = point
        self.code = point.shipping_code
        self.name = f"{point.name} — {point.city}"

    @property
    def description(self) -> str:
        return format_html(
            "{}, {} {}", self.point.address_line, self.point.postcode, self.point.city
        )


class HomeDeliveryMethod(FixedPrice):
    """Delivery at home for a flat fee; the fee is set including VAT (TTC)."""

    is_pickup = False
    code = HOME_DELIVERY_CODE
    name = _("Home delivery")
    point = None

    def __init__(self, delivery):
        self.delivery = delivery
        incl_tax = Decimal(delivery.fee_incl_tax).quantize(CENT, rounding=ROUND_HALF_UP)
        excl_tax = (incl_tax / (1 + Decimal(delivery.vat_rate))).quantize(
            CENT, rounding=ROUND_HALF_UP
        )
        super().__init__(charge_excl_tax=excl_tax, charge_incl_tax=incl_tax)

    @property
    def description(self) -> str:
        return self.delivery.description


class PickupEstimate(Free):
    """What the basket page shows before the customer chooses: collection is free.
    Never offered at checkout (the customer picks a real point there)."""

    is_pickup = False
    code = "pickup-estimate"
    name = _("Collection at a pickup point")


def is_pickup(method) -> bool:
    """Whether a (possibly offer-wrapped) shipping method is a pickup point."""
    inner = getattr(method, "method", method)
    return bool(getattr(inner, "is_pickup", False))


def pickup_point_of(method):
    inner = getattr(method, "method", method)
    return getattr(inner, "point", None)
