"""Data rights pages: the member's own (in their account) and staff's, in the dashboard,
to act on a member's request. Every change is a POST with its CSRF token."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth import get_user_model, logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from community.responses import show_refusal
from shop.access import StaffRequiredMixin

from . import selectors, services
from .forms import EraseOwnAccountForm, MemberSearchForm, StaffEraseForm, StaffRequestForm

if TYPE_CHECKING:
    from community.models import User


def _member(request: HttpRequest) -> User:
    # Behind LoginRequiredMixin or StaffRequiredMixin: a signed-in member.
    return cast("User", request.user)


def _download(export: services.DataExport) -> FileResponse:
    return FileResponse(
        export.file, as_attachment=True, filename=export.filename, content_type="application/zip"
    )


# --- the member's own ------------------------------------------------------------------


class PrivacyView(LoginRequiredMixin, generic.TemplateView):
    template_name = "community/privacy/index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            page_title=_("My personal data"),
            active_tab="privacy",
            kinds=selectors.KINDS,
            **kwargs,
        )


class ExportView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponseBase:
        member = _member(request)
        return _download(services.member_data_export(member=member, actor=member))


class EraseView(LoginRequiredMixin, generic.View):
    template_name = "community/privacy/erase.html"

    def render_page(self, request: HttpRequest, form: EraseOwnAccountForm) -> HttpResponse:
        context = {
            "form": form,
            "blockers": selectors.erasure_blockers(_member(request)),
            "page_title": _("Erase my account"),
            "active_tab": "privacy",
        }
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, EraseOwnAccountForm(member=_member(request)))

    def post(self, request: HttpRequest) -> HttpResponse:
        member = _member(request)
        form = EraseOwnAccountForm(request.POST, member=member)
        if not form.is_valid():
            return self.render_page(request, form)
        try:
            services.member_erase(member=member, actor=member)
        except ValidationError as error:
            show_refusal(request, error)
            return redirect("privacy:erase")
        logout(request)
        messages.success(
            request, _("Your account has been erased. Thank you for having been with us.")
        )
        return redirect("/")


# --- staff, on a member's request ------------------------------------------------------


class StaffIndexView(StaffRequiredMixin, generic.TemplateView):
    template_name = "community/privacy/dashboard_index.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        form = MemberSearchForm(self.request.GET or None)
        query = form.cleaned_data["q"] if form.is_valid() else ""
        log = Paginator(selectors.privacy_log(), 50).get_page(self.request.GET.get("page"))
        return super().get_context_data(
            form=form,
            query=query,
            members=selectors.members_matching(query),
            log=log,
            **kwargs,
        )


def _staff_member_page(
    request: HttpRequest,
    member: Any,
    *,
    export_form: StaffRequestForm | None = None,
    erase_form: StaffEraseForm | None = None,
) -> HttpResponse:
    data = selectors.member_data(member)
    context = {
        "member": member,
        "counts": [(kind, len(data[kind.name])) for kind in selectors.KINDS],
        "blockers": [] if member.is_erased else selectors.erasure_blockers(member),
        "export_form": export_form or StaffRequestForm(prefix="export"),
        "erase_form": erase_form or StaffEraseForm(prefix="erase", member=member),
        "log": selectors.privacy_log(member=member),
    }
    return render(request, "community/privacy/dashboard_member.html", context)


class StaffMemberView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return _staff_member_page(request, get_object_or_404(get_user_model(), pk=pk))


class StaffExportView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        member = get_object_or_404(get_user_model(), pk=pk)
        form = StaffRequestForm(request.POST, prefix="export")
        if not form.is_valid():
            return _staff_member_page(request, member, export_form=form)
        export = services.member_data_export(
            member=member,
            actor=_member(request),
            reason=form.cleaned_data["reason"],
        )
        return _download(export)


class StaffEraseView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        member = get_object_or_404(get_user_model(), pk=pk)
        form = StaffEraseForm(request.POST, prefix="erase", member=member)
        if not form.is_valid():
            return _staff_member_page(request, member, erase_form=form)
        try:
            services.member_erase(
                member=member,
                actor=_member(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("The member's account has been erased."))
        return redirect("privacy-dashboard:member", pk=member.pk)
