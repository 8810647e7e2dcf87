"""Row locks for group buying, always taken in the same order (group order first, then
its commitments by pk) so concurrent commits and closings cannot deadlock."""

from django.db.models import QuerySet

from .orders.models import Commitment, GroupOrder


def lock_group_order(pk: int) -> GroupOrder:
    return GroupOrder.objects.select_for_update().get(pk=pk)


def lock_commitments(group_order: GroupOrder) -> QuerySet:
    return (
        Commitment.objects.select_for_update().filter(offer__group_order=group_order).order_by("pk")
    )
