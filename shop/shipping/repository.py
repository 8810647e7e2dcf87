"""The shipping methods offered at checkout: every active pickup point, and home
delivery when staff turned it on."""

from oscar.apps.shipping import repository

from .methods import HomeDeliveryMethod, PickupEstimate, PickupMethod
from .models import HomeDelivery, PickupPoint


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        methods = [
            PickupMethod(point) for point in PickupPoint.objects.active().prefetch_related("slots")
        ]
        delivery = HomeDelivery.current()
        if delivery.is_enabled:
            methods.append(HomeDeliveryMethod(delivery))
        return methods

    def get_default_shipping_method(self, basket, shipping_addr=None, **kwargs):
        """For the basket page: "collection at a pickup point, free" rather than the
        first point's name (the customer has not chosen yet), and no error when no
        method is open (the checkout then says so)."""
        methods = self.get_shipping_methods(basket, shipping_addr=shipping_addr, **kwargs)
        if not methods or any(isinstance(m, PickupMethod) for m in methods):
            return PickupEstimate()
        return methods[0]
