"""Checkout pre-conditions for a cooperative that mostly hands orders over at pickup
points (Oscar's fork).

The customer chooses delivery first: a pickup point and a dated slot (no shipping
address then) or home delivery (then a French address). The payment method comes next.
"""

from decimal import Decimal, InvalidOperation

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from oscar.apps.checkout import exceptions, session

from shop import members_only
from shop.distributions import current as distribution_current
from shop.shipping.methods import is_pickup, pickup_point_of

from . import payment
from .pickup import find_slot, slot_label


class CheckoutSessionMixin(session.CheckoutSessionMixin):
    # Members only
    # ------------

    def check_user_may_shop(self, request):
        """The shop's members-only rule (shop.gates.SHOP), at every step, so also when
        the order is placed: back to the basket with the reason and the link to apply."""
        message = members_only.shop_refusal(request.user)
        if message:
            members_only.warn(request, message)
            raise exceptions.FailedPreCondition(url=reverse("basket:summary"))

    # Distributions
    # -------------

    def check_distribution_is_open(self, request):
        """With distributions open, the basket must belong to one still taking orders."""
        message = distribution_current.checkout_refusal(request)
        if message:
            raise exceptions.FailedPreCondition(
                url=reverse("distributions:choose"), message=message
            )

    # Delivery
    # --------

    def get_chosen_shipping_method(self, basket=None):
        basket = basket if basket is not None else self.request.basket
        return self.get_shipping_method(basket, self.get_shipping_address(basket))

    def chosen_method_is_pickup(self) -> bool:
        code = self.checkout_session.shipping_method_code(self.request.basket) or ""
        return code.startswith("pickup-")

    def get_shipping_address(self, basket):
        if self.chosen_method_is_pickup():
            return None
        return super().get_shipping_address(basket)

    def get_pickup_slot(self, method):
        if pickup_point_of(method) is None:
            return None
        return find_slot(method, self.checkout_session.pickup_slot_key())

    def check_shipping_data_is_captured(self, request):
        if not request.basket.is_shipping_required():
            return super().check_shipping_data_is_captured(request)
        if not self.checkout_session.is_shipping_method_set(request.basket):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:shipping-method"),
                message=_("Please choose how you will receive your order"),
            )
        method = self.get_chosen_shipping_method()
        if method is None:
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:shipping-method"),
                message=_(
                    "Your previously chosen delivery option is no longer available. "
                    "Please choose another one"
                ),
            )
        if is_pickup(method):
            if self.get_pickup_slot(method) is None:
                raise exceptions.FailedPreCondition(
                    url=reverse("checkout:shipping-method"),
                    message=_(
                        "The pickup slot you chose is no longer available: "
                        "please choose another one"
                    ),
                )
        else:
            self.check_a_valid_shipping_address_is_captured()

    def check_shipping_method_is_home_delivery(self, request):
        """The address step only exists for home delivery."""
        if not self.checkout_session.is_shipping_method_set(request.basket):
            raise exceptions.FailedPreCondition(url=reverse("checkout:shipping-method"))

    def skip_if_pickup(self, request):
        if self.chosen_method_is_pickup():
            raise exceptions.PassedSkipCondition(url=reverse("checkout:payment-method"))

    # Payment
    # -------

    def local_part(self, total: Decimal) -> dict[str, Decimal]:
        """What each local currency pays of `total` (code → amount), as chosen at the
        payment step; nothing once they would add up to more than the total."""
        if not self.request.user.is_authenticated:
            return {}
        amounts = {}
        for code, amount in self.checkout_session.local_amounts().items():
            try:
                value = Decimal(amount)
            except InvalidOperation:
                continue
            if value > 0:
                amounts[code] = value
        return amounts if sum(amounts.values(), Decimal("0")) <= total else {}

    def wallet_part(self, total: Decimal) -> Decimal:
        """What the member's wallet pays of `total`: the amount chosen at the payment
        step, never more than what the local currencies leave (the basket may have
        changed since)."""
        try:
            chosen = Decimal(self.checkout_session.wallet_amount() or "0")
        except InvalidOperation:
            chosen = Decimal("0")
        if chosen <= 0 or not self.request.user.is_authenticated:
            return Decimal("0.00")
        return min(chosen, total - sum(self.local_part(total).values(), Decimal("0")))

    def euros_due(self, total: Decimal) -> Decimal:
        """What the chosen method pays: the total less the wallet and local parts."""
        local = sum(self.local_part(total).values(), Decimal("0"))
        return total - local - self.wallet_part(total)

    def wallet_covers_total(self) -> bool:
        total = self.build_submission()["order_total"].incl_tax
        return total > 0 and self.euros_due(total) <= 0

    def check_payment_method_is_chosen(self, request):
        chosen = self.checkout_session.wallet_amount() or self.checkout_session.local_amounts()
        if chosen and self.wallet_covers_total():
            return
        if not payment.is_offered(self.checkout_session.payment_method()):
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-method"),
                message=_("Please choose a payment method"),
            )

    def check_payment_data_is_captured(self, request):
        self.check_payment_method_is_chosen(request)
        method = self.checkout_session.payment_method()
        if payment.is_card(method) and not self.checkout_session.card_payment():
            raise exceptions.FailedPreCondition(
                url=reverse("checkout:payment-details"),
                message=_("Please enter your card details"),
            )

    # Context
    # -------

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        method = ctx.get("shipping_method")
        ctx["is_pickup"] = bool(method) and is_pickup(method)
        if ctx["is_pickup"]:
            ctx["pickup_point"] = pickup_point_of(method)
            dated = self.get_pickup_slot(method)
            ctx["pickup_slot"] = dated
            ctx["pickup_slot_label"] = slot_label(dated) if dated else ""
        code = self.checkout_session.payment_method()
        total = ctx.get("order_total")
        ctx["wallet_amount"] = self.wallet_part(total.incl_tax) if total else Decimal("0.00")
        local = self.local_part(total.incl_tax) if total else {}
        names = payment.currency_names(list(local))
        ctx["local_amounts"] = [(names.get(code, code), local[code]) for code in sorted(local)]
        ctx["rest_amount"] = self.euros_due(total.incl_tax) if total else None
        if (ctx["wallet_amount"] or ctx["local_amounts"]) and not ctx["rest_amount"]:
            code = None  # the wallet pays all: no other method
            ctx["payment_method_label"] = str(payment.WALLET_LABEL)
        if payment.is_offered(code):
            ctx["payment_method_code"] = code
            ctx["payment_method_label"] = payment.method_label(code)
            ctx["payment_method_help"] = payment.method_help(code)
        return ctx
