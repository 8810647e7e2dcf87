"""Who bought what (the "achat vérifié" rule) and who may answer a review."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import QuerySet
from oscar.core.loading import get_model

from .models import ProducerFeedback, ProductFeedback

if TYPE_CHECKING:
    from community.models import User
    from shop.catalogue.models import Product
    from shop.partner.models import Partner

Line = get_model("order", "Line")

#: Orders that never went through (or were never paid) do not make a verified buyer.
NOT_BOUGHT_STATUSES = ("pending_payment", "cancelled")


def _bought_lines(user: User) -> QuerySet:
    if not user.is_authenticated:
        return Line.objects.none()
    return Line.objects.filter(order__user=user).exclude(order__status__in=NOT_BOUGHT_STATUSES)


def has_bought_product(*, user: User, product: Product) -> bool:
    return _bought_lines(user).filter(product=product).exists()


def has_bought_from(*, user: User, producer: Partner) -> bool:
    return _bought_lines(user).filter(partner=producer).exists()


def producer_of_feedback(feedback: ProductFeedback | ProducerFeedback) -> Partner | None:
    if isinstance(feedback, ProducerFeedback):
        return feedback.producer
    record = feedback.product.stockrecords.select_related("partner").first()
    return record.partner if record else None


def can_answer(*, feedback: ProductFeedback | ProducerFeedback, user: User) -> bool:
    producer = producer_of_feedback(feedback)
    return bool(
        user.is_authenticated
        and producer is not None
        and not feedback.is_answered
        and producer.users.filter(pk=user.pk).exists()
    )
