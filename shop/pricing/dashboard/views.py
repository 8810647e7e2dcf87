"""Staff screens for the price breakdown (mounted at /boutique/dashboard/tarification/):
commission rates and logistics fees, each change audited. Staff only (others get 403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin

from .. import selectors, services
from ..models import CommissionRate, LogisticsFee, PricingChange
from .forms import CommissionRateForm, DeleteForm, LogisticsFeeForm

PAGE_SIZE = 20
RECENT_CHANGES = 10
INDEX = "pricing-dashboard:index"


class PricingIndexView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        rates = CommissionRate.objects.select_related("partner", "product_class")
        fees = LogisticsFee.objects.select_related("partner", "product_class")
        context = {
            "default_percent": selectors.default_commission_percent(),
            "rates_page": Paginator(rates, PAGE_SIZE).get_page(request.GET.get("page")),
            "fees_page": Paginator(fees, PAGE_SIZE).get_page(request.GET.get("fees_page")),
            "changes": PricingChange.objects.select_related("by")[:RECENT_CHANGES],
        }
        return TemplateResponse(request, "pricing/dashboard/index.html", context)


class CommissionRateFormView(StaffRequiredMixin, generic.View):
    """GET: the form (empty, or the rate's); POST: save it, bad input back with 400."""

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rate = get_object_or_404(CommissionRate, pk=pk) if pk else None
        form = CommissionRateForm.for_rate(rate) if rate else CommissionRateForm()
        return self.render(form, rate)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        rate = get_object_or_404(CommissionRate, pk=pk) if pk else None
        form = CommissionRateForm(request.POST)
        if form.is_valid():
            try:
                services.commission_rate_save(by=request.user, rate=rate, **form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Commission rate saved."))
                return redirect(INDEX)
        return self.render(form, rate, status=400)

    def render(self, form: Any, rate: CommissionRate | None, status: int = 200) -> HttpResponse:
        context = {"form": form, "object": rate}
        return TemplateResponse(
            self.request, "pricing/dashboard/commission_form.html", context, status=status
        )


class LogisticsFeeFormView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        fee = get_object_or_404(LogisticsFee, pk=pk) if pk else None
        return self.render(LogisticsFeeForm(instance=fee, initial={"note": ""}), fee)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        fee = get_object_or_404(LogisticsFee, pk=pk) if pk else None
        form = LogisticsFeeForm(request.POST, instance=fee)
        if form.is_valid():
            try:
                services.logistics_fee_save(
                    fee=form.instance, by=request.user, note=form.cleaned_data["note"]
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Logistics fee saved."))
                return redirect(INDEX)
        return self.render(form, fee, status=400)

    def render(self, form: Any, fee: LogisticsFee | None, status: int = 200) -> HttpResponse:
        context = {"form": form, "object": fee}
        return TemplateResponse(
            self.request, "pricing/dashboard/fee_form.html", context, status=status
        )


class DeleteView(StaffRequiredMixin, generic.View):
    """GET: confirm; POST: delete, with the note saying why."""

    model: type[CommissionRate] | type[LogisticsFee]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(self.model, pk=pk)
        context = {"object": target, "form": DeleteForm()}
        return TemplateResponse(request, "pricing/dashboard/confirm_delete.html", context)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        target = get_object_or_404(self.model, pk=pk)
        form = DeleteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        if isinstance(target, CommissionRate):
            services.commission_rate_delete(rate=target, by=request.user, note=note)
        elif isinstance(target, LogisticsFee):
            services.logistics_fee_delete(fee=target, by=request.user, note=note)
        messages.success(request, _("Deleted."))
        return redirect(INDEX)


class CommissionRateDeleteView(DeleteView):
    model = CommissionRate


class LogisticsFeeDeleteView(DeleteView):
    model = LogisticsFee
