from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GroupbuyConfig(AppConfig):
    name = "groupbuy"
    verbose_name = _("Group buying")

    def ready(self) -> None:
        from shop.distributions import access as distribution_access
        from shop.distributions.closing import recipients as closing_recipients

        from . import events
        from .groups.selectors import coordinated_point_ids, coordinator_emails_at_points
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
        # They also receive the distribution sheets when ordering closes.
        closing_recipients.register_coordinators_provider(coordinator_emails_at_points)
