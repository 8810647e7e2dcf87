"""Row locks taken while an order is placed, always in the same order (by pk) so that
concurrent checkouts queue up instead of deadlocking. Call inside `transaction.atomic`."""

from collections.abc import Iterable

from oscar.core.loading import get_model

StockRecord = get_model("partner", "StockRecord")


def lock_stockrecords(ids: Iterable[int]) -> list:
    """Lock these stock records (`SELECT … FOR UPDATE`, by pk) and return them fresh."""
    return list(
        StockRecord.objects.select_for_update().filter(pk__in=sorted(set(ids))).order_by("pk")
    )
