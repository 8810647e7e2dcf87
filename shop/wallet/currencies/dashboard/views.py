"""Local currencies in the dashboard: staff manage currencies, desk credits, operator
transfers and settlements; a producer (or staff for them) sets the currencies it accepts
and sees what it received in each."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import AccessMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin
from shop.impact.dashboard.views import ProducerMixin
from shop.wallet.selectors import statement

from .. import exports, selectors, services, tasks
from ..models import LocalCurrency, OperatorTransfer, OperatorTransferStatus, ProducerAcceptance
from .forms import (
    AcceptanceForm,
    AssignForm,
    DeskCreditForm,
    LocalCurrencyForm,
    Partner,
    SettlementForm,
)

PER_PAGE = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE


def _page(request: HttpRequest, items: Any) -> Any:
    return Paginator(items, PER_PAGE).get_page(request.GET.get("page"))


def can_credit_at_desk(user: Any, *args: Any, **kwargs: Any) -> bool:
    """Staff, or a coordinator given `currencies.credit_at_desk` (also the dashboard
    navigation's access_fn)."""
    if not (user.is_authenticated and user.is_active):
        return False
    return user.is_staff or user.has_perm("currencies.credit_at_desk")


def _errors(error: ValidationError) -> str:
    return " ".join(error.messages)


class CurrencyListView(StaffRequiredMixin, generic.ListView):
    template_name = "currencies/dashboard/currency_list.html"
    context_object_name = "currencies"
    paginate_by = PER_PAGE

    def get_queryset(self) -> QuerySet:
        return LocalCurrency.objects.order_by("-active", "name")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            unmatched=selectors.unmatched_operator_transfers().count(), **kwargs
        )


CURRENCY_FORM = "currencies/dashboard/currency_form.html"


class CurrencyCreateView(StaffRequiredMixin, generic.CreateView):
    model = LocalCurrency
    form_class = LocalCurrencyForm
    template_name = CURRENCY_FORM
    success_url = reverse_lazy("currencies-dashboard:index")

    def form_valid(self, form: LocalCurrencyForm) -> HttpResponse:
        messages.success(self.request, _("The local currency has been saved."))
        return super().form_valid(form)


class CurrencyUpdateView(StaffRequiredMixin, generic.UpdateView):
    model = LocalCurrency
    form_class = LocalCurrencyForm
    template_name = CURRENCY_FORM
    success_url = reverse_lazy("currencies-dashboard:index")

    def form_valid(self, form: LocalCurrencyForm) -> HttpResponse:
        messages.success(self.request, _("The local currency has been saved."))
        return super().form_valid(form)


class CurrencyDeleteView(StaffRequiredMixin, generic.DeleteView):
    """Only a currency nobody ever used can be deleted; the others are made inactive."""

    model = LocalCurrency
    template_name = "currencies/dashboard/currency_delete.html"
    success_url = reverse_lazy("currencies-dashboard:index")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(used=selectors.currency_in_use(self.object), **kwargs)

    def form_valid(self, form: Any) -> HttpResponse:
        if selectors.currency_in_use(self.object):
            messages.error(
                self.request,
                _("This currency has been used: make it inactive instead of deleting it."),
            )
            return redirect("currencies-dashboard:currency-update", pk=self.object.pk)
        messages.success(self.request, _("The local currency has been deleted."))
        return super().form_valid(form)


class AcceptanceListView(StaffRequiredMixin, generic.ListView):
    """Every producer with the currencies it accepts; each links to its page."""

    template_name = "currencies/dashboard/acceptance_list.html"
    context_object_name = "producers"
    paginate_by = PER_PAGE

    def get_queryset(self) -> QuerySet:
        accepted = ProducerAcceptance.objects.filter(active=True).select_related("currency")
        return Partner.objects.order_by("name", "pk").prefetch_related(
            Prefetch("currency_acceptances", queryset=accepted, to_attr="accepted")
        )


class ProducerCurrenciesView(ProducerMixin, generic.TemplateView):
    """The producer's currencies tab: which it accepts, what it received in each per
    month, and the statement of one currency (?currency=CODE, paginated)."""

    template_name = "currencies/dashboard/producer_currencies.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        accepted = selectors.acceptances_of(self.producer).filter(active=True)
        form = kwargs.pop("form", None) or AcceptanceForm(
            initial={"currencies": [a.currency for a in accepted]}
        )
        accounts = list(selectors.producer_accounts(self.producer))
        shown = next(
            (a for a in accounts if a.currency == self.request.GET.get("currency")),
            accounts[0] if accounts else None,
        )
        return super().get_context_data(
            form=form,
            accounts=[(a, selectors.monthly_receipts(a)) for a in accounts],
            shown=shown,
            page_obj=_page(self.request, statement(shown)) if shown else None,
            **kwargs,
        )

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        form = AcceptanceForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        services.acceptance_set(
            partner=self.producer, currencies=form.cleaned_data["currencies"], by=request.user
        )
        messages.success(request, _("The currencies accepted have been saved."))
        return redirect("currencies-dashboard:producer", pk=self.producer.pk)


class DeskCreditView(AccessMixin, generic.FormView):
    """Staff, or a coordinator given the permission, record units exchanged at a desk."""

    template_name = "currencies/dashboard/desk_credit.html"
    form_class = DeskCreditForm

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if not can_credit_at_desk(request.user):
            return self.handle_no_permission()
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form: DeskCreditForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.currency_credit_at_desk(
                user=data["member"],
                currency=data["currency"].code,
                amount=data["amount"],
                by=self.request.user,
                place=data["place"],
                key=f"desk:{data['key']}",
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("%(amount)s %(symbol)s credited to %(member)s.")
            % {
                "amount": data["amount"],
                "symbol": data["currency"].symbol,
                "member": data["member"].email,
            },
        )
        return redirect("currencies-dashboard:desk")

    def form_invalid(self, form: DeskCreditForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OperatorTransfersView(StaffRequiredMixin, generic.TemplateView):
    template_name = "currencies/dashboard/operator_transfers.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        unmatched = list(selectors.unmatched_operator_transfers())
        return super().get_context_data(
            unmatched=[(record, AssignForm(prefix=f"t{record.pk}")) for record in unmatched],
            page_obj=_page(self.request, selectors.operator_transfers()),
            **kwargs,
        )


class OperatorPullView(StaffRequiredMixin, generic.View):
    """POST: fetch operators' transfers now rather than at the next quarter hour."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        transaction.on_commit(tasks.pull_operator_transfers.enqueue)
        messages.success(
            request, _("The operators' transfers are being fetched: reload this page shortly.")
        )
        return redirect("currencies-dashboard:operator-transfers")


class OperatorTransferAssignView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(OperatorTransfer, pk=pk, status=OperatorTransferStatus.UNMATCHED)
        form = AssignForm(request.POST, prefix=f"t{record.pk}")
        if not form.is_valid():
            for error in form.errors.get("member", []):
                messages.error(request, str(error))
            return redirect("currencies-dashboard:operator-transfers")
        try:
            services.operator_transfer_assign(
                record=record, user=form.cleaned_data["member"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, _errors(error))
        else:
            messages.success(request, _("The transfer has been credited to the member."))
        return redirect("currencies-dashboard:operator-transfers")


class OwedView(StaffRequiredMixin, generic.FormView):
    """What the cooperative owes each producer per currency, and its settlements."""

    template_name = "currencies/dashboard/owed.html"
    form_class = SettlementForm

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            rows=selectors.amounts_owed(),
            page_obj=_page(self.request, selectors.settlements()),
            **kwargs,
        )

    def form_valid(self, form: SettlementForm) -> HttpResponse:
        data = form.cleaned_data
        try:
            services.currency_settle(
                partner=data["partner"],
                currency=data["currency"].code,
                amount=data["amount"],
                by=self.request.user,
                note=data["note"],
                key=f"settle:{data['key']}",
            )
        except ValidationError as error:
            form.add_error(None, _errors(error))
            return self.form_invalid(form)
        messages.success(self.request, _("The settlement has been recorded."))
        return redirect("currencies-dashboard:owed")

    def form_invalid(self, form: SettlementForm) -> HttpResponse:
        return self.render_to_response(self.get_context_data(form=form), status=400)


class OwedCsvView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        response = HttpResponse(exports.owed_csv(), content_type="text/csv; charset=utf-8")
        stamp = timezone.localdate().isoformat()
        response["Content-Disposition"] = (
            f'attachment; filename="monnaies-locales-du-aux-producteurs-{stamp}.csv"'
        )
        return response
