"""Producer pages of the dashboard for orders: lines, preparation lists, sales report.

A producer's user sees only the producers it manages (`managed_producers`): another
producer's pk answers 404, whatever the page or the format. Staff see every producer.
Each page reads through `selectors`, which filter order lines on the producer.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseBase, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import slugify
from django.views import generic
from django.views.generic.base import ContextMixin
from oscar.core.loading import get_model

from shop.impact.dashboard.permissions import (
    ProducerDashboardAccessMixin,
    can_access_producer_dashboard,
    managed_producers,
)

from . import csv_export, selectors
from .forms import HOME_DELIVERY_CHOICE, LineFilterForm, PreparationForm, SalesPeriodForm

if TYPE_CHECKING:
    from shop.partner.models import Partner
else:
    Partner = get_model("partner", "Partner")

BAD_REQUEST = 400


def producer_slug(producer: Partner) -> str:
    """For file names: ASCII only, never empty."""
    return slugify(producer.slug or producer.name) or str(producer.pk)


class ProducerIndexView(ProducerDashboardAccessMixin, generic.ListView):
    """The producers the user manages; straight to the orders of the only one."""

    template_name = "producer_orders/dashboard/index.html"
    context_object_name = "producers"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    def get_queryset(self):
        return managed_producers(self.request.user).order_by("name", "pk")

    def get(self, request, *args, **kwargs):
        if not request.user.is_staff:
            producers = list(self.get_queryset()[:2])
            if len(producers) == 1:
                return HttpResponseRedirect(
                    reverse("producer-orders:line-list", kwargs={"producer_pk": producers[0].pk})
                )
        return super().get(request, *args, **kwargs)


# generic.View last, after ContextMixin as in Django's generic views: the views below keep
# the method resolution order they had without these two bases (mypy needs them).
class ProducerMixin(ProducerDashboardAccessMixin, ContextMixin, generic.View):
    """Pages of one producer (`producer_pk`) that the user manages, else 404."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if can_access_producer_dashboard(request.user):
            self.producer  # noqa: B018  (another producer's pk: 404 before anything else)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def producer(self) -> Partner:
        return get_object_or_404(
            managed_producers(self.request.user), pk=self.kwargs["producer_pk"]
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(producer=self.producer, **kwargs)


class LineListView(ProducerMixin, generic.ListView):
    """The producer's order lines, newest first, filtered by status, period and point."""

    template_name = "producer_orders/dashboard/line_list.html"
    context_object_name = "lines"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    @cached_property
    def form(self) -> LineFilterForm:
        return LineFilterForm(self.request.GET or None)

    def get_queryset(self):
        filters = {}
        if self.form.is_valid():
            data = self.form.cleaned_data
            filters = {
                "start": data["start"],
                "end": data["end"],
                "statuses": [data["status"]] if data["status"] else None,
                "point": data["point"],
            }
        return selectors.lines_for_producer(self.producer, **filters)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(form=self.form, **kwargs)
        for line in context["lines"]:
            line.customer_name = selectors.customer_name(line.order)
        return context

    def render_to_response(self, context, **kwargs):
        if self.form.is_bound and not self.form.is_valid():
            kwargs.setdefault("status", BAD_REQUEST)
        return super().render_to_response(context, **kwargs)


class PreparationView(ProducerMixin, generic.TemplateView):
    """What to bring to one pickup point on one day: a printable page, or a CSV file."""

    template_name = "producer_orders/dashboard/preparation.html"

    def get(self, request, *args, **kwargs) -> HttpResponse:
        params = request.GET.copy()
        wants_csv = params.pop("format", [""])[-1] == "csv"
        form = PreparationForm(params or None)
        if not form.is_bound:
            return self.render_to_response(self.get_context_data(form=form))
        if not form.is_valid():
            context = self.get_context_data(form=form)
            return self.render_to_response(context, status=BAD_REQUEST)
        point, day = form.cleaned_data["point"], form.cleaned_data["day"]
        rows = selectors.preparation_list(self.producer, point=point, day=day)
        if wants_csv:
            place = point.slug if point is not None else HOME_DELIVERY_CHOICE
            filename = f"preparation-{producer_slug(self.producer)}-{place}-{day.isoformat()}.csv"
            return csv_export.csv_response(filename, csv_export.preparation_rows(rows))
        context = self.get_context_data(
            form=form,
            point=point,
            is_home_delivery=point is selectors.HOME_DELIVERY,
            day=day,
            rows=rows,
            num_orders=len({c.order_number for row in rows for c in row.customers}),
            csv_query=urlencode(
                {"point": params.get("point", ""), "day": day.isoformat(), "format": "csv"}
            ),
        )
        return self.render_to_response(context)

    def get_context_data(self, **kwargs) -> dict:
        context = super().get_context_data(**kwargs)
        if "rows" not in context:
            context["upcoming"] = selectors.upcoming_preparations(self.producer)
            context["home_delivery_choice"] = HOME_DELIVERY_CHOICE
        return context


class SalesFormView(ProducerMixin, generic.TemplateView):
    """Choose the period of the sales report (a CSV file)."""

    template_name = "producer_orders/dashboard/sales_form.html"

    def get_context_data(self, **kwargs) -> dict:
        kwargs.setdefault("form", SalesPeriodForm())
        return super().get_context_data(**kwargs)


class SalesCsvView(SalesFormView):
    """The sales report of a period as CSV; a bad or reversed period answers 400."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        form = SalesPeriodForm(request.GET)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=BAD_REQUEST)
        start, end = form.cleaned_data["start"], form.cleaned_data["end"]
        report = selectors.sales_report(self.producer, start=start, end=end)
        filename = (
            f"ventes-{producer_slug(self.producer)}-{start.isoformat()}-{end.isoformat()}.csv"
        )
        return csv_export.csv_response(filename, csv_export.sales_rows(report))
