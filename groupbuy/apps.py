from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupbuyConfig(AppConfig):
    name = "groupbuy"
    verbose_name = _("Group buying")

    def ready(self) -> None:
        from shop.distributions import access as distribution_access

        from . import events
        from .groups.selectors import coordinated_point_ids
        from .orders import live
        from .settlement import wallet

        events.group_order_commitments_changed.connect(
            live.on_commitments_changed, dispatch_uid="groupbuy.live.broadcast"
        )
        events.group_order_state_changed.connect(
            wallet.on_group_order_cancelled, dispatch_uid="groupbuy.wallet.prepayments"
        )
        # Coordinators manage the shop's distributions at their groups' pickup points.
        distribution_access.register_points_provider(coordinated_point_ids)
