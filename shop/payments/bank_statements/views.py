"""Staff pages: import a statement, see what it matched, resolve the lines left over."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin

from . import registry, selectors, services
from .forms import LineResolveForm, StatementUploadForm
from .models import StatementImport, StatementLine
from .parsing import StatementInvalid


class StatementsView(StaffRequiredMixin, generic.View):
    template_name = "bank_statements/dashboard/statements.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(StatementUploadForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StatementUploadForm(request.POST, request.FILES)
        if not form.is_valid():
            return self.render(form, status=400)
        upload = form.cleaned_data["statement"]
        try:
            record = services.statement_import(
                content=upload.read(), file_name=upload.name, by=request.user
            )
        except StatementInvalid as invalid:
            return self.render(form, errors=invalid.errors, status=400)
        messages.success(
            request,
            _(
                "%(new)s new lines imported (%(matched)s matched), %(known)s already imported "
                "before."
            )
            % {
                "new": record.lines_new,
                "matched": record.lines_matched,
                "known": record.lines_known,
            },
        )
        return redirect("bank-statements:import", pk=record.pk)

    def render(
        self, form: StatementUploadForm, *, errors: list[str] | None = None, status: int = 200
    ) -> HttpResponse:
        lines = list(selectors.lines_to_match())
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "errors": errors or [],
                "lines": [(line, LineResolveForm(prefix=f"line-{line.pk}")) for line in lines],
                "imports": selectors.recent_imports(),
                "matchers": registry.matchers(),
            },
            status=status,
        )


class ImportDetailView(StaffRequiredMixin, generic.TemplateView):
    template_name = "bank_statements/dashboard/import_detail.html"

    def get_context_data(self, **kwargs) -> dict:
        statement = get_object_or_404(StatementImport, pk=self.kwargs["pk"])
        return super().get_context_data(
            statement=statement, lines=selectors.lines_of(statement), **kwargs
        )


class LineResolveView(StaffRequiredMixin, generic.View):
    """POST: match an unmatched line to a reference, or set it aside with a reason."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        line = get_object_or_404(StatementLine, pk=pk)
        form = LineResolveForm(request.POST, prefix=f"line-{line.pk}")
        back = reverse("bank-statements:index") + f"#line-{line.pk}"
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect(back)
        data = form.cleaned_data
        try:
            if data["action"] == "match":
                services.line_match(
                    line=line, reference=data["reference"], by=request.user, note=data["note"]
                )
                messages.success(request, _("The line is matched."))
            else:
                services.line_set_aside(line=line, by=request.user, note=data["note"])
                messages.success(request, _("The line is set aside."))
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        return redirect(back)
