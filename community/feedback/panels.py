"""Under a product or producer page: members' reviews, the review form for verified
buyers, the answer form for the producer (registered by community/panels.py)."""

from __future__ import annotations

from django.db.models import QuerySet
from django.http import HttpRequest

from community.panels import is_own_producer, producer_and_kind, viewer

from .forms import FeedbackAnswerForm, FeedbackForm
from .models import FeedbackBase, ProducerFeedback, ProductFeedback
from .selectors import has_bought_from, has_bought_product


def reviews_panel_context(request: HttpRequest | None, item) -> dict:
    user = viewer(request)
    producer, is_producer = producer_and_kind(item)
    found: QuerySet[ProducerFeedback] | QuerySet[ProductFeedback]
    if is_producer:
        found = ProducerFeedback.objects.filter(producer=item)
        can_review = bool(user and has_bought_from(user=user, producer=item))
    else:
        found = ProductFeedback.objects.filter(product=item)
        can_review = bool(user and has_bought_product(user=user, product=item))
    reviews: list[FeedbackBase] = list(found.select_related("author"))
    is_own = is_own_producer(user, producer)
    if user and user.is_authenticated:
        already = any(r.author_id == user.pk for r in reviews)
        can_review = can_review and not already and not (is_producer and is_own)
    return {
        "item": item,
        "reviews": reviews,
        "form": FeedbackForm() if can_review else None,
        "answer_form": FeedbackAnswerForm() if is_own else None,
        "review_url_name": "community:producer-feedback"
        if is_producer
        else "community:product-feedback",
        "answer_url_name": "community:producer-feedback-answer"
        if is_producer
        else "community:product-feedback-answer",
    }
