"""Staff pages for an order's payment: capture, cancel or refund a card payment; mark
an offline payment paid or refunded; the audit trail. Staff only (others get 403)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views import generic
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_model

from shop.payments import services
from shop.payments.selectors import payment_summary

from .forms import AmountForm, CaptureForm, ConfirmForm, RefundForm

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
else:
    Order = get_model("order", "Order")


from shop.access import StaffRequiredMixin


class OrderMixin(StaffRequiredMixin):
    @cached_property
    def order(self) -> Order:
        return get_object_or_404(Order, number=self.kwargs["number"])


class OrderPaymentView(OrderMixin, generic.TemplateView):
    template_name = "payments/dashboard/order_payment.html"

    def get_context_data(self, **kwargs) -> dict:
        summary = payment_summary(self.order)
        return super().get_context_data(
            order=self.order,
            summary=summary,
            capture_form=CaptureForm(),
            refund_form=RefundForm(
                initial={"amount": summary.refundable or summary.order_refundable}
            ),
            mark_paid_form=AmountForm(initial={"amount": summary.outstanding}),
            cancel_form=ConfirmForm(),
            **kwargs,
        )


class PaymentActionView(OrderMixin, generic.View):
    """POST only: validate the form, call the service, say how it went, go back."""

    http_method_names = ["post"]
    form_class: type[forms.Form] = AmountForm

    @property
    def success_message(self) -> str:
        return ""

    def act(self, order: Order, data: dict) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, *args, **kwargs) -> HttpResponse:
        form = self.form_class(request.POST)
        if not form.is_valid():
            for errors in form.errors.values():
                for error in errors:
                    messages.error(request, str(error))  # ErrorList items are str
        else:
            try:
                self.act(self.order, form.cleaned_data)
            except UnableToTakePayment as exc:
                messages.error(request, str(exc))
            except PaymentError as exc:
                messages.error(
                    request,
                    str(exc) or _("The payment service cannot be reached. Please try again."),
                )
            else:
                messages.success(request, self.success_message)
        return redirect("payments-dashboard:order", number=self.order.number)


class CaptureView(PaymentActionView):
    form_class = CaptureForm

    @property
    def success_message(self) -> str:
        return _("The card payment has been captured.")

    def act(self, order: Order, data: dict) -> None:
        services.capture_card_payment(
            order=order, amount=data.get("amount"), user=self.request.user
        )


class CancelView(PaymentActionView):
    form_class = ConfirmForm

    @property
    def success_message(self) -> str:
        return _("The card authorisation has been cancelled.")

    def act(self, order: Order, data: dict) -> None:
        services.cancel_card_payment(order=order, user=self.request.user)


class RefundView(PaymentActionView):
    form_class = RefundForm

    @property
    def success_message(self) -> str:
        return _("The refund has been recorded.")

    def act(self, order: Order, data: dict) -> None:
        summary = payment_summary(order)
        if data.get("destination") == RefundForm.WALLET or not (
            summary.is_card or summary.is_offline
        ):
            # Paid by the wallet alone, its way back is the wallet.
            services.order_refund_to_wallet(
                order=order, amount=data["amount"], by=self.request.user, note=data["note"]
            )
        elif summary.is_card:
            services.refund_card_payment(
                order=order, amount=data["amount"], user=self.request.user, note=data["note"]
            )
        else:
            services.refund_offline(
                order=order, amount=data["amount"], user=self.request.user, note=data["note"]
            )


class MarkPaidView(PaymentActionView):
    @property
    def success_message(self) -> str:
        return _("The payment has been recorded.")

    def act(self, order: Order, data: dict) -> None:
        services.mark_offline_paid(
            order=order, amount=data["amount"], user=self.request.user, note=data["note"]
        )
