"""Views of the root shop app that stand in for one of Oscar's."""

from django.shortcuts import get_object_or_404, redirect
from oscar.apps.customer.views import OrderLineView as OscarOrderLineView
from oscar.core.loading import get_model

Order = get_model("order", "Order")


class OrderLineView(OscarOrderLineView):
    """An order line of the signed-in member: "buy again" (POST) as Oscar does it.

    Oscar 4.2 ships no template for a customer's order line, so opening its URL was a
    server error: the line is shown on its order's page instead. Someone else's order, or
    a line that is not in the order, is a 404.
    """

    def get_object(self, queryset=None):
        order = get_object_or_404(Order, user=self.request.user, number=self.kwargs["order_number"])
        return get_object_or_404(order.lines.all(), id=self.kwargs["line_id"])

    def get(self, request, *args, **kwargs):
        line = self.get_object()
        return redirect("customer:order", order_number=line.order.number)
