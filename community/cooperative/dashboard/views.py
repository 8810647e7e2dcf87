"""Staff screens of the cooperative in the Oscar dashboard: the register of members and
its exports, the subscriptions awaiting payment (to reconcile), redemption requests,
the rules, member benefits and the audit trail. Staff only (others get 403)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import generic

from shop.access import StaffRequiredMixin

from .. import benefits, exports, redemptions, selectors, services
from ..forms import MemberDiscountForm, NoteForm, RefundForm, RulesForm
from ..models import AuditEntry, Redemption, Subscription


def _show_errors(request: HttpRequest, error: ValidationError | PermissionDenied) -> None:
    for message in error.messages if isinstance(error, ValidationError) else [str(error)]:
        messages.error(request, message)


class RegisterView(StaffRequiredMixin, generic.TemplateView):
    template_name = "cooperative/dashboard/register.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        shares, amount = selectors.capital()
        return super().get_context_data(
            members=selectors.register(),
            capital_shares=shares,
            capital_amount=amount,
            rules=selectors.current_rules(),
            **kwargs,
        )


def _csv_response(content: str, name: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{name}-{stamp}.csv"'
    return response


class RegisterCsvView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _csv_response(exports.register_csv(), "registre-des-societaires")


class MovementsCsvView(StaffRequiredMixin, generic.View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return _csv_response(exports.movements_csv(), "mouvements-de-parts")


class SubscriptionsView(StaffRequiredMixin, generic.TemplateView):
    """Payments to reconcile: every subscription awaiting its payment."""

    template_name = "cooperative/dashboard/subscriptions.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        return super().get_context_data(
            subscriptions=selectors.subscriptions_awaiting_payment(), form=NoteForm(), **kwargs
        )


class SubscriptionActionView(StaffRequiredMixin, generic.View):
    """POST: record a payment received at a pickup point, or cancel a subscription."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        subscription = get_object_or_404(Subscription, pk=pk)
        form = NoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        act: dict[str, Callable[[], object]] = {
            "encaisser": lambda: services.subscription_record_pickup_payment(
                subscription=subscription, by=request.user, note=note
            ),
            "annuler": lambda: services.subscription_cancel(
                subscription=subscription, by=request.user, note=note
            ),
        }
        if action not in act:
            return HttpResponse(status=404)
        try:
            act[action]()
        except (ValidationError, PermissionDenied) as error:
            _show_errors(request, error)
        else:
            messages.success(
                request,
                _("Subscription %(reference)s updated.") % {"reference": subscription.reference},
            )
        return redirect("cooperative-dashboard:subscriptions")


class RedemptionsView(StaffRequiredMixin, generic.TemplateView):
    template_name = "cooperative/dashboard/redemptions.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        rules = selectors.current_rules()
        rows = [
            (
                redemption,
                selectors.redemption_room(redemption.member, rules, exclude=redemption)
                if rules
                else None,
            )
            for redemption in selectors.redemptions_to_handle()
        ]
        done = Redemption.objects.filter(
            status__in=[Redemption.Status.REFUSED, Redemption.Status.REFUNDED]
        ).select_related("member__user")[:50]
        return super().get_context_data(
            rows=rows,
            done=done,
            rules=rules,
            note_form=NoteForm(),
            refund_form=RefundForm(),
            **kwargs,
        )


class RedemptionActionView(StaffRequiredMixin, generic.View):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int, action: str) -> HttpResponse:
        redemption = get_object_or_404(Redemption, pk=pk)
        if action == "rembourser":
            form: NoteForm | RefundForm = RefundForm(request.POST)
        else:
            form = NoteForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect("cooperative-dashboard:redemptions")
        data = form.cleaned_data
        try:
            if action == "approuver":
                redemptions.redemption_approve(
                    redemption=redemption, by=request.user, note=data["note"]
                )
            elif action == "refuser":
                redemptions.redemption_refuse(
                    redemption=redemption, by=request.user, note=data["note"]
                )
            elif action == "rembourser":
                redemptions.redemption_refund_record(
                    redemption=redemption,
                    by=request.user,
                    reference=data["reference"],
                    note=data["note"],
                )
            else:
                return HttpResponse(status=404)
        except (ValidationError, PermissionDenied) as error:
            _show_errors(request, error)
        else:
            messages.success(request, _("The redemption request is updated."))
        return redirect("cooperative-dashboard:redemptions")


class RulesView(StaffRequiredMixin, generic.View):
    template_name = "cooperative/dashboard/rules.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(RulesForm(instance=selectors.current_rules()))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RulesForm(request.POST, instance=selectors.current_rules())
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in RulesForm.Meta.fields}
            try:
                services.rules_update(by=request.user, note=form.cleaned_data["note"], **values)
            except (ValidationError, PermissionDenied) as error:
                _show_errors(request, error)
            else:
                messages.success(request, _("The cooperative's rules are saved."))
                return redirect("cooperative-dashboard:rules")
        return self.render(form, status=400)

    def render(self, form: RulesForm, status: int = 200) -> HttpResponse:
        return TemplateResponse(self.request, self.template_name, {"form": form}, status=status)


class BenefitsView(StaffRequiredMixin, generic.View):
    """The member discount of each product class, paged, one small form a row."""

    template_name = "cooperative/dashboard/benefits.html"
    http_method_names = ["get", "head"]

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render()

    def render(self, invalid: MemberDiscountForm | None = None, status: int = 200) -> HttpResponse:
        paginator = Paginator(benefits.product_classes(), settings.OSCAR_DASHBOARD_ITEMS_PER_PAGE)
        page = paginator.get_page(self.request.GET.get("page"))
        rows = [
            invalid
            if invalid is not None and invalid.product_class.pk == product_class.pk
            else MemberDiscountForm(product_class=product_class)
            for product_class in page.object_list
        ]
        context = {"rows": rows, "page_obj": page, "paginator": paginator}
        return TemplateResponse(self.request, self.template_name, context, status=status)


class BenefitSetView(BenefitsView):
    """POST: one class's member discount; bad input comes back on the list (400)."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        product_class = get_object_or_404(benefits.ProductClass, pk=pk)
        form = MemberDiscountForm(request.POST, product_class=product_class)
        if not form.is_valid():
            return self.render(invalid=form, status=400)
        try:
            benefits.member_discount_set(
                product_class=product_class,
                percent=form.cleaned_data["percent"],
                by=request.user,
                note=form.cleaned_data["note"],
            )
        except (ValidationError, PermissionDenied) as error:
            _show_errors(request, error)
        else:
            messages.success(
                request, _("Member discount of %(name)s saved.") % {"name": product_class.name}
            )
        page = request.GET.get("page")
        url = reverse("cooperative-dashboard:benefits")
        return redirect(f"{url}?page={page}" if page and page.isdigit() else url)


class AuditView(StaffRequiredMixin, generic.TemplateView):
    template_name = "cooperative/dashboard/audit.html"

    def get_context_data(self, **kwargs: Any) -> dict:
        entries = AuditEntry.objects.select_related(
            "actor", "member__user", "subscription", "redemption", "assembly"
        )[:200]
        return super().get_context_data(entries=entries, **kwargs)
