"""A cancelled order gives its quantities back to its distribution (once)."""

from __future__ import annotations

from typing import Any

from shop.payments import statuses

from . import services


def release_cancelled_order(
    sender: Any, order: Any, old_status: str, new_status: str, **kwargs: Any
) -> None:
    if new_status == statuses.CANCELLED:
        services.distribution_release(order=order)
