from __future__ import annotations

from django.shortcuts import get_object_or_404, redirect
from oscar.apps.basket import views as oscar_views
from oscar.core.utils import safe_referrer

from . import forbidden, shop_refusal, wants_html, warn


class BasketAddView(oscar_views.BasketAddView):
    """Oscar's add-to-basket, refused (nothing added) to those the shop is closed to."""

    def post(self, request, *args, **kwargs):
        message = shop_refusal(request.user)
        if message is None:
            return super().post(request, *args, **kwargs)
        if not wants_html(request):
            return forbidden(message)
        warn(request, message)
        product = get_object_or_404(self.product_model, pk=kwargs["pk"])
        return redirect(safe_referrer(request, product.get_absolute_url()))
