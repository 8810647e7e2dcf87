"""Oscar's own dashboard order pages, as producer A's user sees them.

Oscar 4.2 lets a partner user reach any order holding one of its lines
(`dashboard.orders.views.queryset_orders_for_user`) and then shows and acts on the whole
order: every producer's lines, the order's totals and status. These tests state what
should hold: Oscar's order pages are restricted to staff by
`shop.producer_orders.oscar_orders.StaffOnlyOrdersDashboardConfig` in INSTALLED_APPS.
Producers use the pages of `shop.producer_orders`.
"""

from __future__ import annotations

import oscar.apps.dashboard.orders as oscar_orders_module
import pytest
from django.urls import reverse
from oscar.apps.dashboard.orders.apps import OrdersDashboardConfig
from oscar.core.loading import get_model
from oscar.views.decorators import check_permissions

from shop.producer_orders.oscar_orders import StaffOnlyOrdersDashboardConfig
from tests.factories import UserFactory
from tests.producer_orders.orders import B_STRINGS

Order = get_model("order", "Order")

pytestmark = pytest.mark.django_db


def test_producer_a_cannot_open_oscars_order_page_of_a_mixed_order(client, world):
    """Order 100001 holds lines of A and B: Oscar's page is staff-only."""
    client.force_login(world.user_a)
    detail = reverse("dashboard:order-detail", kwargs={"number": "100001"})
    assert client.get(detail).status_code == 403


def test_oscar_order_detail_does_not_show_b_lines_to_a(client, world):
    client.force_login(world.user_a)
    response = client.get(reverse("dashboard:order-detail", kwargs={"number": "100001"}))
    if response.status_code == 200:
        content = response.content.decode()
        for text in B_STRINGS[:2]:
            assert text not in content
    else:
        assert response.status_code in (403, 404)


def test_oscar_line_detail_of_a_b_line_is_refused_to_a(client, world):
    line_b = world.orders["100001"].lines.get(partner=world.b)
    client.force_login(world.user_a)
    path = reverse("dashboard:order-line-detail", kwargs={"number": "100001", "line_id": line_b.pk})
    assert client.get(path).status_code in (403, 404)


def test_a_cannot_change_the_status_of_a_whole_mixed_order(client, world):
    if "preparing" not in Order.pipeline.get("paid", ()):
        pytest.skip("needs the payments status pipeline (paid → preparing)")
    client.force_login(world.user_a)
    client.post(
        reverse("dashboard:order-detail", kwargs={"number": "100001"}),
        {"order_action": "change_order_status", "new_status": "preparing"},
    )
    assert Order.objects.get(number="100001").status == "paid"


def test_staff_only_config_drops_partner_access_from_every_order_page(world):
    config = StaffOnlyOrdersDashboardConfig("oscar.apps.dashboard.orders", oscar_orders_module)
    config.configure_permissions()
    stock = OrdersDashboardConfig("oscar.apps.dashboard.orders", oscar_orders_module)
    stock.configure_permissions()
    admin = UserFactory(is_staff=True, is_superuser=True)
    assert set(config.permissions_map) == set(stock.permissions_map)
    for url_name, permissions in config.permissions_map.items():
        assert check_permissions(world.user_a, stock.permissions_map[url_name]), url_name
        assert not check_permissions(world.user_a, permissions), url_name
        assert check_permissions(admin, permissions), url_name


def test_producer_dashboard_home_shows_no_shop_wide_figures(client, world):
    client.force_login(world.user_a)
    response = client.get(reverse("dashboard:index"))
    assert response.status_code == 200
    assert response.templates[0].name == "oscar/dashboard/index_nonstaff.html"
    assert reverse("producer-orders:index") in response.content.decode()
