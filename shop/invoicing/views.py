"""Invoice pages: a member's (or staff's) PDF download, the producer's monthly statement
and sales journal, staff's list of invoices and journal. Views read through selectors."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin
from shop.producer_orders.views import ProducerMixin, producer_slug

from . import csv_export, selectors
from .forms import InvoiceFilterForm, MonthForm
from .pdf import invoice_pdf, statement_pdf

BAD_REQUEST = 400


class InvoicePdfView(LoginRequiredMixin, generic.View):
    """The invoice as PDF: for the order's member or staff; anyone else gets 404."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        invoice = get_object_or_404(selectors.invoices_for_user(request.user), pk=pk)
        response = HttpResponse(invoice_pdf(invoice), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="facture-{invoice.number}.pdf"'
        return response


class MonthMixin:
    """A `month` from the query string, this month when absent; `month_form` errors → 400."""

    request: HttpRequest

    @cached_property
    def month_form(self) -> MonthForm:
        data = self.request.GET if "month" in self.request.GET else None
        return MonthForm(data, initial={"month": timezone.localdate().strftime("%Y-%m")})

    @property
    def month(self):
        if self.month_form.is_bound and self.month_form.is_valid():
            return self.month_form.cleaned_data["month"]
        return timezone.localdate().replace(day=1)


class ProducerStatementView(MonthMixin, ProducerMixin, generic.TemplateView):
    """What the cooperative owes the producer for a month: a printable page."""

    template_name = "invoicing/dashboard/statement.html"

    def get(self, request, *args, **kwargs):
        status = BAD_REQUEST if self.month_form.is_bound and not self.month_form.is_valid() else 200
        context = self.get_context_data(
            form=self.month_form,
            statement=selectors.producer_statement(self.producer, month=self.month),
        )
        return self.render_to_response(context, status=status)


class ProducerStatementPdfView(MonthMixin, ProducerMixin, generic.View):
    """The month's statement as PDF."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        if self.month_form.is_bound and not self.month_form.is_valid():
            errors = self.month_form.errors.as_text()
            return HttpResponse(errors, status=BAD_REQUEST, content_type="text/plain")
        statement = selectors.producer_statement(self.producer, month=self.month)
        response = HttpResponse(statement_pdf(statement), content_type="application/pdf")
        filename = f"releve-{producer_slug(self.producer)}-{self.month:%Y-%m}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


class ProducerJournalCsvView(MonthMixin, ProducerMixin, generic.View):
    """The producer's sales journal of a month (its lines only) as CSV."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        if not self.month_form.is_valid():
            errors = self.month_form.errors.as_text() or _("Choose a month.")
            return HttpResponse(errors, status=BAD_REQUEST, content_type="text/plain")
        rows = selectors.sales_journal(month=self.month, producer=self.producer)
        filename = f"journal-ventes-{producer_slug(self.producer)}-{self.month:%Y-%m}.csv"
        return csv_export.csv_response(filename, csv_export.journal_rows(rows))


class StaffInvoiceListView(StaffRequiredMixin, generic.ListView):
    """Every invoice, filtered by issuer and month, with the state of each series."""

    template_name = "invoicing/dashboard/invoice_list.html"
    context_object_name = "invoices"
    paginate_by = settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE

    @cached_property
    def form(self) -> InvoiceFilterForm:
        return InvoiceFilterForm(self.request.GET or None)

    def get_queryset(self):
        if self.form.is_valid():
            data = self.form.cleaned_data
            return selectors.invoice_list(issuer=data["issuer"], month=data["month"])
        return selectors.invoice_list()

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            form=self.form, sequences=selectors.sequence_statuses(), **kwargs
        )

    def render_to_response(self, context, **kwargs):
        if self.form.is_bound and not self.form.is_valid():
            kwargs.setdefault("status", BAD_REQUEST)
        return super().render_to_response(context, **kwargs)


class StaffJournalCsvView(StaffRequiredMixin, generic.View):
    """The sales journal of a month (optionally one issuer) as CSV."""

    def get(self, request, *args, **kwargs) -> HttpResponse:
        form = InvoiceFilterForm(request.GET)
        if not form.is_valid() or form.cleaned_data["month"] is None:
            errors = form.errors.as_text() or _("Choose a month.")
            return HttpResponse(errors, status=BAD_REQUEST, content_type="text/plain")
        month, issuer = form.cleaned_data["month"], form.cleaned_data["issuer"]
        rows = selectors.sales_journal(month=month, issuer=issuer)
        filename = f"journal-ventes-{issuer or 'tous'}-{month:%Y-%m}.csv"
        return csv_export.csv_response(filename, csv_export.journal_rows(rows))
