"""Walking a member's basket through the checkout with the test client (pickup points
open every day: `tests.factories.make_pickup_point`; the last step:
`tests.helpers.orders.place_order`)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from shop.shipping.models import PickupPoint


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
