"""A distribution's pickup window as the checkout's pickup slot: the same interface as
`shop.shipping.models.DatedSlot` (key, day, slot.start_time, slot.end_time)."""

from __future__ import annotations

from django.utils import timezone

from shop.shipping.methods import PickupMethod
from shop.shipping.models import PickupSlot

from .models import Distribution


class DistributionWindow:
    def __init__(self, distribution: Distribution):
        self.distribution = distribution
        starts = timezone.localtime(distribution.starts_at)
        ends = timezone.localtime(distribution.ends_at)
        self.day = starts.date()
        # Unsaved: only its times are read (labels, the order's pickup).
        self.slot = PickupSlot(
            weekday=self.day.weekday(), start_time=starts.time(), end_time=ends.time()
        )

    @property
    def key(self) -> str:
        return f"distribution-{self.distribution.pk}"

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y} {self.slot.start_time:%H:%M}–{self.slot.end_time:%H:%M}"


class DistributionPickupMethod(PickupMethod):
    """Collect the order at one of the distribution's points, in its pickup window."""

    def __init__(self, point, distribution: Distribution):
        super().__init__(point)
        self.distribution = distribution


def distribution_of_method(method) -> Distribution | None:
    inner = getattr(method, "method", method)
    return getattr(inner, "distribution", None)
