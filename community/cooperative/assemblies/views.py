"""Members' pages of the general assemblies under /cooperative/assemblees/: the list,
an assembly (agenda, documents, resolutions, the vote, proxies), its documents and its
results once the vote is closed. Behind gates.ASSEMBLIES (members only by default)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views import View

from shop import gates
from shop.impact.evidence import evidence_download

from .. import selectors as cooperative_selectors
from . import results, selectors, services
from .forms import BallotForm, ProxyForm
from .models import Assembly, Proxy


def _messages_of(error: ValidationError | PermissionDenied) -> list[str]:
    return list(error.messages) if isinstance(error, ValidationError) else [str(error)]


def refused(request: HttpRequest, reason: str, status: int = 403) -> HttpResponse:
    """A refusal page saying why (the gate's message or the vote's state)."""
    return TemplateResponse(
        request, "cooperative/assemblies/refused.html", {"reason": reason}, status=status
    )


class GatedView(LoginRequiredMixin, View):
    """Signed in, and let through gates.ASSEMBLIES (403 with its reason otherwise)."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.user.is_authenticated:
            reason = gates.refusal(gates.ASSEMBLIES, request.user)
            if reason:
                return refused(request, reason)
        return super().dispatch(request, *args, **kwargs)

    def load(self, pk: int) -> Assembly:
        return get_object_or_404(selectors.published_assemblies(), pk=pk)


class AssemblyListView(GatedView):
    def get(self, request: HttpRequest) -> HttpResponse:
        phases = selectors.assemblies_by_phase()
        past = Paginator(phases["past"], 10).get_page(request.GET.get("page"))
        return TemplateResponse(
            request,
            "cooperative/assemblies/list.html",
            {"open": phases["open"], "upcoming": phases["upcoming"], "past": past},
        )


class AssemblyView(GatedView):
    """The assembly's page; its forms post to the views below, which come back here."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render(self.load(pk))

    def render(
        self,
        assembly: Assembly,
        *,
        forms: dict[str, Any] | None = None,
        errors: list[str] | None = None,
        status: int = 200,
    ) -> HttpResponse:
        resolutions = list(assembly.resolutions.all())
        standing = selectors.standing(assembly, self.request.user)
        forms = forms or {}
        proxy_forms = [
            (
                proxy,
                forms.get(f"proxy{proxy.pk}")
                or BallotForm(resolutions=resolutions, prefix=f"p{proxy.pk}"),
                standing.voted_for[proxy.pk],
            )
            for proxy in standing.proxies_held
        ]
        context = {
            "assembly": assembly,
            "phase": assembly.current_phase,
            "resolutions": resolutions,
            "documents": assembly.documents.all(),
            "standing": standing,
            "ballot_form": forms.get("self") or BallotForm(resolutions=resolutions),
            "proxy_ballot_forms": proxy_forms,
            "proxy_form": forms.get("proxy") or ProxyForm(),
            "max_proxies": selectors.max_proxies(),
            "errors": errors or [],
        }
        return TemplateResponse(
            self.request, "cooperative/assemblies/detail.html", context, status=status
        )


class VoteView(AssemblyView):
    """POST: the member's own vote, or (`for` = a proxy's pk) the vote of a proxy giver."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = self.load(pk)
        resolutions = list(assembly.resolutions.all())
        proxy = None
        raw = request.POST.get("proxy", "")
        if raw:
            proxy = get_object_or_404(Proxy, pk=int(raw) if raw.isdigit() else 0, assembly=assembly)
        key = f"proxy{proxy.pk}" if proxy else "self"
        form = BallotForm(
            request.POST, resolutions=resolutions, prefix=f"p{proxy.pk}" if proxy else ""
        )
        if not form.is_valid():
            return self.render(assembly, forms={key: form}, status=400)
        try:
            services.ballot_cast(
                assembly=assembly,
                by=request.user,
                choices=form.choices(),
                on_behalf_of=proxy.giver if proxy else None,
            )
        except (ValidationError, PermissionDenied) as error:
            status = 403 if isinstance(error, PermissionDenied) else 400
            return self.render(
                assembly, forms={key: form}, errors=_messages_of(error), status=status
            )
        if proxy:
            messages.success(
                request,
                _("The vote of member n° %(number)s is cast.") % {"number": proxy.giver.number},
            )
        else:
            messages.success(request, _("Your vote is cast. It cannot be changed."))
        return redirect("cooperative:assembly", pk=assembly.pk)


class ProxyGiveView(AssemblyView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = self.load(pk)
        form = ProxyForm(request.POST)
        if form.is_valid():
            try:
                proxy = services.proxy_give(
                    assembly=assembly,
                    by=request.user,
                    holder_number=form.cleaned_data["holder_number"],
                )
            except (ValidationError, PermissionDenied) as error:
                status = 403 if isinstance(error, PermissionDenied) else 400
                return self.render(
                    assembly, forms={"proxy": form}, errors=_messages_of(error), status=status
                )
            messages.success(
                request,
                _("Member n° %(number)s will vote for you.") % {"number": proxy.holder.number},
            )
            return redirect("cooperative:assembly", pk=assembly.pk)
        return self.render(assembly, forms={"proxy": form}, status=400)


class ProxyRevokeView(GatedView):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, proxy_pk: int) -> HttpResponse:
        assembly = self.load(pk)
        proxy = get_object_or_404(Proxy, pk=proxy_pk, assembly=assembly)
        try:
            services.proxy_revoke(proxy=proxy, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in _messages_of(error):
                messages.error(request, message)
        else:
            messages.success(request, _("The proxy is revoked."))
        return redirect("cooperative:assembly", pk=assembly.pk)


class DocumentView(GatedView):
    """A document, as a download (never rendered inline), to members and staff."""

    def get(self, request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
        # Members only, even when staff open the assemblies' pages to all.
        if not (request.user.is_staff or cooperative_selectors.is_member(request.user)):
            return refused(request, _("The assembly's documents are for members only."))
        assembly = self.load(pk)
        document = get_object_or_404(assembly.documents, pk=document_pk)
        return evidence_download(document.file)


class ResultsView(GatedView):
    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        assembly = self.load(pk)
        if assembly.current_phase != Assembly.Phase.PAST:
            return refused(request, _("The results are published when the vote closes."))
        return TemplateResponse(
            request,
            "cooperative/assemblies/results.html",
            {"assembly": assembly, "results": results.assembly_results(assembly)},
        )
