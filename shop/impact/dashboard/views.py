"""Producer pages of the Oscar dashboard: profile, claims and product import.

Every page under `producteurs/<pk>/` finds its producer among the ones the user manages
(permissions.managed_producers), so another producer's pages and claims answer 404.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic
from django.views.generic.base import ContextMixin
from django.views.generic.detail import SingleObjectMixin
from django.views.generic.edit import ModelFormMixin
from oscar.core.loading import get_model

from shop.impact.csv_import import product_csv_import
from shop.impact.models import Claim
from shop.impact.services import claim_save

from .forms import ClaimForm, ProducerForm, ProductImportForm, StaffProducerForm
from .permissions import ProducerDashboardAccessMixin, managed_producers

if TYPE_CHECKING:
    from shop.partner.models import Partner
else:
    Partner = get_model("partner", "Partner")

MAX_IMPORT_ERRORS_SHOWN = 200


class ProducerListView(ProducerDashboardAccessMixin, generic.ListView):
    template_name = "impact/dashboard/producer_list.html"
    context_object_name = "producers"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    def get_queryset(self) -> QuerySet:
        return (
            managed_producers(self.request.user)
            .select_related("sector")
            .annotate(
                num_claims=Count("claims", distinct=True),
                num_products=Count("stockrecords", distinct=True),
            )
            .order_by("name", "pk")
        )


# generic.View last, after ContextMixin as in Django's generic views: the views below keep
# the method resolution order they had without these two bases (mypy needs them).
class ProducerMixin(ProducerDashboardAccessMixin, ContextMixin, generic.View):
    """Views of one producer (`pk` in the URL) that the user manages, else 404."""

    @cached_property
    def producer(self) -> Partner:
        return get_object_or_404(managed_producers(self.request.user), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(producer=self.producer, **kwargs)


class ProducerUpdateView(ProducerMixin, generic.UpdateView):
    template_name = "impact/dashboard/producer_form.html"
    context_object_name = "producer"

    def get_object(self, queryset=None) -> Partner:
        return self.producer

    def get_form_class(self) -> type[ProducerForm]:
        return StaffProducerForm if self.request.user.is_staff else ProducerForm

    def form_valid(self, form: ProducerForm) -> HttpResponse:
        messages.success(self.request, _("The producer profile has been saved."))
        return super().form_valid(form)

    def get_success_url(self) -> str:
        return reverse("impact-dashboard:producer-update", kwargs={"pk": self.producer.pk})


class ClaimListView(ProducerMixin, generic.ListView):
    template_name = "impact/dashboard/claim_list.html"
    context_object_name = "claims"

    def get_queryset(self) -> QuerySet:
        return Claim.objects.filter(producer=self.producer).select_related(
            "criterion__dimension", "product"
        )


class ClaimMixin(ProducerMixin, SingleObjectMixin):
    """Claims of the producer in the URL only: another producer's claim answers 404."""

    model = Claim
    pk_url_kwarg = "claim_pk"
    context_object_name = "claim"

    def get_queryset(self) -> QuerySet:
        return Claim.objects.filter(producer=self.producer).select_related("criterion")

    def get_success_url(self) -> str:
        return reverse("impact-dashboard:claim-list", kwargs={"pk": self.producer.pk})


class ClaimFormMixin(ClaimMixin, ModelFormMixin):
    form_class = ClaimForm
    template_name: str | None = "impact/dashboard/claim_form.html"
    object: Claim | None  # None on the create view until the claim is saved

    def get_form_kwargs(self) -> dict[str, Any]:
        return {**super().get_form_kwargs(), "producer": self.producer}

    def form_valid(self, form: ClaimForm) -> HttpResponse:
        try:
            self.object = claim_save(claim=form.save(commit=False), user=self.request.user)
        except ValidationError as error:
            form.add_model_errors(error)
            return self.form_invalid(form)
        messages.success(self.request, _("The claim has been saved."))
        return HttpResponseRedirect(self.get_success_url())


class ClaimCreateView(ClaimFormMixin, generic.CreateView):
    pass


class ClaimUpdateView(ClaimFormMixin, generic.UpdateView):
    pass


class ClaimDeleteView(ClaimMixin, generic.DeleteView):
    template_name = "impact/dashboard/claim_confirm_delete.html"

    def form_valid(self, form) -> HttpResponse:
        messages.success(self.request, _("The claim has been deleted."))
        return super().form_valid(form)


class ProductImportView(ProducerMixin, generic.FormView):
    template_name = "impact/dashboard/product_import.html"
    form_class = ProductImportForm

    def form_valid(self, form: ProductImportForm) -> HttpResponse:
        result = product_csv_import(
            producer=self.producer, file=form.cleaned_data["file"], user=self.request.user
        )
        if not result.ok:
            context = self.get_context_data(
                form=form,
                errors=result.errors[:MAX_IMPORT_ERRORS_SHOWN],
                errors_hidden=max(len(result.errors) - MAX_IMPORT_ERRORS_SHOWN, 0),
            )
            return self.render_to_response(context)
        messages.success(
            self.request,
            _("Import done: %(created)s products created, %(updated)s updated.")
            % {"created": result.created, "updated": result.updated},
        )
        return HttpResponseRedirect(self.request.path)
