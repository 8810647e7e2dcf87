"""Pages of the freshness workflow: the one-click "toujours exact" link from the reminder
e-mails, and the facilitators' report on stale data."""

from __future__ import annotations

from django.contrib.auth.mixins import PermissionRequiredMixin
from django.core.paginator import Page, Paginator
from django.db.models import Count, F, Max, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView
from oscar.core.loading import get_model

from . import freshness
from .models import Claim

Partner = get_model("partner", "Partner")

REVIEW_PERMISSION = "impact.review_claims"
LINK_ERROR_STATUS = {
    freshness.FreshnessLinkError.INVALID: 400,
    freshness.FreshnessLinkError.EXPIRED: 410,
    freshness.FreshnessLinkError.USED: 410,
}


def link_error(request: HttpRequest, error: freshness.FreshnessLinkError) -> HttpResponse:
    return render(
        request,
        "impact/freshness/link_error.html",
        {"error": error},
        status=LINK_ERROR_STATUS[error.code],
    )


class AlwaysAccurateView(View):
    """GET only shows what the link would renew (mail scanners prefetch links); the
    renewal happens on POST."""

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            reminder = freshness.reminder_from_token(token)
        except freshness.FreshnessLinkError as error:
            return link_error(request, error)
        context = {"reminder": reminder, "plan": freshness.plan_renewal(reminder)}
        return render(request, "impact/freshness/confirm.html", context)

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            result = freshness.freshness_reminder_renew(token=token)
        except freshness.FreshnessLinkError as error:
            return link_error(request, error)
        return render(request, "impact/freshness/done.html", {"result": result})


class FreshnessReportView(PermissionRequiredMixin, TemplateView):
    """For facilitators: expired claims, claims expiring soon, producers by data age."""

    permission_required = REVIEW_PERMISSION
    template_name = "impact/freshness/report.html"
    per_page = 25

    def paginate(self, queryset, param: str) -> Page:
        return Paginator(queryset, self.per_page).get_page(self.request.GET.get(param))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        claims = Claim.objects.select_related("producer", "criterion", "product__parent")
        context.update(
            today=today,
            window_days=freshness.REMINDER_WINDOW_DAYS,
            expired=self.paginate(claims.expired(today).order_by("valid_until", "pk"), "expirees"),
            expiring=self.paginate(
                claims.expiring_within(freshness.REMINDER_WINDOW_DAYS, today).order_by(
                    "valid_until", "pk"
                ),
                "bientot",
            ),
            producers=self.paginate(producers_by_data_age(today), "producteurs"),
        )
        return context


def producers_by_data_age(today):
    """Producers whose claims were least recently updated first; no claim at all first."""
    return Partner.objects.annotate(
        last_update=Max("claims__updated_at"),
        claim_count=Count("claims"),
        expired_count=Count("claims", filter=Q(claims__valid_until__lt=today)),
    ).order_by(F("last_update").asc(nulls_first=True), "name", "pk")
