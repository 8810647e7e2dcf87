"""Pages of the settlement. The member's card pages of a group order: the card at
commitment (authorised or saved, `cards`) and the payment page after a failed charge
(`collection`); both mount Stripe's Payment Element like the checkout's card step, and
without Stripe they do not exist (404): members pay at pickup. The purchase orders
(coordinators, and the producer's own users) and the pickup list (coordinators), as
printable HTML or CSV (`?format=csv`)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment

from groupbuy.groups.views import GroupMixin
from groupbuy.orders.models import GroupOrder, GroupOrderState
from groupbuy.orders.views import GroupOrderMixin
from shop.payments.csp import allow_stripe_js
from shop.payments.models import StripePaymentIntent
from shop.producer_orders.csv_export import csv_response
from shop.wallet.services import WalletError

from . import cards, collection, documents, selectors, wallet
from .models import GroupOrderSettlement


class CardPaymentMixin(LoginRequiredMixin, GroupOrderMixin):
    template_name = "groupbuy/payment/card.html"

    def dispatch(self, request, *args, **kwargs):
        if not selectors.card_payments_enabled():
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
        return allow_stripe_js(TemplateResponse(self.request, self.template_name, context))

    def url(self, name: str) -> str:
        return reverse(name, kwargs={"slug": self.group.slug, "pk": self.group_order.pk})


class GroupOrderCardView(CardPaymentMixin, View):
    """GET: the Payment Element for the member's authorization or saved card.
    POST `pickup`: pay at pickup instead."""

    def get(self, request, slug, pk):
        try:
            setup = cards.group_card_prepare(group_order=self.group_order, member=request.user)
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
        cards.group_card_choose_pickup(group_order=self.group_order, member=request.user)
        messages.success(request, _("You will pay at pickup."))
        return redirect(self.group_order.get_absolute_url())


class GroupOrderCardReturnView(CardPaymentMixin, View):
    def get(self, request, slug, pk):
        try:
            row = cards.group_card_confirm(group_order=self.group_order, member=request.user)
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
        settlement = selectors.payable_settlement(group_order=self.group_order, member=request.user)
        if settlement is None:
            messages.info(request, _("There is nothing left to pay for this group order."))
            return redirect(self.group_order.get_absolute_url())
        try:
            session = collection.settlement_payment_prepare(settlement=settlement)
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
        settlement = selectors.payable_settlement(group_order=self.group_order, member=request.user)
        payment_intent_id = request.GET.get("payment_intent", "")
        if settlement is None:
            return redirect(self.group_order.get_absolute_url())
        if not payment_intent_id:
            latest = (
                StripePaymentIntent.objects.filter(order_number=settlement.order.number)
                .order_by("-attempt")
                .first()
            )
            payment_intent_id = latest.payment_intent_id if latest else ""
        try:
            collection.settlement_payment_complete(
                settlement=settlement, payment_intent_id=payment_intent_id
            )
        except (UnableToTakePayment, PaymentError) as error:
            messages.error(request, str(error))
            return redirect(self.url("groupbuy:group-order-pay"))
        messages.success(request, _("Thank you: your order is paid."))
        return redirect(self.group_order.get_absolute_url())


class WalletAmountForm(forms.Form):
    amount = forms.DecimalField(
        label=_("Amount paid from my wallet (€)"),
        min_value=Decimal("0.01"),
        max_digits=12,
        decimal_places=2,
    )


class GroupOrderWalletPayView(LoginRequiredMixin, GroupOrderMixin, View):
    """POST: pay (part of) the member's order of this group order from their wallet."""

    http_method_names = ["post"]

    def post(self, request, slug, pk, settlement_pk):
        settlement = get_object_or_404(
            GroupOrderSettlement,
            pk=settlement_pk,
            group_order=self.group_order,
            member=request.user,
        )
        form = WalletAmountForm(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))
            return redirect(self.group_order.get_absolute_url())
        try:
            settlement = wallet.settlement_pay_from_wallet(
                settlement=settlement, member=request.user, amount=form.cleaned_data["amount"]
            )
        except WalletError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            if settlement.payment_state == GroupOrderSettlement.PaymentState.PAID:
                messages.success(request, _("Thank you: your order is paid."))
            else:
                messages.success(request, _("Your wallet paid part of your order."))
        return redirect(self.group_order.get_absolute_url())


class GroupOrderWalletPrepayView(LoginRequiredMixin, GroupOrderMixin, View):
    """POST: prepay the member's commitments from their wallet."""

    http_method_names = ["post"]

    def post(self, request, slug, pk):
        try:
            transfer = wallet.commitment_prepay_from_wallet(
                group_order=self.group_order, member=request.user
            )
        except WalletError as refusal:
            messages.error(request, " ".join(refusal.messages))
        else:
            amount = -transfer.postings.get(account__user=request.user).amount
            messages.success(
                request,
                _("Your wallet prepaid %(amount)s €: only what you receive is kept.")
                % {"amount": amount},
            )
        return redirect(self.group_order.get_absolute_url())


# --- documents ------------------------------------------------------------------------

S = GroupOrderState
PURCHASE_ORDER_STATES = (S.CLOSED, S.CONFIRMED, S.READY, S.COMPLETED)
PICKUP_LIST_STATES = (S.CONFIRMED, S.READY, S.COMPLETED)


class DocumentMixin(LoginRequiredMixin, GroupMixin):
    states: tuple = ()

    def load(self, slug: str, pk: int) -> GroupOrder:
        self.load_group(slug)
        group_order = get_object_or_404(
            GroupOrder.objects.select_related("pickup_point"), pk=pk, group=self.group
        )
        group_order.group = self.group
        if group_order.state not in self.states:
            raise Http404(_("This document exists once the group order is closed."))
        return group_order

    def wants_csv(self) -> bool:
        return self.request.GET.get("format") == "csv"


class PurchaseOrderView(DocumentMixin, View):
    template_name = "groupbuy/settlement/purchase_order.html"
    states = PURCHASE_ORDER_STATES

    def get(self, request, slug, pk, producer_pk):
        group_order = self.load(slug, pk)
        producer = next(
            (p for p in selectors.producers_shipping(group_order) if p.pk == producer_pk), None
        )
        if producer is None:
            raise Http404
        if not (self.is_coordinator or producer.users.filter(pk=request.user.pk).exists()):
            raise PermissionDenied(
                _("Only the group's coordinators and the producer can see this.")
            )
        document = documents.purchase_order(group_order, producer)
        if self.wants_csv():
            filename = f"bon-de-commande-{group_order.pk}-{producer.pk}.csv"
            return csv_response(filename, documents.purchase_order_rows(document))
        return TemplateResponse(
            request,
            self.template_name,
            {
                "group": self.group,
                "group_order": group_order,
                "document": document,
                "draft": group_order.state == S.CLOSED,
            },
        )


class PickupListView(DocumentMixin, View):
    template_name = "groupbuy/settlement/pickup_list.html"
    states = PICKUP_LIST_STATES

    def get(self, request, slug, pk):
        group_order = self.load(slug, pk)
        self.require_coordinator()
        document = documents.pickup_list(group_order)
        if self.wants_csv():
            filename = f"liste-de-retrait-{group_order.pk}.csv"
            return csv_response(filename, documents.pickup_list_rows(document))
        return TemplateResponse(
            request,
            self.template_name,
            {"group": self.group, "group_order": group_order, "document": document},
        )
