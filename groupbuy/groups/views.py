"""Pages of buying groups: the list, a group's page, creating and editing a group,
joining and leaving, coordinators' decisions on members. Views are thin: they parse
input, check who is asking, call `groups.services`, and render."""

from __future__ import annotations

from typing import TYPE_CHECKING
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import ListView

from groupbuy.orders.selectors import group_orders_of

from . import selectors, services
from .forms import GroupForm, GroupSearchForm, JoinForm
from .models import BuyingGroup, JoinRule, Membership


def error_messages(error: ValidationError | PermissionDenied) -> list[str]:
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
                Membership.objects.filter(
                    user=user, group__in=[g.pk for g in context["groups"]]
                ).values_list("group_id", "status")
            )
        for group in context["groups"]:
            group.my_status = my_status.get(group.pk)
        context.update(
            form=self.form,
            can_create=selectors.can_create_group(user),
            query_string=_query_without_page(self.request),
        )
        return context


class GroupCreateView(LoginRequiredMixin, View):
    template_name = "groupbuy/group_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not selectors.can_create_group(request.user):
            raise PermissionDenied(_("Verify your e-mail address before creating a buying group."))
        return super().dispatch(request, *args, **kwargs)

    def get(self, request):
        return self.render(GroupForm())

    def post(self, request):
        form = GroupForm(request.POST)
        if form.is_valid():
            try:
                group = services.group_create(coordinator=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error_messages(error))
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

    if TYPE_CHECKING:  # set by the View this mixin is used with
        request: HttpRequest

    def load_group(self, slug: str) -> None:
        self.group = get_object_or_404(BuyingGroup.objects.with_member_count(), slug=slug)
        self.membership = selectors.membership_of(self.group, self.request.user)
        active = self.membership
        if active is not None and active.status != Membership.Status.ACTIVE:
            active = None
        self.is_member = active is not None
        self.is_coordinator = active is not None and active.role == Membership.Role.COORDINATOR

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
            group_orders_of(group, include_drafts=self.is_coordinator) if show_orders else ([], [])
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
                services.group_update(group=self.group, by=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                form.add_error(None, error_messages(error))
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
        if not selectors.token_matches(self.group, token):
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
            joined = services.group_join(group=self.group, user=request.user, token=token or None)
        except PermissionDenied as error:
            return self.render(token, valid=False, status=403, error=str(error))
        if joined.status == Membership.Status.ACTIVE:
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
        was_pending = bool(self.membership and self.membership.status == Membership.Status.PENDING)
        try:
            services.membership_leave(group=self.group, user=request.user)
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
        "approuver": (services.membership_approve, gettext_lazy("%(name)s is now a member.")),
        "refuser": (
            services.membership_refuse,
            gettext_lazy("The request of %(name)s is refused."),
        ),
        "coordination": (
            services.membership_promote,
            gettext_lazy("%(name)s is now a coordinator."),
        ),
    }

    def post(self, request, slug, pk, action):
        self.load_group(slug)
        self.require_coordinator()
        if action not in self.actions:
            raise Http404
        target = get_object_or_404(
            Membership.objects.select_related("user"), pk=pk, group=self.group
        )
        operation, success = self.actions[action]
        name = target.user.get_full_name() or target.user.email
        try:
            operation(membership=target, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in error_messages(error):
                messages.error(request, message)
        else:
            messages.success(request, success % {"name": name})
        return redirect(f"{self.group.get_absolute_url()}#coordination")


class InvitationRegenerateView(LoginRequiredMixin, GroupMixin, View):
    def post(self, request, slug):
        self.load_group(slug)
        self.require_coordinator()
        services.invitation_token_regenerate(group=self.group, by=request.user)
        messages.success(
            request, _("A new invitation link is ready; the previous one no longer works.")
        )
        return redirect(f"{self.group.get_absolute_url()}#coordination")
