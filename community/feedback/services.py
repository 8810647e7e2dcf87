"""Reviews of products and producers by members who bought them ("achat vérifié"),
and the producer's single answer to each.

We keep our own models rather than Oscar's catalogue.reviews: ProductReview has no
verified-purchase flag nor producer answer, its moderation and votes are not wanted
here, and adding fields would mean forking Oscar's reviews app and its migrations. Our
product and producer reviews share one abstract model and one set of rules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import ProducerFeedback, ProductFeedback
from .selectors import has_bought_from, has_bought_product, producer_of_feedback

if TYPE_CHECKING:
    from community.models import User
    from shop.catalogue.models import Product
    from shop.partner.models import Partner

AnyFeedback = TypeVar("AnyFeedback", ProductFeedback, ProducerFeedback)


def _check_text(rating: int, text: str) -> None:
    if not isinstance(rating, int) or not 1 <= rating <= 5:
        raise ValidationError(_("Give a rating from 1 to 5."))
    if not text.strip():
        raise ValidationError(_("Write a few words about your experience."))


def _create(
    model: type[AnyFeedback],
    *,
    author: User,
    rating: int,
    text: str,
    **target: object,
) -> AnyFeedback:
    try:
        with transaction.atomic():
            return model.objects.create(
                author=author, rating=rating, text=text.strip(), verified_purchase=True, **target
            )
    except IntegrityError as error:
        raise ValidationError(_("You have already reviewed it.")) from error


@transaction.atomic
def product_feedback_create(
    *, product: Product, author: User, rating: int, text: str
) -> ProductFeedback:
    if not has_bought_product(user=author, product=product):
        raise PermissionDenied(_("Only members who bought this product can review it."))
    _check_text(rating, text)
    return _create(ProductFeedback, author=author, rating=rating, text=text, product=product)


@transaction.atomic
def producer_feedback_create(
    *, producer: Partner, author: User, rating: int, text: str
) -> ProducerFeedback:
    if not has_bought_from(user=author, producer=producer):
        raise PermissionDenied(_("Only members who bought from this producer can review it."))
    if producer.users.filter(pk=author.pk).exists():
        raise PermissionDenied(_("A producer cannot review itself."))
    _check_text(rating, text)
    return _create(ProducerFeedback, author=author, rating=rating, text=text, producer=producer)


@transaction.atomic
def feedback_answer(*, feedback: AnyFeedback, user: User, answer: str) -> AnyFeedback:
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
