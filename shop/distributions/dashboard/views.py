"""Distributions in the dashboard: staff manage all of them, coordinators of a buying
group those at their group's pickup points (shop.distributions.access)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.paginator import Paginator
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views import generic
from oscar.core.loading import get_model

from .. import access, selectors, services
from ..models import Distribution
from .forms import CloneForm, DistributionForm, OffersForm, RepeatForm

Product = get_model("catalogue", "Product")
StockRecord = get_model("partner", "StockRecord")

PER_PAGE = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE


def can_manage_distributions(user: Any, *args: Any, **kwargs: Any) -> bool:
    """Staff or a coordinator (also the dashboard navigation's access_fn)."""
    return access.may_manage_distributions(user)


class ManagerRequiredMixin(AccessMixin, generic.View):
    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not access.may_manage_distributions(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


class DistributionMixin(ManagerRequiredMixin):
    """One distribution the user may manage (404 otherwise)."""

    distribution: Distribution

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if access.may_manage_distributions(request.user):
            self.distribution = get_object_or_404(
                selectors.managed_distributions(request.user), pk=kwargs["pk"]
            )
            if not access.may_manage(request.user, self.distribution):
                return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)


def _form_fields(form: DistributionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "title": data["title"],
        "starts_at": data["starts_at"],
        "ends_at": data["ends_at"],
        "opens_at": data["opens_at"],
        "closes_at": data["closes_at"],
        "pickup_points": data["pickup_points"],
        "producers": data["producers"],
    }


class DistributionListView(ManagerRequiredMixin, generic.ListView):
    template_name = "distributions/dashboard/distribution_list.html"
    context_object_name = "distributions"
    paginate_by = PER_PAGE

    def get_queryset(self):
        return (
            selectors.managed_distributions(self.request.user)
            .annotate(offer_count=Count("offers", distinct=True))
            .prefetch_related("pickup_points")
        )


class DistributionCreateView(ManagerRequiredMixin, generic.FormView):
    template_name = "distributions/dashboard/distribution_form.html"
    form_class = DistributionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "user": self.request.user}

    def form_valid(self, form: DistributionForm) -> HttpResponse:
        try:
            distribution = services.distribution_create(by=self.request.user, **_form_fields(form))
        except services.DistributionError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The distribution has been created: set the quantities offered.")
        )
        return redirect("distributions-dashboard:offers", pk=distribution.pk)


class DistributionUpdateView(DistributionMixin, generic.FormView):
    template_name = "distributions/dashboard/distribution_form.html"
    form_class = DistributionForm

    def get_form_kwargs(self) -> dict[str, Any]:
        return {
            **super().get_form_kwargs(),
            "user": self.request.user,
            "instance": self.distribution,
        }

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            distribution=self.distribution,
            events=self.distribution.events.select_related("by")[:10],
            **kwargs,
        )

    def form_valid(self, form: DistributionForm) -> HttpResponse:
        try:
            services.distribution_update(
                distribution=self.distribution, by=self.request.user, **_form_fields(form)
            )
        except services.DistributionError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(self.request, _("The distribution has been saved."))
        return redirect("distributions-dashboard:update", pk=self.distribution.pk)


class DistributionOffersView(DistributionMixin, generic.TemplateView):
    """The quantities offered: the products of the distribution's producers, a page at a
    time (each page saves its own quantities)."""

    template_name = "distributions/dashboard/offers.html"

    def products(self):
        records = StockRecord.objects.select_related("partner")
        return (
            Product.objects.filter(
                stockrecords__partner__in=self.distribution.producers.all(),
                structure__in=["standalone", "child"],
            )
            .distinct()
            .prefetch_related(Prefetch("stockrecords", queryset=records))
            .order_by("title", "pk")
        )

    def build(self, data: Any = None) -> tuple[Any, OffersForm]:
        page = Paginator(self.products(), PER_PAGE).get_page(self.request.GET.get("page"))
        products = list(page.object_list)
        quantities = dict(
            self.distribution.offers.filter(product__in=products).values_list(
                "product_id", "quantity"
            )
        )
        return page, OffersForm(data, products=products, quantities=quantities)

    def get(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page, form = self.build()
        return self.show(page, form)

    def show(self, page: Any, form: OffersForm) -> HttpResponse:
        sold = dict(self.distribution.offers.values_list("product_id", "sold"))
        rows = [
            (product, form[form.field_name(product)], sold.get(product.pk, 0))
            for product in form.products
        ]
        return render(
            self.request,
            self.template_name,
            {
                "distribution": self.distribution,
                "form": form,
                "rows": rows,
                "page_obj": page,
                "is_paginated": page.paginator.num_pages > 1,
            },
        )

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        page, form = self.build(request.POST)
        if not form.is_valid():
            return self.show(page, form)
        failed = False
        for product, quantity in form.changed_quantities():
            try:
                services.distribution_offer_set(
                    distribution=self.distribution,
                    product=product,
                    quantity=quantity,
                    by=request.user,
                )
            except services.DistributionError as refusal:
                form.add_error(form.field_name(product), refusal.message)
                failed = True
        if failed:
            return self.show(page, form)
        messages.success(request, _("The quantities have been saved."))
        return redirect(f"{request.path}?page={page.number}")


class DistributionPublishView(DistributionMixin):
    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.distribution_publish(distribution=self.distribution, by=request.user)
        except services.DistributionError as refusal:
            messages.error(request, refusal.message)
        else:
            messages.success(request, _("The distribution is published."))
        return redirect("distributions-dashboard:update", pk=self.distribution.pk)


class DistributionCloneView(DistributionMixin, generic.FormView):
    template_name = "distributions/dashboard/clone.html"
    form_class = CloneForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(distribution=self.distribution, **kwargs)

    def form_valid(self, form: CloneForm) -> HttpResponse:
        copy = services.distribution_clone(
            distribution=self.distribution,
            starts_at=form.cleaned_data["starts_at"],
            by=self.request.user,
        )
        messages.success(self.request, _("A draft copy has been made: check it, then publish it."))
        return redirect("distributions-dashboard:update", pk=copy.pk)


class DistributionRepeatView(DistributionMixin, generic.FormView):
    template_name = "distributions/dashboard/repeat.html"
    form_class = RepeatForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(distribution=self.distribution, **kwargs)

    def form_valid(self, form: RepeatForm) -> HttpResponse:
        try:
            copies = services.distribution_repeat(
                distribution=self.distribution,
                every=form.cleaned_data["every"],
                n=form.cleaned_data["n"],
                count=form.cleaned_data["count"],
                by=self.request.user,
            )
        except services.DistributionError as refusal:
            form.add_error(None, refusal.message)
            return self.form_invalid(form)
        messages.success(
            self.request,
            ngettext(
                "%(count)d draft copy has been made: check it, then publish it.",
                "%(count)d draft copies have been made: check them, then publish them.",
                len(copies),
            )
            % {"count": len(copies)},
        )
        return redirect("distributions-dashboard:index")
