"""The needs board: list and post needs, support them, offer a product, close them."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from oscar.core.loading import get_model

from community.guarantee.selectors import can_facilitate
from community.responses import show_refusal
from shop.ratelimit import rate_limit_hit

from . import services
from .forms import NeedForm, NeedOfferForm
from .models import Need, NeedOffer
from .selectors import needs_board

Partner = get_model("partner", "Partner")


class NeedListView(TemplateView):
    template_name = "community/guarantee/needs.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("statut", "")
        board = needs_board().order_by("-support_count", "-created_at")
        if status in Need.Status.values:
            board = board.filter(status=status)
        else:
            board = board.filter(status__in=[Need.Status.OPEN, Need.Status.ANSWERED])
        context.update(
            needs=board[:100], form=form or NeedForm(), statuses=Need.Status.choices, status=status
        )
        return context

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        rate_limit_hit(action="need", request=request)
        form = NeedForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            need = services.need_create(author=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
            return redirect("community:needs")
        messages.success(request, _("Your need is posted."))
        return redirect("community:need-detail", pk=need.pk)


class NeedDetailView(DetailView):
    template_name = "community/guarantee/need_detail.html"
    context_object_name = "need"

    def get_queryset(self):
        return needs_board().prefetch_related(
            Prefetch(
                "offers",
                queryset=NeedOffer.objects.select_related("producer", "product"),
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user, need = self.request.user, self.object
        producers = (
            list(Partner.objects.filter(users=user, charter_status="membre"))
            if user.is_authenticated
            else []
        )
        context.update(
            supported=user.is_authenticated and need.supports.filter(user=user).exists(),
            offer_forms=[(p, NeedOfferForm(producer=p)) for p in producers]
            if need.status in (Need.Status.OPEN, Need.Status.ANSWERED)
            else [],
            can_manage=user.is_authenticated
            and (need.author_id == user.pk or can_facilitate(user)),
        )
        return context


class NeedActionView(LoginRequiredMixin, View):
    """Support, offer, fulfil or close a need (one POST endpoint per action)."""

    action = ""

    def post(self, request, pk):
        need = get_object_or_404(Need, pk=pk)
        try:
            if self.action == "support":
                rate_limit_hit(action="need_support", request=request)
                services.need_support(need=need, user=request.user)
                messages.success(request, _("You support this need."))
            elif self.action == "offer":
                producer = get_object_or_404(
                    Partner, pk=request.POST.get("producer"), users=request.user
                )
                form = NeedOfferForm(request.POST, producer=producer)
                if not form.is_valid():
                    raise ValidationError(_("Choose one of your products."))
                services.need_offer(
                    need=need, producer=producer, user=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your offer is published."))
            elif self.action == "fulfil":
                services.need_fulfil(need=need, user=request.user)
            elif self.action == "close":
                services.need_close(need=need, user=request.user)
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
        return redirect("community:need-detail", pk=need.pk)
