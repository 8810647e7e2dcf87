"""Pages of buying groups and group orders. Views are thin: they parse input, check who
is asking, call `membership`, `campaigns` or `services`, and render."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.generic import ListView

from shop.impact.location import viewer_origin
from shop.impact.selectors import attach_product_profiles

from . import campaigns, membership, selectors, services, settlement
from .forms import (
    CommitmentForm,
    GroupForm,
    GroupOrderForm,
    GroupSearchForm,
    JoinForm,
    OfferFormSet,
    TransitionForm,
)
from .models import BuyingGroup, GroupOrder, GroupOrderProduct, GroupOrderState, JoinRule
from .models import Membership as MembershipModel

S = GroupOrderState

# Coordinators' buttons: target state → label (shown only when the move is allowed).
TRANSITION_BUTTONS = {
    S.OPEN: (gettext_lazy("Open for commitments"), "btn-primary"),
    S.CLOSED: (gettext_lazy("Close now and allocate"), "btn-warning"),
    S.CONFIRMED: (gettext_lazy("Confirm with the producers"), "btn-primary"),
    S.READY: (gettext_lazy("Mark ready for pickup"), "btn-primary"),
    S.COMPLETED: (gettext_lazy("Mark completed"), "btn-success"),
    S.CANCELLED: (gettext_lazy("Cancel the group order"), "btn-outline-danger"),
}


def _messages_from(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return error.messages
    return [str(error) or _("You are not allowed to do this.")]


def _query_without_page(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


# --- groups ---------------------------------------------------------------------------


class GroupListView(ListView):
    template_name = "groupbuy/group_list.html"
    context_object_name = "groups"
    paginate_by = 20

    def get(self, request, *args, **kwargs):
        self.form = GroupSearchForm(request.GET or None)
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        groups = BuyingGroup.objects.with_member_count()
        if self.form.is_bound and self.form.is_valid() and self.form.cleaned_data["ville"]:
            city = self.form.cleaned_data["ville"].strip()
            groups = groups.filter(Q(city__icontains=city) | Q(name__icontains=city))
        return groups.order_by("name", "pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        my_status = {}
        if user.is_authenticated:
            my_status = dict(
                MembershipModel.objects.filter(
                    user=user, group__in=[g.pk for g in context["groups"]]
                ).values_list("group_id", "status")
            )
        for group in context["groups"]:
            group.my_status = my_status.get(group.pk)
        context.update(
            form=self.form,
            can_create=membership.can_create_group(user),
            query_string=_query_without_page(self.request),
        )
        return context


class GroupCreateView(LoginRequiredMixin, View):
    template_name = "groupbuy/group_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not membership.can_create_group(request.user):
            raise PermissionDenied(_("Verify your e-mail address before creating a buying group."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(GroupForm())

    def post(self, request):
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                group = membership.group_create(coordinator=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _messages_from(error))
            else:
                messages.success(
                    request, _("Your buying group is created: you are its coordinator.")
                )
                return redirect(group)
        return self.render(form)

    def render(self, form):
        return TemplateResponse(self.request, self.template_name, {"form": form, "group": None})


class GroupMixin:
    """Loads the group of the URL and what the viewer is in it."""

    def load_group(self, slug: str) -> None:
        self.group = get_object_or_404(BuyingGroup.objects.with_member_count(), slug=slug)
        self.membership = membership.membership_of(self.group, self.request.user)
        self.is_member = bool(
            self.membership and self.membership.status == MembershipModel.Status.ACTIVE
        )
        self.is_coordinator = bool(
            self.is_member and self.membership.role == MembershipModel.Role.COORDINATOR
        )

    def require_coordinator(self) -> None:
        if not self.is_coordinator:
            raise PermissionDenied(_("Only the group's coordinators can do this."))


class GroupDetailView(GroupMixin, View):
    template_name = "groupbuy/group_detail.html"

    def get(self, request, slug):
        self.load_group(slug)
        group = self.group
        show_orders = self.is_member or group.join_rule != JoinRule.INVITATION
        current, past = (
            selectors.group_orders_of(group, include_drafts=self.is_coordinator)
            if show_orders
            else ([], [])
        )
        context = {
            "group": group,
            "membership": self.membership,
            "is_member": self.is_member,
            "is_coordinator": self.is_coordinator,
            "pickup_points": list(group.pickup_points.all()),
            "current_orders": current,
            "past_orders": past,
            "show_orders": show_orders,
            "join_form": JoinForm(),
        }
        if self.is_member:
            context["members"] = selectors.group_members(group)
        if self.is_coordinator:
            context["pending"] = selectors.pending_requests(group)
            context["invitation_url"] = _invitation_url(request, group)
        return TemplateResponse(request, self.template_name, context)


def _invitation_url(request, group: BuyingGroup) -> str:
    if not group.invitation_token:
        return ""
    path = reverse("groupbuy:group-join", kwargs={"slug": group.slug})
    return request.build_absolute_uri(f"{path}?{urlencode({'invitation': group.invitation_token})}")


class GroupEditView(LoginRequiredMixin, GroupMixin, View):
    template_name = "groupbuy/group_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.load_group(kwargs["slug"])
            self.require_coordinator()
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, slug):
        return self.render(GroupForm(initial=GroupForm.initial_for(self.group)))

    def post(self, request, slug):
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                membership.group_update(group=self.group, by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, _messages_from(error))
            else:
                messages.success(request, _("The group is updated."))
                return redirect(self.group)
        return self.render(form)

    def render(self, form):
        return TemplateResponse(
            self.request, self.template_name, {"form": form, "group": self.group}
        )


class GroupJoinView(GroupMixin, View):
    """GET ?invitation=<token>: the landing of an invitation link. POST: join."""

    template_name = "groupbuy/group_join.html"

    def get(self, request, slug):
        self.load_group(slug)
        token = request.GET.get("invitation", "")
        if not token:
            return redirect(self.group)
        if not membership.token_matches(self.group, token):
            return self.render(token, valid=False, status=403)
        if self.is_member:
            messages.info(request, _("You are already a member of this group."))
            return redirect(self.group)
        return self.render(token, valid=True)

    def post(self, request, slug):
        if not request.user.is_authenticated:
            return redirect(f"{reverse('account_login')}?{urlencode({'next': request.path})}")
        self.load_group(slug)
        form = JoinForm(request.POST)
        token = form.cleaned_data["invitation"] if form.is_valid() else ""
        try:
            joined = membership.group_join(group=self.group, user=request.user, token=token or None)
        except PermissionDenied as error:
            return self.render(token, valid=False, status=403, error=str(error))
        if joined.status == MembershipModel.Status.ACTIVE:
            messages.success(request, _("Welcome to %(group)s!") % {"group": self.group.name})
        else:
            messages.info(
                request,
                _("Your request is sent: a coordinator of the group will answer it soon."),
            )
        return redirect(self.group)

    def render(self, token: str, *, valid: bool, status: int = 200, error: str = ""):
        login_next = urlencode({"next": self.request.get_full_path()})
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "group": self.group,
                "token": token,
                "valid": valid,
                "error": error
                or _(
                    "This invitation link is not valid (any more). Ask a coordinator for a new one."
                ),
                "membership": self.membership,
                "login_next": login_next,
            },
            status=status,
        )


class GroupLeaveView(LoginRequiredMixin, GroupMixin, View):
    def post(self, request, slug):
        self.load_group(slug)
        was_pending = bool(
            self.membership and self.membership.status == MembershipModel.Status.PENDING
        )
        try:
            membership.membership_leave(group=self.group, user=request.user)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("Your request is withdrawn.") if was_pending else _("You left the group."),
            )
        return redirect(self.group)


class MembershipDecisionView(LoginRequiredMixin, GroupMixin, View):
    """A coordinator approves or refuses a request, or promotes a member."""

    actions = {
        "approuver": (membership.membership_approve, gettext_lazy("%(name)s is now a member.")),
        "refuser": (
            membership.membership_refuse,
            gettext_lazy("The request of %(name)s is refused."),
        ),
        "coordination": (
            membership.membership_promote,
            gettext_lazy("%(name)s is now a coordinator."),
        ),
    }

    def post(self, request, slug, pk, action):
        self.load_group(slug)
        self.require_coordinator()
        if action not in self.actions:
            raise Http404
        target = get_object_or_404(
            MembershipModel.objects.select_related("user"), pk=pk, group=self.group
        )
        operation, success = self.actions[action]
        name = target.user.get_full_name() or target.user.email
        try:
            operation(membership=target, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in _messages_from(error):
                messages.error(request, message)
        else:
            messages.success(request, success % {"name": name})
        return redirect(f"{self.group.get_absolute_url()}#coordination")


class InvitationRegenerateView(LoginRequiredMixin, GroupMixin, View):
    def post(self, request, slug):
        self.load_group(slug)
        self.require_coordinator()
        membership.invitation_token_regenerate(group=self.group, by=request.user)
        messages.success(
            request, _("A new invitation link is ready; the previous one no longer works.")
        )
        return redirect(f"{self.group.get_absolute_url()}#coordination")


# --- group orders: access -----------------------------------------------------------


class GroupOrderMixin(GroupMixin):
    """Group orders are for the group's active members (drafts: coordinators only).

    Others get a 403 page inviting them to join, or a 404 when the group is joined by
    invitation only (its group orders are not advertised)."""

    forbidden_template = "groupbuy/group_order_forbidden.html"

    def dispatch(self, request, *args, **kwargs):
        self.load_group(kwargs["slug"])
        self.group_order = get_object_or_404(
            GroupOrder.objects.select_related("pickup_point"), pk=kwargs["pk"], group=self.group
        )
        self.group_order.group = self.group
        if self.group_order.state == S.DRAFT and not self.is_coordinator:
            raise Http404
        if not self.is_member:
            if self.group.join_rule == JoinRule.INVITATION:
                raise Http404
            return self.forbidden()
        return super().dispatch(request, *args, **kwargs)

    def forbidden(self):
        return TemplateResponse(
            self.request,
            self.forbidden_template,
            {
                "group": self.group,
                "group_order": self.group_order,
                "membership": self.membership,
                "join_form": JoinForm(),
                "login_next": urlencode({"next": self.request.get_full_path()}),
            },
            status=403,
        )


class GroupOrderDetailView(GroupOrderMixin, View):
    template_name = "groupbuy/group_order_detail.html"

    def get(self, request, slug, pk):
        return self.render()

    def render(self, bound_form: CommitmentForm | None = None, bound_offer: int | None = None):
        request, group_order = self.request, self.group_order
        offers = selectors.offers_for_page(group_order)
        origin = viewer_origin(request)
        attach_product_profiles(
            [offer.product for offer in offers], origin=origin.point if origin else None
        )
        live = group_order.state in selectors.EDITABLE_STATES
        progress = selectors.group_order_progress(group_order, offers=offers) if live else {}
        mine = selectors.member_commitments(group_order, request.user)
        refusal = selectors.commitment_refusal(group_order)
        closed = group_order.state in selectors.CLOSED_STATES
        allocations = selectors.member_allocations(group_order, request.user) if closed else {}
        totals = (
            selectors.allocation_totals(group_order, offers)
            if closed and self.is_coordinator
            else {}
        )
        for offer in offers:
            offer.progress = progress.get(offer.pk)
            if offer.progress is not None:
                offer.fields = {
                    name.replace("-", "_"): text
                    for name, text in selectors.progress_fields(offer.progress).items()
                }
            offer.mine = mine.get(offer.pk)
            if not refusal:
                if bound_offer == offer.pk:
                    offer.form = bound_form
                else:
                    initial = offer.mine or {"quantity": 0, "tolerance": 0}
                    offer.form = CommitmentForm(initial=initial, prefix=f"offer-{offer.pk}")
            offer.allocation = allocations.get(offer.pk)
            if offer.allocation is not None:
                offer.explanation = selectors.explain_allocation(offer.allocation, offer)
                offer.line_total = offer.allocation.unit_price_incl_tax * offer.allocation.allocated
            offer.totals = totals.get(offer.pk)
        context = {
            "group": self.group,
            "group_order": group_order,
            "offers": offers,
            "is_coordinator": self.is_coordinator,
            "refusal": refusal,
            "closed": closed,
            "has_allocations": bool(allocations),
            "my_total": sum(
                (o.line_total for o in offers if getattr(o, "line_total", None) is not None),
                0,
            ),
            "totals": totals,
            "grand_total": selectors.grand_total(totals) if totals else None,
            "editable": group_order.state in selectors.EDITABLE_STATES,
            "live": live,
            "next_tier_formats": selectors.next_tier_formats(),
            "now_": timezone.now(),
            "confirm_text": _("Are you sure? This cannot be undone."),
        }
        from .document_views import settlement_context  # documents, orders, card

        context.update(settlement_context(group_order, request.user, self.is_coordinator))
        if self.is_coordinator:
            context["transitions"] = [
                (state, *TRANSITION_BUTTONS[state])
                for state in TRANSITION_BUTTONS
                if state in services.TRANSITIONS[group_order.state]
            ]
            context["log"] = list(group_order.transitions.select_related("user"))
        return TemplateResponse(request, self.template_name, context)


class CommitmentView(LoginRequiredMixin, GroupOrderDetailView):
    """POST a member's quantity and tolerance on one product: `services.commitment_set`
    decides (deadline, membership); its refusal is shown on the page, nothing saved."""

    http_method_names = ["post"]

    def post(self, request, slug, pk, offer_pk):
        offer = get_object_or_404(GroupOrderProduct, pk=offer_pk, group_order=self.group_order)
        form = CommitmentForm(request.POST, prefix=f"offer-{offer.pk}")
        if form.is_valid():
            try:
                result = services.commitment_set(
                    offer=offer,
                    member=request.user,
                    quantity=form.cleaned_data["quantity"],
                    tolerance=form.cleaned_data["tolerance"],
                )
            except (ValidationError, PermissionDenied) as error:
                for message in _messages_from(error):
                    form.add_error(None, message)
            else:
                if result is None:
                    messages.success(request, _("Your commitment is cancelled."))
                else:
                    messages.success(request, _("Your commitment is saved."))
                return redirect(f"{self.group_order.get_absolute_url()}#offer-{offer.pk}")
        return self.render(bound_form=form, bound_offer=offer.pk)


@method_decorator(never_cache, name="dispatch")
class GroupOrderProgressView(GroupOrderMixin, View):
    """The live numbers as JSON, for the page's resync after a websocket reconnect."""

    def forbidden(self):
        return JsonResponse(
            {"error": _("Only members of the group can see this group order.")}, status=403
        )

    def get(self, request, slug, pk):
        progress = selectors.group_order_progress(self.group_order)
        return JsonResponse(selectors.progress_json(self.group_order, progress))


# --- group orders: coordinators -----------------------------------------------------


class GroupOrderFormView(LoginRequiredMixin, GroupMixin, View):
    """Create (no pk) or edit a group order and its offers with their price tiers."""

    template_name = "groupbuy/group_order_form.html"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.load_group(kwargs["slug"])
        self.require_coordinator()
        self.group_order = None
        if "pk" in kwargs:
            self.group_order = get_object_or_404(GroupOrder, pk=kwargs["pk"], group=self.group)
            self.group_order.group = self.group
            if self.group_order.state not in selectors.EDITABLE_STATES:
                messages.error(
                    request, _("A group order can only be edited while it is a draft or open.")
                )
                return redirect(self.group_order)
        return super().dispatch(request, *args, **kwargs)

    def forms(self, data=None):
        instance = self.group_order or GroupOrder(group=self.group)
        form = GroupOrderForm(data, instance=instance, group=self.group)
        formset = OfferFormSet(data, instance=instance, prefix="offers")
        return form, formset

    def get(self, request, slug, pk=None):
        return self.render(*self.forms())

    def post(self, request, slug, pk=None):
        form, formset = self.forms(request.POST)
        if form.is_valid() and formset.is_valid():
            try:
                group_order = campaigns.group_order_save(
                    group=self.group,
                    by=request.user,
                    group_order=self.group_order,
                    fields=form.cleaned_data,
                    offers=formset.offers(),
                    deleted=formset.deleted_offers(),
                )
            except (ValidationError, PermissionDenied) as error:
                for message in _messages_from(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("The group order is saved.")
                    if self.group_order
                    else _("The group order is created as a draft: open it when it is ready."),
                )
                return redirect(group_order)
        return self.render(form, formset)

    def render(self, form, formset):
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "group": self.group,
                "group_order": self.group_order,
                "form": form,
                "formset": formset,
                "has_pickup_points": self.group.pickup_points.exists(),
            },
        )


class GroupOrderTransitionView(LoginRequiredMixin, GroupMixin, View):
    """A coordinator's button: one state change through the services."""

    def post(self, request, slug, pk):
        self.load_group(slug)
        self.require_coordinator()
        group_order = get_object_or_404(GroupOrder, pk=pk, group=self.group)
        form = TransitionForm(request.POST)
        if not form.is_valid():
            return HttpResponseBadRequest(_("Unknown state."))
        to_state = form.cleaned_data["to_state"]
        try:
            if to_state == S.CONFIRMED:  # confirming settles: orders, payments, documents
                settlement.group_order_confirm(group_order=group_order, user=request.user)
            else:
                services.group_order_transition(
                    group_order=group_order, to_state=to_state, user=request.user
                )
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("The group order is now “%(state)s”.") % {"state": S(to_state).label},
            )
        return redirect(group_order.get_absolute_url())
