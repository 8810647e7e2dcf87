"""Reviews of products and producers by members who bought them ("achat vérifié"),
and the producer's single answer to each.

We keep our own models rather than Oscar's catalogue.reviews: ProductReview has no
verified-purchase flag nor producer answer, its moderation and votes are not wanted
here, and adding fields would mean forking Oscar's reviews app and its migrations. Our
product and producer reviews share one abstract model and one set of rules.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models_guarantee import ProducerFeedback, ProductFeedback

Line = get_model("order", "Line")

#: Orders that never went through (or were never paid) do not make a verified buyer.
NOT_BOUGHT_STATUSES = ("pending_payment", "cancelled")


def _bought_lines(user):
    if not user.is_authenticated:
        return Line.objects.none()
    return Line.objects.filter(order__user=user).exclude(order__status__in=NOT_BOUGHT_STATUSES)


def has_bought_product(*, user, product) -> bool:
    return _bought_lines(user).filter(product=product).exists()


def has_bought_from(*, user, producer) -> bool:
    return _bought_lines(user).filter(partner=producer).exists()


def _check_text(rating: int, text: str) -> None:
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("Give a rating from 1 to 5."))
    if not text.strip():
        raise ValidationError(_("Write a few words about your experience."))


def _create(model, *, author, rating: int, text: str, **target):
    try:
        with transaction.atomic():
            return model.objects.create(
                author=author, rating=rating, text=text.strip(), verified_purchase=True, **target
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already reviewed it.")) from error


def product_feedback_create(*, product, author, rating: int, text: str) -> ProductFeedback:
    if not has_bought_product(user=author, product=product):
        raise PermissionDenied(_("Only members who bought this product can review it."))
    _check_text(rating, text)
    return _create(ProductFeedback, author=author, rating=rating, text=text, product=product)


def producer_feedback_create(*, producer, author, rating: int, text: str) -> ProducerFeedback:
    if not has_bought_from(user=author, producer=producer):
        raise PermissionDenied(_("Only members who bought from this producer can review it."))
    if producer.users.filter(pk=author.pk).exists():
        raise PermissionDenied(_("A producer cannot review itself."))
    _check_text(rating, text)
    return _create(ProducerFeedback, author=author, rating=rating, text=text, producer=producer)


def producer_of_feedback(feedback):
    if isinstance(feedback, ProducerFeedback):
        return feedback.producer
    record = feedback.product.stockrecords.select_related("partner").first()
    return record.partner if record else None


def can_answer(*, feedback, user) -> bool:
    producer = producer_of_feedback(feedback)
    return bool(
        user.is_authenticated
        and producer is not None
        and not feedback.is_answered
        and producer.users.filter(pk=user.pk).exists()
    )


@transaction.atomic
def feedback_answer(*, feedback, user, answer: str):
    """The producer answers a review, once."""
    producer = producer_of_feedback(feedback)
    if producer is None or not producer.users.filter(pk=user.pk).exists():
        raise PermissionDenied(_("Only the producer can answer this review."))
    feedback = type(feedback).objects.select_for_update().get(pk=feedback.pk)
    if feedback.is_answered:
        raise ValidationError(_("This review has already been answered."))
    if not answer.strip():
        raise ValidationError(_("Write your answer."))
    feedback.answer = answer.strip()
    feedback.answered_by = user
    feedback.answered_at = timezone.now()
    feedback.save(update_fields=["answer", "answered_by", "answered_at"])
    return feedback
