"""{% guarantee_panel item %}: under the impact block of a product or producer page, a
link to give an opinion on each claim, and the reviews with their form for verified
buyers. Shop templates only `{% include %}` a community template, which loads this."""

from django import template
from oscar.core.loading import get_model

from community import colleges, feedback
from community.forms_guarantee import FeedbackAnswerForm, FeedbackForm
from community.models_guarantee import ProducerFeedback, ProductFeedback

register = template.Library()
Partner = get_model("partner", "Partner")


def _claims_of(item, is_producer: bool):
    profile = getattr(item, "impact", None)
    if profile is not None:
        return list(profile.claims.values())
    if is_producer:
        return list(item.claims.filter(product__isnull=True).select_related("criterion"))
    return list(item.claims.select_related("criterion"))


@register.inclusion_tag("community/guarantee/partials/panel.html", takes_context=True)
def guarantee_panel(context, item):
    request = context.get("request")
    user = getattr(request, "user", None)
    is_producer = isinstance(item, Partner)
    if is_producer:
        producer = item
        reviews = ProducerFeedback.objects.filter(producer=item)
        can_review = bool(user and feedback.has_bought_from(user=user, producer=item))
    else:
        record = item.stockrecords.select_related("partner").first()
        producer = record.partner if record else None
        reviews = ProductFeedback.objects.filter(product=item)
        can_review = bool(user and feedback.has_bought_product(user=user, product=item))
    reviews = list(reviews.select_related("author"))
    is_own = bool(
        user
        and user.is_authenticated
        and producer is not None
        and producer.users.filter(pk=user.pk).exists()
    )
    if user and user.is_authenticated:
        already = any(r.author_id == user.pk for r in reviews)
        can_review = can_review and not already and not (is_producer and is_own)
    return {
        "request": request,
        "item": item,
        "is_producer": is_producer,
        "claims": _claims_of(item, is_producer),
        "reviews": reviews,
        "can_review": can_review,
        "is_own": is_own,
        "has_college": bool(user and colleges.confirmed_memberships(user)),
        "form": FeedbackForm() if can_review else None,
        "answer_form": FeedbackAnswerForm() if is_own else None,
        "review_url_name": "community:producer-feedback"
        if is_producer
        else "community:product-feedback",
        "answer_url_name": "community:producer-feedback-answer"
        if is_producer
        else "community:product-feedback-answer",
    }
