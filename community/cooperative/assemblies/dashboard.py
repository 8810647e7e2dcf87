"""Staff screens of the general assemblies, in the Oscar dashboard under
/boutique/dashboard/cooperative/assemblees/: the list, convening (a draft), its
resolutions and documents, publishing, and the live results. Staff only (403)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin
from shop.impact.evidence import evidence_download

from . import results, services
from .forms import AssemblyForm, DocumentForm, ResolutionForm
from .models import Assembly, Resolution


def _messages_of(error: ValidationError | PermissionDenied) -> list[str]:
    return list(error.messages) if isinstance(error, ValidationError) else [str(error)]


def _show_errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    for message in _messages_of(error):
        messages.error(request, message)


class AssembliesView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        page = Paginator(Assembly.objects.all(), 20).get_page(request.GET.get("page"))
        return TemplateResponse(
            request, "cooperative/dashboard/assemblies/list.html", {"page_obj": page}
        )


class ConveneView(StaffRequiredMixin, generic.View):
    """A new assembly (a draft), or a draft's title, dates and agenda changed."""

    template_name = "cooperative/dashboard/assemblies/form.html"

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self.render(AssemblyForm(instance=self.load(pk)), pk)

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        assembly = self.load(pk)
        form = AssemblyForm(request.POST, instance=assembly)
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in AssemblyForm.Meta.fields}
            try:
                if assembly is None:
                    assembly = services.assembly_convene(by=request.user, **values)
                else:
                    assembly = services.assembly_update(
                        assembly=assembly, by=request.user, **values
                    )
            except (ValidationError, PermissionDenied) as error:
                for message in _messages_of(error):
                    form.add_error(None, message)
            else:
                messages.success(request, _("The assembly is saved (draft)."))
                return redirect("cooperative-dashboard:assembly", pk=assembly.pk)
        return self.render(form, pk, status=400)

    def load(self, pk: int | None) -> Assembly | None:
        return get_object_or_404(Assembly, pk=pk) if pk else None

    def render(self, form: AssemblyForm, pk: int | None, status: int = 200) -> HttpResponse:
        return TemplateResponse(
            self.request, self.template_name, {"form": form, "pk": pk}, status=status
        )


class AssemblyView(StaffRequiredMixin, generic.View):
    """A draft to complete and publish; once published, its live results."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = get_object_or_404(Assembly, pk=pk)
        return self.render(assembly)

    def render(self, assembly: Assembly, status: int = 200, **forms: Any) -> HttpResponse:
        context = {
            "assembly": assembly,
            "resolutions": assembly.resolutions.all(),
            "documents": assembly.documents.all(),
            "resolution_form": forms.get("resolution_form") or ResolutionForm(),
            "document_form": forms.get("document_form") or DocumentForm(),
            "results": results.assembly_results(assembly) if assembly.published_at else None,
        }
        return TemplateResponse(
            self.request, "cooperative/dashboard/assemblies/detail.html", context, status=status
        )


class ResolutionAddView(AssemblyView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = get_object_or_404(Assembly, pk=pk)
        form = ResolutionForm(request.POST)
        if form.is_valid():
            try:
                services.resolution_add(assembly=assembly, by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("The resolution is added."))
            return redirect("cooperative-dashboard:assembly", pk=assembly.pk)
        return self.render(assembly, status=400, resolution_form=form)


class ResolutionRemoveView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, resolution_pk: int) -> HttpResponse:
        resolution = get_object_or_404(Resolution, pk=resolution_pk, assembly_id=pk)
        try:
            services.resolution_remove(resolution=resolution, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The resolution is removed."))
        return redirect("cooperative-dashboard:assembly", pk=pk)


class DocumentAddView(AssemblyView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = get_object_or_404(Assembly, pk=pk)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                services.document_add(assembly=assembly, by=request.user, **form.cleaned_data)
            except ValidationError as error:
                for message in error.messages:
                    form.add_error("file", message)
            else:
                messages.success(request, _("The document is added."))
                return redirect("cooperative-dashboard:assembly", pk=assembly.pk)
        return self.render(assembly, status=400, document_form=form)


class DocumentView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest, pk: int, document_pk: int) -> FileResponse:
        assembly = get_object_or_404(Assembly, pk=pk)
        return evidence_download(get_object_or_404(assembly.documents, pk=document_pk).file)


class PublishView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = get_object_or_404(Assembly, pk=pk)
        try:
            services.assembly_publish(assembly=assembly, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The assembly is published: members are told by e-mail."))
        return redirect("cooperative-dashboard:assembly", pk=assembly.pk)
