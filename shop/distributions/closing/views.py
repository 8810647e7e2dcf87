"""Pages of closing: the distribution sheet for those who manage the distribution
(printable page and CSV), and the producer's purchase orders (list, CSV, PDF)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views import generic

from shop.producer_orders.views import ProducerMixin

from ..dashboard.views import DistributionMixin
from . import documents, selectors
from .models import PurchaseOrderSent

CONTENT_TYPES = {"csv": "text/csv; charset=utf-8", "pdf": "application/pdf"}


def file_response(filename: str, content: bytes, extension: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


class SheetView(DistributionMixin):
    """Who collects what at which point, paid or not, and the totals per producer."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        sheet = selectors.distribution_sheet(self.distribution)
        return render(
            request,
            "distributions/closing/sheet.html",
            {"distribution": self.distribution, "sheet": sheet},
        )


class SheetCsvView(DistributionMixin):
    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        sheet = selectors.distribution_sheet(self.distribution)
        return file_response(documents.sheet_filename(sheet), documents.sheet_csv(sheet), "csv")


class ProducerDistributionListView(ProducerMixin, generic.ListView):
    """The producer's distributions, each with its purchase order to download."""

    template_name = "distributions/closing/producer_distributions.html"
    context_object_name = "distributions"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    def get_queryset(self):
        return selectors.producer_distributions(self.producer).prefetch_related("pickup_points")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        sent = dict(
            PurchaseOrderSent.objects.filter(
                partner=self.producer, distribution__in=context["distributions"]
            ).values_list("distribution_id", "sent_at")
        )
        for distribution in context["distributions"]:
            distribution.purchase_order_sent_at = sent.get(distribution.pk)
        return context


class PurchaseOrderDownloadView(ProducerMixin):
    """The purchase order of one of the producer's distributions, as CSV or PDF."""

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        extension = kwargs["extension"]
        if extension not in CONTENT_TYPES:
            raise Http404
        distribution = get_object_or_404(
            selectors.producer_distributions(self.producer), pk=kwargs["distribution_pk"]
        )
        order = selectors.purchase_order(distribution, self.producer)
        build = documents.purchase_order_csv if extension == "csv" else documents.purchase_order_pdf
        return file_response(
            documents.purchase_order_filename(order, extension), build(order), extension
        )
