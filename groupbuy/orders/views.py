"""Pages of group orders: the group order page (commitments, live progress, what each
member receives), its JSON progress, and the coordinators' form and state buttons.
Views are thin: they parse input, check who is asking, call `orders.services` (or the
settlement's confirmation), and render what the selectors return."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from oscar.templatetags.currency_filters import currency

from groupbuy.groups.forms import JoinForm
from groupbuy.groups.models import JoinRule
from groupbuy.groups.views import GroupMixin, error_messages
from groupbuy.settlement import services as settlement_services
from shop.impact.location import viewer_origin
from shop.legal.terms import current_terms
from shop.ratelimit import rate_limit_hit

from . import selectors, services
from .forms import CommitmentForm, GroupOrderForm, OfferFormSet, TransitionForm
from .models import EDITABLE_STATES, TRANSITIONS, GroupOrder, GroupOrderProduct, GroupOrderState
from .progress import OfferLiveProgress, group_order_progress, progress_details, progress_message
from .selectors import MyCommitment

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
NEXT_TIER_TEMPLATE = "groupbuy/partials/next_tier.txt"


def progress_texts(progress: OfferLiveProgress) -> dict[str, str]:
    """The texts of the page's `data-field` elements for one offer, as the page renders
    them: bare numbers, the formatted price and the next-tier sentence (its template)."""
    return {
        "firm": str(progress.firm),
        "tolerance": str(progress.tolerance),
        "cases": str(progress.cases_filled),
        "missing-case": str(progress.missing_to_next_case),
        "missing-minimum": str(progress.missing_to_minimum),
        "price": currency(progress.current_price),
        "next-tier": render_to_string(NEXT_TIER_TEMPLATE, {"p": progress}).strip(),
    }


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
        origin = viewer_origin(request)
        page = selectors.group_order_page(
            group_order=group_order,
            user=request.user,
            is_coordinator=self.is_coordinator,
            origin=origin.point if origin else None,
        )
        forms = {}
        if not page.refusal:
            for card in page.offers:
                pk = card.offer.pk
                if bound_offer == pk:
                    forms[pk] = bound_form
                else:
                    mine = card.mine or MyCommitment(quantity=0, tolerance=0)
                    initial = {"quantity": mine.quantity, "tolerance": mine.tolerance}
                    forms[pk] = CommitmentForm(initial=initial, prefix=f"offer-{pk}")
        context = {
            "group": self.group,
            "group_order": group_order,
            "page": page,
            "cards": [(card, forms.get(card.offer.pk)) for card in page.offers],
            "is_coordinator": self.is_coordinator,
            "refusal": page.refusal,
            "now_": timezone.now(),
            "confirm_text": _("Are you sure? This cannot be undone."),
            "settlement": page.settlement,
            "terms": current_terms(),
        }
        if self.is_coordinator:
            context["transitions"] = [
                (state, *TRANSITION_BUTTONS[state])
                for state in TRANSITION_BUTTONS
                if state in TRANSITIONS[group_order.state]
            ]
            context["log"] = list(group_order.transitions.select_related("user"))
        return TemplateResponse(request, self.template_name, context)


class CommitmentView(LoginRequiredMixin, GroupOrderDetailView):
    """POST a member's quantity and tolerance on one product, with the terms of sale
    accepted (the form refuses without): `services.commitment_set` decides (deadline,
    membership); its refusal is shown on the page, nothing saved."""

    http_method_names = ["post"]

    def post(self, request, slug, pk, offer_pk):
        rate_limit_hit(action="commitment", request=request)
        offer = get_object_or_404(GroupOrderProduct, pk=offer_pk, group_order=self.group_order)
        form = CommitmentForm(request.POST, prefix=f"offer-{offer.pk}")
        if form.is_valid():
            try:
                result = services.commitment_set(
                    offer=offer,
                    member=request.user,
                    quantity=form.cleaned_data["quantity"],
                    tolerance=form.cleaned_data["tolerance"],
                    terms_version=current_terms().version,
                )
            except (ValidationError, PermissionDenied) as error:
                for message in error_messages(error):
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
        return JsonResponse(progress_json(self.group_order))


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
            if self.group_order.state not in EDITABLE_STATES:
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
                group_order = services.group_order_save(
                    group=self.group,
                    by=request.user,
                    group_order=self.group_order,
                    fields=form.cleaned_data,
                    offers=formset.offers(),
                    deleted=formset.deleted_offers(),
                )
            except (ValidationError, PermissionDenied) as error:
                for message in error_messages(error):
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
                settlement_services.group_order_confirm(group_order=group_order, user=request.user)
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


def progress_json(group_order: GroupOrder) -> dict:
    """What /progression.json returns: the live message (same shape as the websocket's,
    so the page resyncs with the same code), plus the page's texts and raw numbers."""
    progress = group_order_progress(group_order)
    return {
        **progress_message(group_order, progress),
        "state": group_order.state,
        "accepts_commitments": group_order.accepts_commitments,
        "closes_at": group_order.closes_at.isoformat(),
        "texts": {str(pk): progress_texts(numbers) for pk, numbers in progress.items()},
        "details": {str(pk): progress_details(numbers) for pk, numbers in progress.items()},
    }
