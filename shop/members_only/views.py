from __future__ import annotations

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from oscar.apps.basket import views as oscar_views
from oscar.core.utils import safe_referrer

from shop.distributions import current

from . import forbidden, shop_refusal, wants_html, warn


class BasketAddView(oscar_views.BasketAddView):
    """Oscar's add-to-basket, refused (nothing added) to those the shop is closed to,
    and, when distributions are open, beyond what the basket's distribution offers."""

    def post(self, request, *args, **kwargs):
        message = shop_refusal(request.user)
        if message is None:
            refusal = self.distribution_refusal(request, kwargs["pk"])
            if refusal is not None:
                return refusal
            response = super().post(request, *args, **kwargs)
            current.attach_basket(request)
            return response
        if not wants_html(request):
            return forbidden(message)
        warn(request, message)
        product = get_object_or_404(self.product_model, pk=kwargs["pk"])
        return redirect(safe_referrer(request, product.get_absolute_url()))

    def distribution_refusal(self, request, pk):
        product = get_object_or_404(self.product_model, pk=pk)
        try:
            quantity = max(int(request.POST.get("quantity", 1)), 1)
        except (TypeError, ValueError):
            quantity = 1
        message = current.add_refusal(request, product, quantity)
        if message is None:
            return None
        if not wants_html(request):
            return forbidden(message)
        messages.error(request, message)
        return redirect(safe_referrer(request, product.get_absolute_url()))
