"""The member's wallet under /cooperative/porte-monnaie/: balances, the statement and its
CSV export, and the three ways to top it up (card, bank transfer, pickup point). The
wallet belongs to the shop (shop.wallet); these pages only read it through its
selectors and call its services."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.payment.exceptions import PaymentError

from shop.checkout.payment import bank_details
from shop.payments import gateway
from shop.payments.methods import stripe_enabled
from shop.wallet import cards
from shop.wallet import selectors as wallet
from shop.wallet.models import EURO
from shop.wallet.transfers import top_up_reference

from . import exports
from .forms import WalletCardTopUpForm, new_nonce
from .services import euros

STATEMENT_PAGE_SIZE = 25


class WalletView(LoginRequiredMixin, View):
    """Balances, the statement (newest first, 25 a page) and how to top up."""

    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        currency = request.GET.get("devise", EURO)
        account = wallet.account_of(user, currency)
        if account is None and currency != EURO:
            raise Http404(_("You have no wallet in this currency."))
        page = None
        if account is not None:
            page = Paginator(wallet.statement(account), STATEMENT_PAGE_SIZE).get_page(
                request.GET.get("page")
            )
        reference = top_up_reference(user)  # opens the euro wallet if need be
        context: dict[str, Any] = {
            "balances": sorted(wallet.balances_of(user).items(), key=lambda item: item[0] != EURO),
            "currency": currency,
            "account": account,
            "page": page,
            "reference": reference,
            "bank_details": bank_details(order_number=reference, amount=None, currency=EURO),
            "card_enabled": stripe_enabled(),
            "card_minimum": cards.MINIMUM,
            "card_maximum": cards.MAXIMUM,
        }
        return TemplateResponse(request, "cooperative/wallet/wallet.html", context)


class WalletCsvView(LoginRequiredMixin, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        account = wallet.account_of(request.user, request.GET.get("devise", EURO))
        if account is None:
            raise Http404(_("Your wallet has no statement yet."))
        response = HttpResponse(
            exports.wallet_statement_csv(account), content_type="text/csv; charset=utf-8"
        )
        stamp = timezone.localdate().isoformat()
        name = f"porte-monnaie-{account.currency.lower()}-{stamp}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class WalletCardTopUpView(LoginRequiredMixin, View):
    """The amount, then Stripe's card form for a PaymentIntent of that amount."""

    template_name = "cooperative/wallet/card.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self.render(WalletCardTopUpForm(initial={"nonce": new_nonce()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = WalletCardTopUpForm(request.POST)
        if not stripe_enabled():
            form.add_error(None, _("Card payments are not available right now."))
        elif form.is_valid():
            try:
                card = cards.card_top_up_prepare(
                    user=request.user,
                    amount=form.cleaned_data["amount"],
                    nonce=form.cleaned_data["nonce"],
                )
            except (ValidationError, PaymentError) as error:
                for message in getattr(error, "messages", [str(error)]):
                    form.add_error(None, message)
            else:
                return_url = request.build_absolute_uri(
                    reverse("cooperative:wallet-card-return", args=[card.payment_intent_id])
                )
                return self.render(form, card=card, return_url=return_url)
        return self.render(form, status=400)

    def render(self, form: WalletCardTopUpForm, status: int = 200, **extra: Any) -> HttpResponse:
        context = {
            "form": form,
            "card_enabled": stripe_enabled(),
            "stripe_js_url": settings.STRIPE_JS_URL,
            **extra,
        }
        return TemplateResponse(self.request, self.template_name, context, status=status)


class WalletCardReturnView(LoginRequiredMixin, View):
    """Back from the card form: Stripe is asked (not the browser) whether it paid."""

    def get(self, request: HttpRequest, payment_intent_id: str) -> HttpResponse:
        try:
            intent = gateway.retrieve_payment_intent(payment_intent_id)
            owner = cards.owner_of(intent)
            if owner is None or owner.pk != request.user.pk:
                raise Http404
            cards.reconcile_card_top_up(payment_intent_id, reason=_("back from the card form"))
        except PaymentError as error:
            messages.error(request, str(error))
            return redirect("cooperative:wallet-card")
        if intent["status"] == "succeeded":
            amount = gateway.captured_amount(intent, currency=EURO)
            messages.success(
                request,
                _("Thank you: %(amount)s added to your wallet.") % {"amount": euros(amount)},
            )
            return redirect("cooperative:wallet")
        if intent["status"] == "processing":
            messages.info(
                request,
                _("Your payment is being processed: your wallet is credited once it succeeds."),
            )
            return redirect("cooperative:wallet")
        failure = cards.card_failure_message(intent)
        messages.error(request, failure or _("Your card payment is not complete yet."))
        return redirect("cooperative:wallet-card")
