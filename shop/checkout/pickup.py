"""Pickup slots at checkout: find the dated slot a customer chose, and label it."""

from __future__ import annotations

import datetime

from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _

from shop.distributions.pickup import DistributionWindow, distribution_of_method
from shop.shipping.methods import pickup_point_of
from shop.shipping.models import DatedSlot, PickupPoint

# How far ahead a customer may book a pickup slot.
BOOKING_DAYS = 14


def upcoming_slots(point: PickupPoint, *, now: datetime.datetime | None = None):
    return point.upcoming_slots(days=BOOKING_DAYS, now=now)


def find_dated_slot(
    point: PickupPoint, key: str | None, *, now: datetime.datetime | None = None
) -> DatedSlot | None:
    """The upcoming slot of this point with this key ("slotpk:YYYY-MM-DD"), or None when
    the key is malformed, belongs to another point, or the slot has already started."""
    if not key:
        return None
    return next((slot for slot in upcoming_slots(point, now=now) if slot.key == key), None)


def slots_for(method, *, now: datetime.datetime | None = None) -> list:
    """The slots a pickup method offers: a distribution's window, or the point's
    upcoming weekly slots."""
    distribution = distribution_of_method(method)
    if distribution is not None:
        return [DistributionWindow(distribution)]
    return upcoming_slots(pickup_point_of(method), now=now)


def find_slot(method, key: str | None, *, now: datetime.datetime | None = None):
    """The slot of this method with this key, or None."""
    if not key:
        return None
    return next((slot for slot in slots_for(method, now=now) if slot.key == key), None)


def slot_label(dated: DatedSlot | DistributionWindow) -> str:
    """ "Friday 5 December, 17:00–19:00" in the active language."""
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": date_format(dated.day, "l j F"),
        "start": time_format(dated.slot.start_time, "TIME_FORMAT"),
        "end": time_format(dated.slot.end_time, "TIME_FORMAT"),
    }
