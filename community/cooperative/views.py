"""The member's space under /cooperative/: shares, subscriptions, certificate,
redemption requests; and the page where staff or coordinators cash shares and wallet
top-ups at a pickup point (the wallet's own pages are in wallet_views.py). Views parse
input, call a service, render."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from shop.payments.methods import stripe_enabled
from shop.payments.offline import BankTransferInstructions
from shop.wallet import selectors as wallet_selectors
from shop.wallet import services as wallet_services

from . import cards, redemptions, selectors, services
from .forms import CashTopUpForm, NoteForm, RedemptionForm, SubscriptionForm, new_nonce
from .models import PaymentMethod, Subscription


def _error_messages(error: ValidationError | PermissionDenied) -> list[str]:
    if isinstance(error, ValidationError):
        return list(error.messages)
    return [str(error)]


class SpaceView(LoginRequiredMixin, View):
    """My shares: membership, shares held, register lines, requests."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        member = selectors.member_of(user)
        rules = selectors.current_rules()
        context: dict[str, Any] = {
            "rules": rules,
            "member": member,
            "is_member": selectors.is_member(user),
            "pending": selectors.pending_subscription(user),
            "subscriptions": selectors.subscriptions_of(user)[:20],
            "wallet_balance": wallet_selectors.balance_of(user),
        }
        if member is not None:
            context.update(
                held=selectors.shares_held(member),
                movements=member.movements.order_by("-effective_on", "-pk"),
                redemptions=member.redemptions.all(),
                room=selectors.redemption_room(member, rules) if rules else None,
            )
        return TemplateResponse(request, "cooperative/space.html", context)


class SubscribeView(LoginRequiredMixin, View):
    """Apply to become a member, or (a member) subscribe more shares."""

    template_name = "cooperative/subscribe.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        self.rules = selectors.current_rules()
        if self.rules is None and request.user.is_authenticated:
            messages.info(request, _("The cooperative does not take new members yet."))
            return redirect("cooperative:space")
        return super().dispatch(request, *args, **kwargs)

    def form(self, data=None) -> SubscriptionForm:
        assert self.rules is not None
        return SubscriptionForm(
            data, rules=self.rules, is_member=selectors.is_member(self.request.user)
        )

    def get(self, request: HttpRequest) -> HttpResponse:
        pending = selectors.pending_subscription(request.user)
        if pending is not None:
            messages.info(request, _("Your subscription awaits its payment."))
            return redirect("cooperative:subscription", pk=pending.pk)
        return self.render(self.form())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.form(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                subscription = services.subscription_apply(
                    user=request.user,
                    shares=data["shares"],
                    method=data["method"],
                    college=data.get("college"),
                    pickup_point=data.get("pickup_point"),
                )
            except (ValidationError, PermissionDenied) as error:
                for message in _error_messages(error):
                    form.add_error(None, message)
            else:
                return redirect("cooperative:subscription", pk=subscription.pk)
        return self.render(form, status=400)

    def render(self, form: SubscriptionForm, status: int = 200) -> HttpResponse:
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "form": form,
                "rules": self.rules,
                "is_member": selectors.is_member(self.request.user),
            },
            status=status,
        )


class SubscriptionMixin(LoginRequiredMixin, View):
    def load(self, pk: int) -> Subscription:
        subscription = get_object_or_404(
            Subscription.objects.select_related("college", "pickup_point"), pk=pk
        )
        if subscription.user_id != self.request.user.pk:
            raise Http404
        return subscription


class SubscriptionView(SubscriptionMixin):
    """How to pay a subscription: transfer details, the card form, or the pickup point."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = self.load(pk)
        context: dict = {"subscription": subscription, "cancel_form": NoteForm()}
        pending = subscription.status == Subscription.Status.PENDING
        if pending and subscription.method == PaymentMethod.TRANSFER:
            context["instructions"] = BankTransferInstructions(
                reference=subscription.reference,
                amount=subscription.amount,
                currency=settings.OSCAR_DEFAULT_CURRENCY,
                account_holder=settings.BANK_TRANSFER_ACCOUNT_HOLDER,
                iban=settings.BANK_TRANSFER_IBAN,
                bic=settings.BANK_TRANSFER_BIC,
            )
        if pending and subscription.method == PaymentMethod.CARD and stripe_enabled():
            try:
                context["card"] = cards.share_card_prepare(subscription=subscription)
            except (UnableToTakePayment, PaymentError) as error:
                messages.error(request, str(error))
            context["stripe_js_url"] = settings.STRIPE_JS_URL
            context["return_url"] = request.build_absolute_uri(
                reverse("cooperative:card-return", kwargs={"pk": subscription.pk})
            )
        return TemplateResponse(request, "cooperative/subscription.html", context)


class SubscriptionCancelView(SubscriptionMixin):
    http_method_names = ["post"]

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = self.load(pk)
        try:
            services.subscription_cancel(subscription=subscription, by=request.user)
        except (ValidationError, PermissionDenied) as error:
            for message in _error_messages(error):
                messages.error(request, message)
            return redirect("cooperative:subscription", pk=subscription.pk)
        messages.success(request, _("Your subscription is cancelled."))
        return redirect("cooperative:space")


class CardReturnView(SubscriptionMixin):
    """Back from the card form: Stripe is asked (not the browser) whether it paid."""

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        subscription = self.load(pk)
        if not subscription.payment_intent_id:
            return redirect("cooperative:subscription", pk=subscription.pk)
        try:
            cards.reconcile_share_payment(
                subscription.payment_intent_id, reason=_("back from the card form")
            )
            failure = cards.card_failure_message(subscription.payment_intent_id)
        except PaymentError as error:
            messages.error(request, str(error))
            return redirect("cooperative:subscription", pk=subscription.pk)
        subscription.refresh_from_db()
        if subscription.status == Subscription.Status.PAID:
            messages.success(request, _("Thank you: your shares are paid."))
            return redirect("cooperative:space")
        messages.error(request, failure or _("Your card payment is not complete yet."))
        return redirect("cooperative:subscription", pk=subscription.pk)


class CertificateView(LoginRequiredMixin, View):
    """The member's certificate (attestation de sociétaire), a page made to be printed."""

    def get(self, request: HttpRequest) -> HttpResponse:
        member = selectors.member_of(request.user)
        if member is None or member.left_at is not None:
            raise Http404(_("Only members of the cooperative have a certificate."))
        context = {
            "member": member,
            "held": selectors.shares_held(member),
            "movements": member.movements.order_by("effective_on", "pk"),
            "capital_value": sum(movement.amount for movement in member.movements.all()),
        }
        return TemplateResponse(request, "cooperative/certificate.html", context)


class RedemptionRequestView(LoginRequiredMixin, View):
    template_name = "cooperative/redemption_form.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated and not selectors.is_member(request.user):
            messages.info(request, _("Only members of the cooperative hold shares to redeem."))
            return redirect("cooperative:space")
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(RedemptionForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RedemptionForm(request.POST)
        if form.is_valid():
            try:
                redemptions.redemption_request(
                    user=request.user,
                    shares=form.cleaned_data["shares"],
                    reason=form.cleaned_data["reason"],
                )
            except (ValidationError, PermissionDenied) as error:
                for message in _error_messages(error):
                    form.add_error(None, message)
            else:
                messages.success(
                    request,
                    _("Your request is sent: staff will answer it within the statutes' rules."),
                )
                return redirect("cooperative:space")
        return self.render(form, status=400)

    def render(self, form: RedemptionForm, status: int = 200) -> HttpResponse:
        member = selectors.member_of(self.request.user)
        rules = selectors.current_rules()
        room = selectors.redemption_room(member, rules) if member and rules else None
        return TemplateResponse(
            self.request,
            self.template_name,
            {"form": form, "room": room, "rules": rules},
            status=status,
        )


class PickupCashView(LoginRequiredMixin, View):
    """Staff, and coordinators for their groups' pickup points, record shares paid there."""

    template_name = "cooperative/pickup_cash.html"

    def dispatch(self, request: HttpRequest, *args, **kwargs) -> HttpResponseBase:
        if request.user.is_authenticated:
            points = selectors.pickup_points_for_cashier(request.user)
            if points is not None and not points.exists():
                raise PermissionDenied(
                    _("Only staff and coordinators of a pickup point record payments there.")
                )
        return super().dispatch(request, *args, **kwargs)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(self.cash_form())

    def cash_form(self, data=None) -> CashTopUpForm:
        return CashTopUpForm(
            data,
            points=selectors.cash_points_for(self.request.user),
            initial={"nonce": new_nonce()},
        )

    def render(self, cash_form: CashTopUpForm, status: int = 200) -> HttpResponse:
        return TemplateResponse(
            self.request,
            self.template_name,
            {
                "subscriptions": selectors.subscriptions_payable_at_pickup(self.request.user),
                "form": NoteForm(),
                "cash_form": cash_form,
            },
            status=status,
        )

    def post(self, request: HttpRequest) -> HttpResponse:
        raw_pk = request.POST.get("subscription", "")
        subscription = get_object_or_404(
            selectors.subscriptions_payable_at_pickup(request.user),
            pk=int(raw_pk) if raw_pk.isdigit() else 0,
        )
        form = NoteForm(request.POST)
        note = form.cleaned_data["note"] if form.is_valid() else ""
        try:
            services.subscription_record_pickup_payment(
                subscription=subscription, by=request.user, note=note
            )
        except (ValidationError, PermissionDenied) as error:
            for message in _error_messages(error):
                messages.error(request, message)
        else:
            messages.success(
                request,
                _("%(amount)s received from %(name)s for %(reference)s.")
                % {
                    "amount": services.euros(subscription.amount),
                    "name": subscription.user.public_name,
                    "reference": subscription.reference,
                },
            )
        return redirect("cooperative:pickup-cash")


class PickupCashTopUpView(PickupCashView):
    """POST: cash or a cheque handed over for a member's wallet at a pickup point. The
    form's nonce is the transfer's key, so a double submit credits once."""

    http_method_names = ["post"]

    def post(self, request: HttpRequest) -> HttpResponse:
        form = self.cash_form(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        data = form.cleaned_data
        try:
            wallet_services.wallet_top_up_cash(
                user=data["member"],
                amount=data["amount"],
                by=request.user,
                place=data["pickup_point"].name,
                note=data["note"],
                key=f"cash:{data['nonce']}",
            )
        except ValidationError as error:
            for message in _error_messages(error):
                form.add_error(None, message)
            return self.render(form, status=400)
        messages.success(
            request,
            _("%(amount)s added to the wallet of %(name)s.")
            % {
                "amount": services.euros(data["amount"]),
                "name": data["member"].get_full_name() or data["member"].email,
            },
        )
        return redirect("cooperative:pickup-cash")
