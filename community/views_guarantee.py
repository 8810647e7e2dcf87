"""Pages of the participatory guarantee: claim opinions, colleges, the facilitator's
queue, the needs board, reviews, and producer applications. Views stay thin: they parse
a form, call a service, and show its refusal as a message."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import DetailView, TemplateView
from oscar.core.loading import get_model

from shop.impact.models import Claim

from . import admissions, colleges, feedback, needs, validation
from .forms_guarantee import (
    ApplicationDecisionForm,
    ApplicationForm,
    ApplicationOpinionForm,
    ClaimOpinionForm,
    CollegeJoinForm,
    DisputeCloseForm,
    FeedbackAnswerForm,
    FeedbackForm,
    NeedForm,
    NeedOfferForm,
)
from .models_guarantee import (
    Application,
    College,
    CollegeMembership,
    Dispute,
    Need,
    NeedOffer,
    ProducerFeedback,
    ProductFeedback,
)

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")


def _refusal(request, error: Exception) -> None:
    if isinstance(error, ValidationError):
        text = " ".join(error.messages)
    else:
        text = str(error) or _("You are not allowed to do that.")
    messages.error(request, text)


def _back(request, fallback: str) -> HttpResponseRedirect:
    target = request.POST.get("next") or request.META.get("HTTP_REFERER", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(target)
    return HttpResponseRedirect(fallback)


class FacilitatorRequiredMixin(LoginRequiredMixin, PermissionRequiredMixin):
    permission_required = colleges.FACILITATE_PERMISSION


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
        memberships = colleges.confirmed_memberships(user)
        can_vote = validation.can_give_opinion(claim=claim, member=user)
        context.update(
            opinions=validation.claim_opinions(claim),
            quorum=validation.quorum_status(claim),
            disputes=claim.disputes.select_related("opened_by", "decided_by"),
            can_vote=can_vote,
            is_own_producer=user.is_authenticated
            and claim.producer.users.filter(pk=user.pk).exists(),
            has_college=bool(memberships),
            form=form
            or (ClaimOpinionForm(colleges=[m.college for m in memberships]) if can_vote else None),
            can_facilitate=colleges.can_facilitate(user),
            close_form=DisputeCloseForm(),
        )
        return context

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?next={request.path}")
        memberships = colleges.confirmed_memberships(request.user)
        form = ClaimOpinionForm(
            request.POST, request.FILES, colleges=[m.college for m in memberships]
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            validation.claim_opinion_give(
                claim=self.object,
                member=request.user,
                verdict=form.cleaned_data["verdict"],
                comment=form.cleaned_data["comment"],
                college=form.cleaned_data.get("college"),
                evidence=form.cleaned_data.get("evidence"),
                visit_report=form.cleaned_data["visit_report"],
            )
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Thank you: your opinion is recorded."))
        return redirect("community:claim-detail", pk=self.object.pk)


class DisputeCloseView(FacilitatorRequiredMixin, View):
    def post(self, request, pk):
        dispute = get_object_or_404(Dispute, pk=pk)
        form = DisputeCloseForm(request.POST)
        if form.is_valid():
            try:
                validation.dispute_close(
                    dispute=dispute, facilitator=request.user, **form.cleaned_data
                )
            except (PermissionDenied, ValidationError) as error:
                _refusal(request, error)
            else:
                messages.success(request, _("The dispute is closed and its decision published."))
        else:
            messages.error(request, _("Choose an outcome and write the decision."))
        return _back(request, reverse("community:facilitator-queue"))


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
                colleges.college_join_request(user=request.user, **form.cleaned_data)
            except (PermissionDenied, ValidationError) as error:
                _refusal(request, error)
            else:
                messages.success(request, _("Your request is sent: a facilitator will confirm it."))
        return redirect("community:colleges")


class CollegeMembershipDecideView(FacilitatorRequiredMixin, View):
    def post(self, request, pk):
        membership = get_object_or_404(CollegeMembership, pk=pk)
        try:
            if request.POST.get("action") == "decline":
                colleges.college_membership_decline(membership=membership, facilitator=request.user)
            else:
                colleges.college_membership_confirm(membership=membership, facilitator=request.user)
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
        return redirect("community:facilitator-queue")


class FacilitatorQueueView(FacilitatorRequiredMixin, TemplateView):
    template_name = "community/guarantee/queue.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            disputes=validation.open_disputes(),
            college_requests=colleges.pending_requests(),
            applications=admissions.pending_applications(),
            close_form=DisputeCloseForm(),
        )
        return context


# Needs --------------------------------------------------------------------------------


class NeedListView(TemplateView):
    template_name = "community/guarantee/needs.html"

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        status = self.request.GET.get("statut", "")
        board = needs.needs_board().order_by("-support_count", "-created_at")
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
        form = NeedForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            need = needs.need_create(author=request.user, **form.cleaned_data)
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
            return redirect("community:needs")
        messages.success(request, _("Your need is posted."))
        return redirect("community:need-detail", pk=need.pk)


class NeedDetailView(DetailView):
    template_name = "community/guarantee/need_detail.html"
    context_object_name = "need"

    def get_queryset(self):
        return needs.needs_board().prefetch_related(
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
            and (need.author_id == user.pk or colleges.can_facilitate(user)),
        )
        return context


class NeedActionView(LoginRequiredMixin, View):
    """Support, offer, fulfil or close a need (one POST endpoint per action)."""

    action = ""

    def post(self, request, pk):
        need = get_object_or_404(Need, pk=pk)
        try:
            if self.action == "support":
                needs.need_support(need=need, user=request.user)
                messages.success(request, _("You support this need."))
            elif self.action == "offer":
                producer = get_object_or_404(
                    Partner, pk=request.POST.get("producer"), users=request.user
                )
                form = NeedOfferForm(request.POST, producer=producer)
                if not form.is_valid():
                    raise ValidationError(_("Choose one of your products."))
                needs.need_offer(
                    need=need, producer=producer, user=request.user, **form.cleaned_data
                )
                messages.success(request, _("Your offer is published."))
            elif self.action == "fulfil":
                needs.need_fulfil(need=need, user=request.user)
            elif self.action == "close":
                needs.need_close(need=need, user=request.user)
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
        return redirect("community:need-detail", pk=need.pk)


# Feedback -----------------------------------------------------------------------------


class FeedbackCreateView(LoginRequiredMixin, View):
    kind = "product"

    def post(self, request, pk):
        form = FeedbackForm(request.POST)
        if self.kind == "product":
            target = get_object_or_404(Product, pk=pk)
        else:
            target = get_object_or_404(Partner, pk=pk)
        if not form.is_valid():
            messages.error(request, _("Give a rating and a few words."))
            return _back(request, target.get_absolute_url())
        try:
            if self.kind == "product":
                feedback.product_feedback_create(
                    product=target, author=request.user, **form.cleaned_data
                )
            else:
                feedback.producer_feedback_create(
                    producer=target, author=request.user, **form.cleaned_data
                )
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
        else:
            messages.success(request, _("Thank you for your review."))
        return _back(request, target.get_absolute_url())


class FeedbackAnswerView(LoginRequiredMixin, View):
    kind = "product"

    def post(self, request, pk):
        model = ProductFeedback if self.kind == "product" else ProducerFeedback
        review = get_object_or_404(model, pk=pk)
        target = review.product if self.kind == "product" else review.producer
        form = FeedbackAnswerForm(request.POST)
        if form.is_valid():
            try:
                feedback.feedback_answer(
                    feedback=review, user=request.user, answer=form.cleaned_data["answer"]
                )
            except (PermissionDenied, ValidationError) as error:
                _refusal(request, error)
            else:
                messages.success(request, _("Your answer is published."))
        return _back(request, target.get_absolute_url())


# Applications -------------------------------------------------------------------------


class ApplicationCreateView(LoginRequiredMixin, TemplateView):
    template_name = "community/guarantee/application_form.html"

    def get_producer(self):
        candidates = admissions.candidate_producers(self.request.user)
        wanted = self.request.GET.get("producteur") or self.request.POST.get("producteur")
        if wanted:
            return get_object_or_404(candidates, pk=wanted)
        return candidates.first()

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        producer = self.get_producer()
        if producer is not None and form is None:
            form = ApplicationForm(criteria=admissions.missing_inclusion_criteria(producer))
        context.update(
            producer=producer,
            form=form,
            candidates=admissions.candidate_producers(self.request.user),
            applications=Application.objects.filter(producer=producer) if producer else [],
        )
        return context

    def post(self, request):
        producer = self.get_producer()
        if producer is None:
            raise PermissionDenied(_("You manage no candidate producer."))
        form = ApplicationForm(
            request.POST, criteria=admissions.missing_inclusion_criteria(producer)
        )
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        try:
            application = admissions.application_submit(
                producer=producer,
                user=request.user,
                presentation=form.cleaned_data["presentation"],
                claims=form.claims_for(producer),
            )
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
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
            colleges.confirmed_memberships(user)
            or colleges.can_facilitate(user)
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
            and colleges.confirmed_memberships(user)
            else None,
            decision_form=ApplicationDecisionForm()
            if application.is_pending and colleges.can_facilitate(user)
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
                admissions.application_decide(
                    application=application, facilitator=request.user, **form.cleaned_data
                )
                messages.success(request, _("The decision is recorded; the candidate is told."))
            else:
                form = ApplicationOpinionForm(request.POST)
                if not form.is_valid():
                    raise ValidationError(_("Choose a recommendation and explain it."))
                admissions.application_opinion_give(
                    application=application, member=request.user, **form.cleaned_data
                )
                messages.success(request, _("Thank you: your opinion is recorded."))
        except (PermissionDenied, ValidationError) as error:
            _refusal(request, error)
        return redirect("community:application-detail", pk=application.pk)
