"""No oversell: the basket's stock is checked again under row locks when the order is
placed, so that of N customers racing for the last K units exactly K get them."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_class

from .locks import lock_stockrecords

if TYPE_CHECKING:
    from oscar.apps.order.exceptions import UnableToPlaceOrder
else:
    UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")


@dataclass(frozen=True)
class Shortage:
    stockrecord_id: int
    title: str
    wanted: int
    available: int

    @property
    def message(self) -> str:
        if self.available <= 0:
            return _("“%(title)s” is sold out: it has been removed from your basket.") % {
                "title": self.title
            }
        return ngettext(
            "Only %(count)d “%(title)s” is left: your basket has been updated.",
            "Only %(count)d “%(title)s” are left: your basket has been updated.",
            self.available,
        ) % {"count": self.available, "title": self.title}


class OutOfStock(UnableToPlaceOrder):
    """Some lines of the basket can no longer be served; nothing was ordered."""

    def __init__(self, shortages: list[Shortage]):
        self.shortages = shortages
        super().__init__(" ".join(shortage.message for shortage in shortages))


def lock_and_check_stock(basket) -> None:
    """Lock the stock records of the basket's lines and raise `OutOfStock` if they no
    longer hold what the basket asks for. Must run inside the order's transaction."""
    wanted: dict[int, int] = defaultdict(int)
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        if line.stockrecord_id is None or not line.product.get_product_class().track_stock:
            continue
        wanted[line.stockrecord_id] += line.quantity
        titles.setdefault(line.stockrecord_id, line.product.get_title())
    if not wanted:
        return
    shortages = [
        Shortage(record.pk, titles[record.pk], wanted[record.pk], max(record.net_stock_level, 0))
        for record in lock_stockrecords(wanted)
        if wanted[record.pk] > record.net_stock_level
    ]
    if shortages:
        raise OutOfStock(shortages)


def shrink_lines(basket, left: dict[int, int], *, key: Callable[[Any], int | None]) -> None:
    """Bring the basket's lines down to what is left, `left` keyed as `key(line)` says
    (removing the lines nothing is left of); lines of the same key share what is left."""
    left = dict(left)
    for line in basket.all_lines():
        line_key = key(line)
        if line_key not in left:
            continue
        keep = min(line.quantity, left[line_key])
        left[line_key] -= keep
        if keep <= 0:
            line.delete()
        else:
            line.quantity = keep
            line.save(update_fields=["quantity"])
    basket.reset_offer_applications()
    basket._lines = None


def shrink_basket(basket, shortages: list[Shortage]) -> None:
    """Bring the basket's lines down to the stock left (removing sold-out lines)."""
    left = {shortage.stockrecord_id: shortage.available for shortage in shortages}
    shrink_lines(basket, left, key=lambda line: line.stockrecord_id)
