"""The member's card pages of a group order: the card at commitment (authorised or saved,
groupbuy/payment.py) and the payment page after a failed charge. Both mount Stripe's
Payment Element like the checkout's card step; without Stripe they do not exist (404):
members pay at pickup."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.http import Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from . import payment
from .views import GroupOrderMixin


class CardPaymentMixin(LoginRequiredMixin, GroupOrderMixin):
    template_name = "groupbuy/payment/card.html"

    def dispatch(self, request, *args, **kwargs):
        if not payment.card_payments_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)

    def render(self, *, kind: str, client_secret: str, amount, return_url: str, **extra):
        context = {
            "group": self.group,
            "group_order": self.group_order,
            "kind": kind,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "stripe_client_secret": client_secret,
            "stripe_return_url": self.request.build_absolute_uri(return_url),
            "stripe_js_url": settings.STRIPE_JS_URL,
            "amount": amount,
            **extra,
        }
        return TemplateResponse(self.request, self.template_name, context)

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"slug": self.group.slug, "pk": self.group_order.pk})


class GroupOrderCardView(CardPaymentMixin, View):
    """GET: the Payment Element for the member's authorization or saved card.
    POST `pickup`: pay at pickup instead."""

    def get(self, request, slug, pk):
        try:
            setup = payment.prepare_group_card(group_order=self.group_order, member=request.user)
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect(self.group_order.get_absolute_url())
        return self.render(
            kind=setup.kind,
            client_secret=setup.client_secret,
            amount=setup.amount,
            return_url=self.url("groupbuy:group-order-card-return"),
            pickup_url=self.url("groupbuy:group-order-card"),
        )

    def post(self, request, slug, pk):
        payment.choose_pickup(group_order=self.group_order, member=request.user)
        messages.success(request, _("You will pay at pickup."))
        return redirect(self.group_order.get_absolute_url())


class GroupOrderCardReturnView(CardPaymentMixin, View):
    def get(self, request, slug, pk):
        try:
            row = payment.confirm_group_card(group_order=self.group_order, member=request.user)
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect(self.url("groupbuy:group-order-card"))
        if row.mode == row.Mode.SAVED_CARD:
            messages.success(
                request,
                _("Your card is saved: it will be charged for what you receive at confirmation."),
            )
        else:
            messages.success(
                request,
                _("Your card is authorised: only what you receive will be charged."),
            )
        return redirect(self.group_order.get_absolute_url())


class GroupOrderPayView(CardPaymentMixin, View):
    """After a failed charge: pay the order total before the grace period ends."""

    def get(self, request, slug, pk):
        settlement = payment.payable_settlement(group_order=self.group_order, member=request.user)
        if settlement is None:
            messages.info(request, _("There is nothing left to pay for this group order."))
            return redirect(self.group_order.get_absolute_url())
        try:
            session = payment.prepare_settlement_payment(settlement=settlement)
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect(self.group_order.get_absolute_url())
        return self.render(
            kind="payment",
            client_secret=session.client_secret,
            amount=session.amount,
            return_url=self.url("groupbuy:group-order-pay-return"),
            settlement=settlement,
            pay_now=True,
        )


class GroupOrderPayReturnView(CardPaymentMixin, View):
    def get(self, request, slug, pk):
        settlement = payment.payable_settlement(group_order=self.group_order, member=request.user)
        payment_intent_id = request.GET.get("payment_intent", "")
        if settlement is None:
            return redirect(self.group_order.get_absolute_url())
        if not payment_intent_id:
            from shop.payments.models import StripePaymentIntent

            latest = (
                StripePaymentIntent.objects.filter(order_number=settlement.order.number)
                .order_by("-attempt")
                .first()
            )
            payment_intent_id = latest.payment_intent_id if latest else ""
        try:
            payment.complete_settlement_payment(
                settlement=settlement, payment_intent_id=payment_intent_id
            )
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect(self.url("groupbuy:group-order-pay"))
        messages.success(request, _("Thank you: your order is paid."))
        return redirect(self.group_order.get_absolute_url())
