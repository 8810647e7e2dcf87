"""Reviews: a verified buyer reviews a product or a producer; the producer answers."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from django.views import View
from oscar.core.loading import get_model

from community.responses import redirect_back, show_refusal
from shop.ratelimit import rate_limit_hit

from . import services
from .forms import FeedbackAnswerForm, FeedbackForm
from .models import ProducerFeedback, ProductFeedback

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


class FeedbackCreateView(LoginRequiredMixin, View):
    kind = "product"

    def post(self, request, pk):
        rate_limit_hit(action="feedback", request=request)
        form = FeedbackForm(request.POST)
        if self.kind == "product":
            target = get_object_or_404(Product, pk=pk)
        else:
            target = get_object_or_404(Partner, pk=pk)
        if not form.is_valid():
            messages.error(request, _("Give a rating and a few words."))
            return redirect_back(request, target.get_absolute_url())
        try:
            if self.kind == "product":
                services.product_feedback_create(
                    product=target, author=request.user, **form.cleaned_data
                )
            else:
                services.producer_feedback_create(
                    producer=target, author=request.user, **form.cleaned_data
                )
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Thank you for your review."))
        return redirect_back(request, target.get_absolute_url())


class FeedbackAnswerView(LoginRequiredMixin, View):
    kind = "product"

    def post(self, request, pk):
        model = ProductFeedback if self.kind == "product" else ProducerFeedback
        review = get_object_or_404(model, pk=pk)
        target = review.product if self.kind == "product" else review.producer
        form = FeedbackAnswerForm(request.POST)
        if form.is_valid():
            try:
                services.feedback_answer(
                    feedback=review, user=request.user, answer=form.cleaned_data["answer"]
                )
            except (PermissionDenied, ValidationError) as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("Your answer is published."))
        return redirect_back(request, target.get_absolute_url())
