"""The shipping methods offered at checkout: every active pickup point, and home
delivery when staff turned it on; for a basket filled for a distribution, only the
distribution's pickup points (its pickup window is the slot)."""

from oscar.apps.shipping import repository

from shop.distributions.pickup import DistributionPickupMethod
from shop.distributions.selectors import distribution_of_basket

from .methods import HomeDeliveryMethod, PickupEstimate, PickupMethod
from .models import HomeDelivery, PickupPoint


class Repository(repository.Repository):
    def get_available_shipping_methods(self, basket, shipping_addr=None, **kwargs):
        distribution = distribution_of_basket(basket)
        if distribution is not None:
            return [
                DistributionPickupMethod(point, distribution)
                for point in distribution.pickup_points.filter(is_active=True)
            ]
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
