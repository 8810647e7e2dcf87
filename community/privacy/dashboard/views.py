"""Staff pages of members' data rights, in the Oscar dashboard: find a member, export
their data or erase their account on their request (the request is logged with it), and
read the log. Staff only: others get 403, anonymous visitors sign in."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views import generic

from community.responses import show_refusal
from shop.access import StaffRequiredMixin

from .. import inventory, selectors, services
from ..forms import MemberSearchForm, StaffEraseForm, StaffRequestForm
from ..views import download, signed_in_member


class StaffIndexView(StaffRequiredMixin, generic.TemplateView):
    template_name = "community/privacy/dashboard/index.html"

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
    data = inventory.member_data(member)
    context = {
        "member": member,
        "counts": [(kind, len(data[kind.name])) for kind in inventory.KINDS],
        "blockers": [] if member.is_erased else selectors.erasure_blockers(member),
        "export_form": export_form or StaffRequestForm(prefix="export"),
        "erase_form": erase_form or StaffEraseForm(prefix="erase", member=member),
        "log": selectors.privacy_log(member=member),
    }
    return render(request, "community/privacy/dashboard/member.html", context)


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
            actor=signed_in_member(request),
            reason=form.cleaned_data["reason"],
        )
        return download(export)


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
                actor=signed_in_member(request),
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("The member's account has been erased."))
        return redirect("privacy-dashboard:member", pk=member.pk)
