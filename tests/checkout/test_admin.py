"""Staff manage pickup points, their slots and the home delivery fee in Django's admin."""

import pytest
from django.urls import reverse

from shop.shipping.models import HomeDelivery
from tests.factories import UserFactory, make_pickup_point

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_pickup_points_are_listed_and_editable_with_their_slots(admin_client):
    point = make_pickup_point()
    response = admin_client.get(reverse("admin:shipping_pickuppoint_changelist"))
    assert response.status_code == 200
    assert point.name in response.content.decode()
    response = admin_client.get(reverse("admin:shipping_pickuppoint_change", args=[point.pk]))
    assert response.status_code == 200
    assert "slots-TOTAL_FORMS" in response.content.decode()


def test_home_delivery_has_a_single_row(admin_client):
    assert admin_client.get(reverse("admin:shipping_homedelivery_add")).status_code == 200
    HomeDelivery.objects.create(is_enabled=True)
    assert admin_client.get(reverse("admin:shipping_homedelivery_add")).status_code == 403
    assert admin_client.get(reverse("admin:shipping_orderpickup_changelist")).status_code == 200
