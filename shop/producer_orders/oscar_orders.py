"""Oscar's order dashboard, for staff only (a proposed INSTALLED_APPS entry, not yet used).

Oscar 4.2 opens its order pages to partner users (`partner.dashboard_access`) and lets
them reach any order that holds at least one of their lines
(`dashboard.orders.views.queryset_orders_for_user`). Once there, nothing is filtered by
partner: the order detail page lists every line of every producer with the order's
totals, `<number>/lines/<line_id>/` shows any line of the order, and the page's actions
(order status, line status, shipping and payment events, notes, the shipping address
page) act on the whole order. The order list and statistics show whole-order totals.

Producers have their own pages (this app), which only ever read their own lines; so
Oscar's order pages become staff pages, with the same views and templates. To use it,
replace `"oscar.apps.dashboard.orders.apps.OrdersDashboardConfig"` in INSTALLED_APPS
with `"shop.producer_orders.oscar_orders.StaffOnlyOrdersDashboardConfig"` (same app
name and label: nothing is forked, no migration). Oscar's dashboard menu then hides its
order entries from producers on its own (it asks the same permissions).
"""

from oscar.apps.dashboard.orders.apps import OrdersDashboardConfig
from oscar.core.loading import get_class


class StaffOnlyOrdersDashboardConfig(OrdersDashboardConfig):
    """Oscar's order dashboard without its partner access: staff, or `order.view_order`."""

    def configure_permissions(self):
        super().configure_permissions()
        DashboardPermission = get_class("dashboard.permissions", "DashboardPermission")
        partner_access = DashboardPermission.partner_dashboard_access
        self.permissions_map = {
            url_name: tuple(rule for rule in rules if rule != partner_access)
            for url_name, rules in self.permissions_map.items()
        }
