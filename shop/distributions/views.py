"""The visitor's choice of distribution (/boutique/distributions/)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import View

from . import current, services
from .models import Distribution, DistributionOffer

PER_PAGE = 20


def _lines_not_offered(basket: Any, distribution: Distribution) -> list[Any]:
    if basket is None or not basket.pk:
        return []
    offered = set(
        DistributionOffer.objects.filter(distribution=distribution).values_list(
            "product_id", flat=True
        )
    )
    return [line for line in basket.all_lines() if line.product_id not in offered]


class DistributionChoiceView(View):
    """GET: the open distributions with their dates, pickup points and deadline.
    POST `distribution`: shop for it; with a non-empty basket filled for another one,
    a confirmation first (the lines it does not offer will be removed)."""

    template_name = "distributions/choose.html"
    confirm_template_name = "distributions/confirm_change.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(current.open_list(request), PER_PAGE).get_page(request.GET.get("page"))
        return render(
            request,
            self.template_name,
            {
                "page_obj": page,
                "distributions": page.object_list,
                "chosen": current.current_distribution(request),
                "explicit": current.is_explicit_choice(request),
            },
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        distributions = {d.pk: d for d in current.open_list(request)}
        try:
            distribution = distributions.get(int(request.POST.get("distribution", "")))
        except ValueError:
            distribution = None
        if distribution is None:
            messages.error(request, _("This distribution is not taking orders any more."))
            return redirect("distributions:choose")
        basket = getattr(request, "basket", None)
        removed = _lines_not_offered(basket, distribution)
        if removed and request.POST.get("confirm") != "1":
            return render(
                request,
                self.confirm_template_name,
                {"distribution": distribution, "removed": removed},
            )
        if basket is not None and basket.pk:
            try:
                titles = services.basket_distribution_choose(
                    basket=basket, distribution=distribution
                )
            except services.DistributionError as refusal:
                messages.error(request, refusal.message)
                return redirect("distributions:choose")
            if titles:
                messages.warning(
                    request,
                    _("Removed from your basket (not offered in this distribution): %(titles)s")
                    % {"titles": ", ".join(titles)},
                )
        current.remember(request, distribution)
        messages.success(
            request, _("You are now shopping for: %(title)s") % {"title": str(distribution)}
        )
        return redirect("catalogue:index")
