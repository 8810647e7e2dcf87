"""The charter (référentiel) in the Oscar dashboard: staff edit dimensions and criteria.

A criterion is retired by deactivating it (`is_active`): its claims stay. Deleting is
only for a criterion nobody has answered yet, since claims PROTECT their criterion.
"""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count, Prefetch, ProtectedError, QuerySet
from django.http import HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic
from django.views.generic.edit import ModelFormMixin, ProcessFormView

from shop.access import StaffRequiredMixin
from shop.impact.models import Criterion, Dimension

from .charter_forms import CriterionForm, DimensionForm


def charter_url(anchor: str = "") -> str:
    url = reverse("impact-dashboard:charter")
    return f"{url}#{anchor}" if anchor else url


class CharterView(StaffRequiredMixin, generic.ListView):
    """The dimensions with their criteria and how many claims each criterion has."""

    template_name = "impact/dashboard/charter/charter.html"
    context_object_name = "dimensions"

    def get_queryset(self) -> QuerySet:
        criteria = (
            Criterion.objects.annotate(num_claims=Count("claims"))
            .select_related("dimension")
            .order_by("position", "pk")
        )
        return Dimension.objects.prefetch_related(Prefetch("criteria", queryset=criteria))


class DimensionFormMixin(StaffRequiredMixin, ModelFormMixin, ProcessFormView):
    """What the create and the update view share (their common bases, as in Django)."""

    model = Dimension
    form_class = DimensionForm
    template_name: str | None = "impact/dashboard/charter/dimension_form.html"
    object: Dimension | None  # set when form_valid() saves the form
    context_object_name = "dimension"

    def form_valid(self, form: DimensionForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("The dimension “%(name)s” has been saved.") % {"name": form.instance.name},
        )
        return response

    def get_success_url(self) -> str:
        return charter_url(f"dimension-{self.object.pk}" if self.object else "")


class DimensionCreateView(DimensionFormMixin, generic.CreateView):
    pass


class DimensionUpdateView(DimensionFormMixin, generic.UpdateView):
    pass


class CriterionFormMixin(StaffRequiredMixin, ModelFormMixin, ProcessFormView):
    """What the create and the update view share (their common bases, as in Django)."""

    model = Criterion
    form_class = CriterionForm
    template_name: str | None = "impact/dashboard/charter/criterion_form.html"
    object: Criterion | None  # set when form_valid() saves the form
    context_object_name = "criterion"

    def form_valid(self, form: CriterionForm) -> HttpResponse:
        response = super().form_valid(form)
        messages.success(
            self.request,
            _("The criterion “%(name)s” has been saved.") % {"name": form.instance.name},
        )
        return response

    def get_success_url(self) -> str:
        return charter_url(f"criterion-{self.object.pk}" if self.object else "")


class CriterionCreateView(CriterionFormMixin, generic.CreateView):
    def get_initial(self) -> dict:
        """`?dimension=<pk>` (the "add a criterion" link of a dimension) preselects it."""
        initial = super().get_initial()
        dimension = self.request.GET.get("dimension", "")
        if dimension.isdigit():
            initial["dimension"] = int(dimension)
        return initial


class CriterionUpdateView(CriterionFormMixin, generic.UpdateView):
    object: Criterion  # an update view loads it before anything else

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(num_claims=self.object.claims.count(), **kwargs)


class CriterionDeleteView(StaffRequiredMixin, generic.DeleteView):
    """Delete a criterion without claims; one with claims must be deactivated instead."""

    model = Criterion
    template_name = "impact/dashboard/charter/criterion_confirm_delete.html"
    context_object_name = "criterion"

    def get_context_data(self, **kwargs) -> dict:
        return super().get_context_data(num_claims=self.object.claims.count(), **kwargs)

    def form_valid(self, form) -> HttpResponse:
        criterion = self.object
        try:
            if criterion.claims.exists():
                raise ProtectedError("The criterion has claims.", set())
            criterion.delete()
        except ProtectedError:
            messages.error(self.request, self.refusal_message(criterion))
            return HttpResponseRedirect(
                reverse("impact-dashboard:criterion-update", kwargs={"pk": criterion.pk})
            )
        messages.success(
            self.request,
            _("The criterion “%(name)s” has been deleted.") % {"name": criterion.name},
        )
        return HttpResponseRedirect(charter_url())

    @staticmethod
    def refusal_message(criterion: Criterion) -> str:
        return _(
            "The criterion “%(name)s” cannot be deleted: producers have made claims on it. "
            "Untick “active” to retire it instead; its claims are kept."
        ) % {"name": criterion.name}
