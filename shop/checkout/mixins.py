"""Placing an order (Oscar's fork): stock re-checked under row locks, the pickup slot
recorded, the payment recorded through shop.payments, and a confirmation e-mail with the
order's impact summary in the customer's language."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.utils import timezone, translation
from django.utils.formats import date_format, time_format
from django.utils.translation import gettext as _
from oscar.apps.checkout import mixins
from oscar.core.loading import get_class, get_model

from shop.distributions import services as distribution_services
from shop.distributions.selectors import distribution_of_basket
from shop.legal.models import TermsAcceptance
from shop.legal.services import terms_acceptance_record
from shop.legal.terms import Terms
from shop.payments import services as payment_services
from shop.shipping.methods import is_pickup, pickup_point_of
from shop.shipping.models import OrderPickup
from shop.wallet.services import WalletError

from . import payment
from .impact_summary import order_impact_summary
from .stock import OutOfStock, lock_and_check_stock, shrink_basket

if TYPE_CHECKING:
    from oscar.apps.basket.models import Basket
    from oscar.apps.order.exceptions import UnableToPlaceOrder
    from oscar.apps.order.utils import OrderCreator
    from oscar.apps.payment.exceptions import UnableToTakePayment

    from shop.payments.services import CardAuthorization
else:
    OrderCreator = get_class("order.utils", "OrderCreator")
    UnableToPlaceOrder = get_class("order.exceptions", "UnableToPlaceOrder")
    UnableToTakePayment = get_class("payment.exceptions", "UnableToTakePayment")
    Basket = get_model("basket", "Basket")

logger = logging.getLogger("oscar.checkout")


class PickupOrderCreator(OrderCreator):
    """Oscar's OrderCreator that writes the order's pickup (point and slot, or home
    delivery) and the terms of sale accepted together with the order."""

    def __init__(self, *, pickup: dict, terms: tuple[Terms, datetime.datetime]):
        self.pickup = pickup
        self.terms = terms

    def create_order_model(self, *args, **kwargs):
        order = super().create_order_model(*args, **kwargs)
        OrderPickup.objects.create(order=order, **self.pickup)
        terms, accepted_at = self.terms
        terms_acceptance_record(
            order=order,
            version=terms.version,
            channel=TermsAcceptance.Channel.CHECKOUT,
            accepted_at=accepted_at,
        )
        return order


class OrderPlacementMixin(mixins.OrderPlacementMixin):
    _card_authorization: CardAuthorization | None = None
    _payment_method: str | None = None
    # What the member's wallet pays of the order, in euros and in local currencies
    # (code → amount), paid with the order's placement.
    _wallet_amount: Decimal = Decimal("0.00")
    _local_amounts: dict[str, Decimal] | None = None
    # The terms of sale the customer accepted on the review page, and when.
    _accepted_terms: tuple[Terms, datetime.datetime] | None = None

    def accept_terms(self, terms: Terms) -> None:
        self._accepted_terms = (terms, timezone.now())

    def generate_order_number(self, basket) -> str:
        # A string from the start: Stripe's metadata and the transfer reference hold it.
        return str(super().generate_order_number(basket))

    def get_initial_order_status(self, basket):
        return settings.OSCAR_INITIAL_ORDER_STATUS

    # Payment
    # -------

    def build_submission(self, **kwargs):
        submission = super().build_submission(**kwargs)
        submission["payment_kwargs"]["method"] = self.checkout_session.payment_method()
        total = submission.get("order_total")
        submission["payment_kwargs"]["wallet_amount"] = (
            self.wallet_part(total.incl_tax) if total else Decimal("0.00")
        )
        submission["payment_kwargs"]["local_amounts"] = (
            self.local_part(total.incl_tax) if total else {}
        )
        return submission

    def handle_payment(
        self, order_number, total, method=None, wallet_amount=None, local_amounts=None, **kwargs
    ):
        """Card: Stripe must hold an authorisation for this order number and for what
        the wallet does not pay (it is captured once the order exists). Offline methods:
        nothing to take now. The wallet pays its part with the order's placement."""
        self._card_authorization = None
        self._wallet_amount = wallet_amount or Decimal("0.00")
        self._local_amounts = local_amounts or {}
        rest = self.rest_to_pay(total.incl_tax)
        self._payment_method = method if rest > 0 else None
        if rest <= 0 or not payment.is_card(method):
            return
        card = self.checkout_session.card_payment()
        if not card:
            raise UnableToTakePayment(_("Please enter your card details again."))
        self._card_authorization = payment_services.verify_card_authorization(
            payment_intent_id=card["payment_intent_id"],
            order_number=order_number,
            amount=rest,
        )

    # Order
    # -----

    def handle_order_placement(self, order_number, user, basket, *args, **kwargs):
        try:
            return super().handle_order_placement(order_number, user, basket, *args, **kwargs)
        except OutOfStock as shortage:
            # Others bought the last units first: nothing was ordered, the card
            # authorisation (if any) is released, and the basket is brought down to what
            # is left, with a message saying so.
            logger.info("Order #%s not placed: %s", order_number, shortage)
            self.release_card_authorization(order_number)
            self.restore_frozen_basket()
            shrink_basket(Basket.objects.get(pk=basket.pk), shortage.shortages)
            for line in shortage.shortages:
                messages.error(self.request, line.message)
            return redirect("basket:summary")
        except distribution_services.DistributionShortage as shortage:
            # Others took what the distribution had left: as for the shop's stock.
            logger.info("Order #%s not placed: %s", order_number, shortage)
            self.release_card_authorization(order_number)
            self.restore_frozen_basket()
            distribution_services.basket_shrink_to_offers(
                basket=Basket.objects.get(pk=basket.pk), shortages=shortage.shortages
            )
            for line in shortage.shortages:
                messages.error(self.request, line.message)
            return redirect("basket:summary")
        except distribution_services.DistributionError as refusal:
            # Ordering closed meanwhile: nothing ordered; another distribution is needed.
            logger.info("Order #%s not placed: %s", order_number, refusal)
            self.release_card_authorization(order_number)
            self.restore_frozen_basket()
            messages.error(self.request, refusal.message)
            return redirect("distributions:choose")
        except WalletError as refusal:
            # The balance changed since the payment step (another order, a refund...):
            # nothing was ordered nor paid; the member chooses again.
            logger.info("Order #%s not placed: %s", order_number, refusal.messages)
            self.release_card_authorization(order_number)
            self.restore_frozen_basket()
            messages.error(self.request, " ".join(refusal.messages))
            return redirect("checkout:payment-method")

    def place_order(
        self,
        order_number,
        user,
        basket,
        shipping_address,
        shipping_method,
        shipping_charge,
        order_total,
        billing_address=None,
        surcharges=None,
        **kwargs,
    ):
        """Oscar's `place_order`, in one transaction that first locks the basket's stock
        records (by pk) and checks them again: of N concurrent checkouts for the last K
        units, K go through. The order's pickup and the terms of sale accepted are
        written with the order, before Oscar sends `order_placed` (its receivers run
        inside this transaction: they should defer side effects with
        `transaction.on_commit`)."""
        if self._accepted_terms is None:  # the review page's form is the way in
            raise UnableToPlaceOrder(_("Please accept the terms of sale to place your order."))
        with transaction.atomic():
            lock_and_check_stock(basket)
            # Then the distribution's offers, under their own row locks (always after
            # the stock records: the same order for every checkout, no deadlock).
            distribution = distribution_of_basket(basket)
            if distribution is not None:
                distribution_services.distribution_reserve_basket(
                    distribution=distribution, basket=basket
                )
            shipping_address = self.create_shipping_address(user, shipping_address)
            billing_address = self.create_billing_address(
                user, billing_address, shipping_address, **kwargs
            )
            if "status" in kwargs:
                status = kwargs.pop("status")
            else:
                status = self.get_initial_order_status(basket)
            request = kwargs.pop("request", None) or getattr(self, "request", None)
            creator = PickupOrderCreator(
                pickup=self.pickup_fields(shipping_method), terms=self._accepted_terms
            )
            order = creator.place_order(
                user=user,
                order_number=order_number,
                basket=basket,
                shipping_address=shipping_address,
                shipping_method=shipping_method,
                shipping_charge=shipping_charge,
                total=order_total,
                billing_address=billing_address,
                status=status,
                request=request,
                surcharges=surcharges,
                **kwargs,
            )
            if distribution is not None:
                distribution_services.order_distribution_record(
                    order=order,
                    distribution=distribution,
                    pickup_point=pickup_point_of(shipping_method),
                )
            producer_amounts = payment.basket_producer_amounts(basket)
            for code, amount in (self._local_amounts or {}).items():
                # In the same transaction: a refusal rolls the order back.
                payment_services.order_pay_local(
                    order=order,
                    currency=code,
                    amount=amount,
                    producer_amounts=producer_amounts,
                    by=user,
                )
            if self._wallet_amount > 0:
                payment_services.order_pay_from_wallet(
                    order=order, amount=self._wallet_amount, by=user
                )
            self.save_payment_details(order)
        return order

    def rest_to_pay(self, total: Decimal) -> Decimal:
        """What the chosen method pays once the wallet and local currencies paid."""
        local = sum((self._local_amounts or {}).values(), Decimal("0.00"))
        return total - self._wallet_amount - local

    def pickup_fields(self, shipping_method) -> dict:
        """The OrderPickup of the chosen method (no point: home delivery)."""
        if not is_pickup(shipping_method):
            return {}
        dated = self.get_pickup_slot(shipping_method)
        return {
            "point": pickup_point_of(shipping_method),
            "day": dated.day if dated else None,
            "start_time": dated.slot.start_time if dated else None,
            "end_time": dated.slot.end_time if dated else None,
        }

    def release_card_authorization(self, order_number) -> None:
        """Cancel the PaymentIntent of an order that could not be placed (no order, so
        not `cancel_card_payment`): the customer is not charged."""
        authorization, self._card_authorization = self._card_authorization, None
        if authorization is None:
            return
        self.checkout_session.clear_card_payment()
        payment_services.release_card_authorization(
            payment_intent_id=authorization.payment_intent_id, order_number=order_number
        )
        logger.info(
            "Order #%s: card authorisation %s released",
            order_number,
            authorization.payment_intent_id,
        )

    # After the order
    # ---------------

    def handle_successful_order(self, order):
        self.record_payment(order, self._payment_method)
        order.refresh_from_db()
        return super().handle_successful_order(order)

    def record_payment(self, order, method) -> None:
        """Record the payment on the placed order. The order stands whatever happens
        here (the basket is already submitted): a failure is logged for staff, and the
        order stays awaiting payment."""
        try:
            if payment.is_card(method):
                if self._card_authorization is None:  # handle_payment verified one
                    raise ValueError("No card authorisation to record")
                # Records the authorisation, then captures it when
                # STRIPE_CAPTURE_AT_CHECKOUT is on (a failed capture is logged there).
                payment_services.complete_card_checkout(
                    order=order, authorization=self._card_authorization
                )
            elif method:
                payment_services.record_offline_order(
                    order=order,
                    method=method,
                    amount=self.rest_to_pay(order.total_incl_tax),
                )
        except Exception:
            logger.exception("Order #%s: could not record its %s payment", order.number, method)

    def send_order_placed_email(self, order):
        # The customer's language is the one this request is served in (French unless
        # they chose another with the switcher).
        with translation.override(translation.get_language() or settings.LANGUAGE_CODE):
            super().send_order_placed_email(order)

    def get_message_context(self, order):
        ctx = super().get_message_context(order)
        ctx.update(order_confirmation_context(order, self._payment_method))
        return ctx


def pickup_slot_text(pickup: OrderPickup | None) -> str:
    if pickup is None or pickup.point_id is None or pickup.day is None:
        return ""
    return _("%(day)s, %(start)s–%(end)s") % {
        "day": date_format(pickup.day, "l j F Y"),
        "start": time_format(pickup.start_time, "TIME_FORMAT") if pickup.start_time else "",
        "end": time_format(pickup.end_time, "TIME_FORMAT") if pickup.end_time else "",
    }


def order_confirmation_context(order, method: str | None = None) -> dict:
    """What the confirmation (e-mail and thank-you page) shows besides Oscar's order:
    pickup, payment method and its instructions, impact summary."""
    split = payment.order_payment_split(order)
    if method:
        split["payment_method_code"] = method
        split["payment_method_label"] = payment.method_label(method)
    method = split["payment_method_code"]
    pickup = OrderPickup.objects.filter(order=order).select_related("point").first()
    ctx: dict[str, Any] = {
        "pickup": pickup,
        "pickup_slot_label": pickup_slot_text(pickup),
        **split,
        "impact": order_impact_summary(order),
        "site_name": settings.OSCAR_SHOP_NAME,
    }
    if method == payment.PaymentMethod.TRANSFER:
        ctx["transfer_reference"] = payment_services.bank_transfer_reference(order.number)
        ctx["bank_details"] = payment.bank_details(
            order_number=order.number, amount=split["rest_amount"], currency=order.currency
        )
    return ctx
