"""The member's data rights pages, in their account: download their data, erase their
account. Every change is a POST with its CSRF token. Staff's pages are in dashboard/."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from community.responses import show_refusal

from . import inventory, selectors, services
from .forms import EraseOwnAccountForm

if TYPE_CHECKING:
    from community.models import User


def signed_in_member(request: HttpRequest) -> User:
    # Behind LoginRequiredMixin or StaffRequiredMixin: a signed-in member.
    return cast("User", request.user)


def download(export: services.DataExport) -> FileResponse:
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
            kinds=inventory.KINDS,
            **kwargs,
        )


class ExportView(LoginRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponseBase:
        member = signed_in_member(request)
        return download(services.member_data_export(member=member, actor=member))


class EraseView(LoginRequiredMixin, generic.View):
    template_name = "community/privacy/erase.html"

    def render_page(self, request: HttpRequest, form: EraseOwnAccountForm) -> HttpResponse:
        context = {
            "form": form,
            "blockers": selectors.erasure_blockers(signed_in_member(request)),
            "page_title": _("Erase my account"),
            "active_tab": "privacy",
        }
        return render(request, self.template_name, context)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render_page(request, EraseOwnAccountForm(member=signed_in_member(request)))

    def post(self, request: HttpRequest) -> HttpResponse:
        member = signed_in_member(request)
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
