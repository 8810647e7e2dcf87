"""Pages of the participatory guarantee: claim opinions, colleges, the facilitator's
queue, and producer applications. Views stay thin: they parse a form, call a service,
and show its refusal as a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from community.responses import redirect_back, show_refusal
from shop.impact.evidence import evidence_download
from shop.impact.models import Claim
from shop.ratelimit import rate_limit_hit

from . import selectors, services
from .forms import (
    ApplicationDecisionForm,
    ApplicationForm,
    ApplicationOpinionForm,
    ClaimOpinionForm,
    CollegeJoinForm,
    DisputeCloseForm,
)
from .models import Application, ClaimOpinion, College, CollegeMembership, Dispute


class FacilitatorRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = selectors.FACILITATE_PERMISSION


# Claims -------------------------------------------------------------------------------


class ClaimDetailView(DetailView):
    """A claim with its opinions, the quorum, open disputes, and the opinion form."""

    template_name = "community/guarantee/claim_detail.html"
    context_object_name = "claim"

    def get_queryset(self):
        return Claim.objects.select_related("criterion", "producer", "product")

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        claim, user = self.object, self.request.user
        memberships = selectors.confirmed_memberships(user)
        can_vote = selectors.can_give_opinion(claim=claim, member=user)
        context.update(
            opinions=selectors.claim_opinions(claim),
            quorum=selectors.quorum_status(claim),
            disputes=claim.disputes.select_related("opened_by", "decided_by"),
            can_vote=can_vote,
            is_own_producer=user.is_authenticated
            and claim.producer.users.filter(pk=user.pk).exists(),
            has_college=bool(memberships),
            form=form
            or (ClaimOpinionForm(colleges=[m.college for m in memberships]) if can_vote else None),
            can_facilitate=selectors.can_facilitate(user),
            close_form=DisputeCloseForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        rate_limit_hit(action="claim_opinion", request=request)
        memberships = selectors.confirmed_memberships(request.user)
        form = ClaimOpinionForm(
            request.POST, request.FILES, colleges=[m.college for m in memberships]
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            services.claim_opinion_record(
                claim=self.object,
                member=request.user,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data["comment"],
                college=form.cleaned_data.get("college"),
                evidence=form.cleaned_data.get("evidence"),
                visit_report=form.cleaned_data["visit_report"],
            )
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
        else:
            messages.success(request, _("Thank you: your opinion is recorded."))
        return redirect("community:claim-detail", pk=self.object.pk)


def opinion_evidence(request: HttpRequest, pk: int) -> FileResponse:
    """An opinion's evidence file, always as a download (shop/impact/evidence.py)."""
    opinion = get_object_or_404(ClaimOpinion.objects.exclude(evidence=""), pk=pk)
    return evidence_download(opinion.evidence)


class DisputeCloseView(FacilitatorRequiredMixin, View):
    def post(self, request, pk):
        dispute = get_object_or_404(Dispute, pk=pk)
        form = DisputeCloseForm(request.POST)
        if form.is_valid():
            try:
                services.dispute_close(
                    dispute=dispute, facilitator=request.user, **form.cleaned_data
                )
            except (PermissionDenied, ValidationError) as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("The dispute is closed and its decision published."))
        else:
            messages.error(request, _("Choose an outcome and write the decision."))
        return redirect_back(request, reverse("community:facilitator-queue"))


# Colleges -----------------------------------------------------------------------------


class CollegeListView(TemplateView):
    template_name = "community/guarantee/colleges.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        mine = (
            {m.college_id: m for m in CollegeMembership.objects.filter(user=user)}
            if user.is_authenticated
            else {}
        )
        college_list = list(College.objects.all())
        for college in college_list:
            college.my_membership = mine.get(college.pk)
            college.member_count = college.memberships.filter(
                status=CollegeMembership.Status.CONFIRMED
            ).count()
        context.update(colleges=college_list, form=CollegeJoinForm())
        return context

    def post(self, request):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        form = CollegeJoinForm(request.POST)
        if form.is_valid():
            try:
                services.college_membership_request(user=request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as error:
                show_refusal(request, error)
            else:
                messages.success(request, _("Your request is sent: a facilitator will confirm it."))
        return redirect("community:colleges")


class CollegeMembershipDecideView(FacilitatorRequiredMixin, View):
    def post(self, request, pk):
        membership = get_object_or_404(CollegeMembership, pk=pk)
        try:
            if request.POST.get("action") == "decline":
                services.college_membership_decline(membership=membership, facilitator=request.user)
            else:
                services.college_membership_confirm(membership=membership, facilitator=request.user)
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
        return redirect("community:facilitator-queue")


class FacilitatorQueueView(FacilitatorRequiredMixin, TemplateView):
    template_name = "community/guarantee/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            disputes=selectors.open_disputes(),
            college_requests=selectors.pending_college_requests(),
            applications=selectors.pending_applications(),
            close_form=DisputeCloseForm(),
        )
        return context


# Applications -------------------------------------------------------------------------


class ApplicationCreateView(LoginRequiredMixin, TemplateView):
    template_name = "community/guarantee/application_form.html"

    def get_producer(self):
        candidates = selectors.candidate_producers(self.request.user)
        wanted = self.request.GET.get("producteur") or self.request.POST.get("producteur")
        if wanted:
            return get_object_or_404(candidates, pk=wanted)
        return candidates.first()

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        producer = self.get_producer()
        if producer is not None and form is None:
            form = ApplicationForm(criteria=selectors.missing_inclusion_criteria(producer))
        context.update(
            producer=producer,
            form=form,
            candidates=selectors.candidate_producers(self.request.user),
            applications=Application.objects.filter(producer=producer) if producer else [],
        )
        return context

    def post(self, request):
        rate_limit_hit(action="producer_application", request=request)
        producer = self.get_producer()
        if producer is None:
            raise PermissionDenied(_("You manage no candidate producer."))
        form = ApplicationForm(
            request.POST, criteria=selectors.missing_inclusion_criteria(producer)
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            application = services.application_submit(
                producer=producer,
                user=request.user,
                presentation=form.cleaned_data["presentation"],
                claims=form.claims_for(producer),
            )
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(request, _("Your application is submitted. We sent you an e-mail."))
        return redirect("community:application-detail", pk=application.pk)


class ApplicationDetailView(LoginRequiredMixin, DetailView):
    """The application, its claims and opinions; reviewers and the facilitator act here."""

    template_name = "community/guarantee/application_detail.html"
    context_object_name = "application"

    def get_queryset(self):
        return Application.objects.select_related("producer", "decided_by")

    def get_object(self, queryset=None):
        application = super().get_object(queryset)
        user = self.request.user
        if not (
            selectors.confirmed_memberships(user)
            or selectors.can_facilitate(user)
            or application.producer.users.filter(pk=user.pk).exists()
        ):
            raise PermissionDenied
        return application

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        application, user = self.object, self.request.user
        own = application.producer.users.filter(pk=user.pk).exists()
        reviewed = application.opinions.filter(member=user).exists()
        context.update(
            claims=application.producer.claims.filter(product__isnull=True).select_related(
                "criterion"
            ),
            opinions=application.opinions.select_related("member", "college"),
            opinion_form=ApplicationOpinionForm()
            if application.is_pending
            and not own
            and not reviewed
            and selectors.confirmed_memberships(user)
            else None,
            decision_form=ApplicationDecisionForm()
            if application.is_pending and selectors.can_facilitate(user)
            else None,
        )
        return context

    def post(self, request, pk):
        self.object = application = self.get_object()
        try:
            if request.POST.get("action") == "decide":
                form = ApplicationDecisionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a decision and give its reasons."))
                services.application_decide(
                    application=application, facilitator=request.user, **form.cleaned_data
                )
                messages.success(request, _("The decision is recorded; the candidate is told."))
            else:
                form = ApplicationOpinionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a recommendation and explain it."))
                services.application_opinion_record(
                    application=application, member=request.user, **form.cleaned_data
                )
                messages.success(request, _("Thank you: your opinion is recorded."))
        except (PermissionDenied, ValidationError) as error:
            show_refusal(request, error)
        return redirect("community:application-detail", pk=application.pk)
