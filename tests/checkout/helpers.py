"""Shared helpers of the checkout tests: pickup points with slots every day, and walking
a member's basket through the checkout with the test client."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from shop.shipping.models import PickupPoint, PickupSlot


def make_pickup_point(
    *,
    name: str = "Épicerie coopérative de Die",
    slug: str = "epicerie-die",
    city: str = "Die",
    postcode: str = "26150",
    latitude: float | None = 44.7537,
    longitude: float | None = 5.3705,
    is_active: bool = True,
    every_day: bool = True,
) -> PickupPoint:
    """A pickup point open 17:00–19:00 every day of the week (so that it always has an
    upcoming slot tomorrow, whatever day the tests run)."""
    point = PickupPoint.objects.create(
        name=name,
        slug=slug,
        address_line="12 rue Camille Buffardel",
        postcode=postcode,
        city=city,
        latitude=latitude,
        longitude=longitude,
        instructions="Entrée par la cour, sonnez à l'atelier.",
        is_active=is_active,
    )
    if every_day:
        for weekday in range(7):
            PickupSlot.objects.create(
                point=point,
                weekday=weekday,
                start_time=datetime.time(17, 0),
                end_time=datetime.time(19, 0),
            )
    return point


def tomorrow_key(point: PickupPoint) -> str:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    slot = point.slots.get(weekday=tomorrow.weekday())
    return f"{slot.pk}:{tomorrow.isoformat()}"


def add_to_basket(client, product, quantity: int = 1):
    response = client.post(reverse("basket:add", kwargs={"pk": product.pk}), {"quantity": quantity})
    assert response.status_code == 302, response
    return response


def choose_pickup(client, point, slot_key: str | None = None):
    return client.post(
        reverse("checkout:shipping-method"),
        {"method": point.shipping_code, f"slot_{point.pk}": slot_key or tomorrow_key(point)},
    )


def choose_payment(client, method: str):
    return client.post(reverse("checkout:payment-method"), {"method": method})


def place_order(client):
    return client.post(reverse("checkout:preview"), {"action": "place_order"})


def walk_to_preview(client, product, point, *, method: str = "pickup", quantity: int = 1):
    """Basket → delivery (pickup) → payment → review, asserting each redirect."""
    add_to_basket(client, product, quantity)
    response = choose_pickup(client, point)
    assert response.status_code == 302, (
        getattr(response, "context", None) and response.context["form"].errors
    )
    assert response.url == reverse("checkout:payment-method")
    response = choose_payment(client, method)
    assert response.status_code == 302
    assert response.url == reverse("checkout:preview")
    response = client.get(reverse("checkout:preview"))
    assert response.status_code == 200
    return response
