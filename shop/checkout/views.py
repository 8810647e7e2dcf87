"""The checkout (Oscar's fork): delivery → (address, for home delivery) → payment method
→ (card details, for a card) → review → order placed.

Oscar's URL names are kept: `shipping-method` is the delivery choice, `shipping-address`
the home-delivery address, `payment-method` the choice of payment, `payment-details` the
card step (Stripe's Payment Element), `preview` the review and place-order step.
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.checkout import views as oscar_views
from oscar.apps.checkout.exceptions import PassedSkipCondition
from oscar.core.loading import get_class

from shop.legal.forms import AcceptTermsForm
from shop.legal.terms import current_terms
from shop.payments import services as payment_services
from shop.payments.csp import allow_stripe_js
from shop.shipping.methods import is_pickup

from . import payment
from .forms import DeliveryForm, FrenchAddressForm, PaymentMethodForm
from .mixins import order_confirmation_context

if TYPE_CHECKING:
    from oscar.apps.order.utils import OrderNumberGenerator
    from oscar.apps.payment.exceptions import PaymentError

    from shop.shipping.repository import Repository

    from .session import CheckoutSessionMixin
else:
    Repository = get_class("shipping.repository", "Repository")
    PaymentError = get_class("payment.exceptions", "PaymentError")
    CheckoutSessionMixin = get_class("checkout.session", "CheckoutSessionMixin")
    OrderNumberGenerator = get_class("order.utils", "OrderNumberGenerator")

logger = logging.getLogger("oscar.checkout")


class IndexView(oscar_views.IndexView):
    """Signed-in members go straight to the delivery choice."""

    success_url = reverse_lazy("checkout:shipping-method")
    pre_conditions = ["check_user_may_shop", *oscar_views.IndexView.pre_conditions]


class ShippingMethodView(CheckoutSessionMixin, generic.FormView):
    """Step 1: a pickup point and one of its upcoming slots, or home delivery."""

    template_name = "oscar/checkout/shipping_methods.html"
    form_class = DeliveryForm
    pre_conditions = [
        "check_user_may_shop",
        "check_distribution_is_open",
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
    ]

    def dispatch(self, request, *args, **kwargs):
        self._methods = None
        return super().dispatch(request, *args, **kwargs)

    def get_available_shipping_methods(self):
        if self._methods is None:
            self._methods = Repository().get_shipping_methods(
                basket=self.request.basket, user=self.request.user, request=self.request
            )
        return self._methods

    def get(self, request, *args, **kwargs):
        if not self.get_available_shipping_methods():
            messages.warning(
                request,
                _("No pickup point or delivery is open at the moment: please come back later."),
            )
            return redirect("basket:summary")
        return super().get(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["methods"] = self.get_available_shipping_methods()
        return kwargs

    def get_initial(self):
        code = self.checkout_session.shipping_method_code(self.request.basket)
        initial = {"method": code}
        slot_key = self.checkout_session.pickup_slot_key()
        if code and slot_key:
            for method in self.get_available_shipping_methods():
                if method.code == code and is_pickup(method):
                    initial[DeliveryForm.slot_field_name(method)] = slot_key
        return initial

    def form_valid(self, form):
        method = form.cleaned_data["shipping_method"]
        if is_pickup(method):
            self.checkout_session.use_pickup(method.code, form.cleaned_data["slot_key"])
            return redirect("checkout:payment-method")
        self.checkout_session.use_home_delivery(method.code)
        return redirect("checkout:shipping-address")


class ShippingAddressView(oscar_views.ShippingAddressView):
    """Step 1b, home delivery only: a French address (pickup needs none)."""

    form_class = FrenchAddressForm
    success_url = reverse_lazy("checkout:payment-method")
    pre_conditions = [
        "check_user_may_shop",
        "check_distribution_is_open",
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_method_is_home_delivery",
    ]
    skip_conditions = ["skip_if_pickup"]

    def get_initial(self):
        initial = self.checkout_session.new_shipping_address_fields()
        if initial:
            initial = {k: v for k, v in initial.items() if k != "country_id"}
            return initial
        # Pre-fill with the member's last French address, if any.
        address = (
            self.request.user.addresses.filter(country__iso_3166_1_a2="FR")
            .order_by("-is_default_for_shipping", "-date_created")
            .first()
        )
        if address is None:
            return {
                "first_name": self.request.user.first_name,
                "last_name": self.request.user.last_name,
            }
        return {
            name: getattr(address, name)
            for name in FrenchAddressForm.Meta.fields
            if name != "phone_number"
        } | {"phone_number": address.phone_number.as_national if address.phone_number else ""}

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.pop("addresses", None)
        return ctx

    def post(self, request, *args, **kwargs):
        # No address book on this page: only the form.
        return generic.FormView.post(self, request, *args, **kwargs)


class PaymentMethodView(CheckoutSessionMixin, generic.FormView):
    """Step 2: card (when Stripe is configured), pay at pickup, or bank transfer."""

    template_name = "oscar/checkout/payment_method.html"
    form_class = PaymentMethodForm
    pre_conditions = [
        "check_user_may_shop",
        "check_distribution_is_open",
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
    ]

    def get_initial(self):
        code = self.checkout_session.payment_method()
        initial = {"method": code} if payment.is_offered(code) else {}
        # The wallet is proposed for as much as it can pay, until the member says
        # otherwise ("" once they chose not to use it).
        chosen = self.checkout_session.wallet_amount()
        total = self.order_total()
        initial["use_wallet"] = chosen is None or bool(chosen)
        # Local currencies first (only some lines accept them), the wallet's euros next.
        local_chosen = self.checkout_session.local_amounts()
        in_local = Decimal("0.00")
        for part in self.local_parts():
            amount = Decimal(local_chosen.get(part.currency, "0")) if chosen is not None else None
            amount = part.payable if amount is None else min(amount, part.payable)
            initial[PaymentMethodForm.local_field_name(part)] = amount
            in_local += amount
        initial["wallet_amount"] = (
            self.wallet_part(total)
            if chosen
            else min(payment.wallet_available(self.request.user), max(total - in_local, 0))
        )
        return initial

    def order_total(self):
        if not hasattr(self, "_order_total"):
            self._order_total = self.build_submission()["order_total"].incl_tax
        return self._order_total

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["wallet_available"] = payment.wallet_available(self.request.user)
        kwargs["total"] = self.order_total()
        kwargs["local_parts"] = self.local_parts()
        return kwargs

    def local_parts(self):
        if not hasattr(self, "_local_parts"):
            self._local_parts = payment.basket_local_parts(self.request.user, self.request.basket)
        return self._local_parts

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx.update(transfer_context(self.request.basket, ctx.get("order_total")))
        return ctx

    def form_valid(self, form):
        wallet, local = form.cleaned_data["wallet"], form.cleaned_data["local"]
        # The wallet (and local currencies) paying everything needs no other method.
        code = form.cleaned_data["method"] if wallet < form.cleaned_data["due"] else None
        if code != self.checkout_session.payment_method():
            self.checkout_session.clear_card_payment()
        self.checkout_session.use_wallet(str(wallet) if wallet else "")
        self.checkout_session.use_local_currencies(
            {code_: str(amount) for code_, amount in local.items()}
        )
        self.checkout_session.pay_by(code)
        if payment.is_card(code):
            return redirect("checkout:payment-details")
        return redirect("checkout:preview")


class PaymentDetailsView(oscar_views.PaymentDetailsView):
    """`payment-details`: the card step (Stripe's Payment Element); `preview`: review the
    order, accept the terms of sale and place it."""

    pre_conditions = [
        "check_user_may_shop",
        "check_distribution_is_open",
        "check_basket_is_not_empty",
        "check_basket_is_valid",
        "check_user_email_is_captured",
        "check_shipping_data_is_captured",
        "check_payment_method_is_chosen",
    ]

    def get_skip_conditions(self, request):
        if not self.preview:
            return ["skip_unless_card_payment"]
        return []

    def skip_unless_card_payment(self, request):
        if not payment.is_card(self.checkout_session.payment_method()) or (
            self.wallet_covers_total()
        ):
            raise PassedSkipCondition(url=reverse("checkout:preview"))

    def get(self, request, *args, **kwargs):
        if not self.preview:
            try:
                self.prepare_card_payment()
            except PaymentError:
                logger.exception("Card payment could not be prepared")
                messages.error(
                    request,
                    _("Card payment is unavailable at the moment: please choose another method."),
                )
                return redirect("checkout:payment-method")
        return super().get(request, *args, **kwargs)

    def prepare_card_payment(self) -> dict:
        """The PaymentIntent for this basket's order number and total (shop.payments
        reuses it while the total is unchanged, and replaces it when it changes)."""
        basket = self.request.basket
        submission = self.build_submission()
        total = submission["order_total"]
        session = payment_services.prepare_card_payment(
            order_number=self.generate_order_number(basket),
            amount=self.euros_due(total.incl_tax),
            currency=total.currency,
            email=self.request.user.email,
        )
        self.checkout_session.set_card_payment(
            payment_intent_id=session.payment_intent_id,
            client_secret=session.client_secret,
            publishable_key=session.publishable_key,
            amount=str(session.amount),
        )
        return self.checkout_session.card_payment()

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        # Stripe.js is allowed by the page's policy where it is loaded, and nowhere else.
        return allow_stripe_js(response) if "stripe_js_url" in context else response

    def handle_place_order_submission(self, request):
        """No order without the terms of sale accepted: the review page comes back with
        the box's error, before Oscar freezes the basket or touches the payment."""
        form = AcceptTermsForm(request.POST)
        if not form.is_valid():
            return self.render_preview(request, terms_form=form)
        self.accept_terms(current_terms())
        return super().handle_place_order_submission(request)

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        if self.preview:
            ctx.setdefault("terms_form", AcceptTermsForm())
            ctx["terms"] = current_terms()
        if payment.is_card(ctx.get("payment_method_code")) and not self.preview:
            card = self.checkout_session.card_payment() or {}
            ctx["stripe_js_url"] = settings.STRIPE_JS_URL
            ctx["stripe_publishable_key"] = card.get("publishable_key", "")
            ctx["stripe_client_secret"] = card.get("client_secret", "")
            ctx["stripe_return_url"] = self.request.build_absolute_uri(reverse("checkout:preview"))
        if ctx.get("payment_method_code") == payment.PaymentMethod.TRANSFER:
            ctx.update(transfer_context(self.request.basket, ctx.get("order_total")))
        return ctx


class ThankYouView(oscar_views.ThankYouView):
    def get_context_data(self, *args, **kwargs):
        ctx = super().get_context_data(*args, **kwargs)
        ctx.update(order_confirmation_context(ctx["order"]))
        return ctx


def transfer_context(basket, total) -> dict:
    """The transfer reference the order will get (its number is known before it is
    placed: Oscar derives it from the basket) and the shop's bank details."""
    order_number = OrderNumberGenerator().order_number(basket)
    return {
        "transfer_reference": payment_services.bank_transfer_reference(str(order_number)),
        "bank_details": payment.bank_details(
            order_number=str(order_number),
            amount=total.incl_tax if total else None,
            currency=basket.currency,
        ),
    }
