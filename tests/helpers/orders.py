"""Placing orders in tests.

`place_order` places an order either the way a member does, through the checkout with the
test client, or directly in the database with hand-priced lines (for the screens that
read orders: producers' order lists, feedback, customer pages). `make_order` builds one
from a basket with Oscar's own `create_order`, as the payments tests need.
"""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.shipping.models import OrderPickup, PickupPoint
from tests.factories import UserFactory, create_product

Basket = get_model("basket", "Basket")
Line = get_model("order", "Line")
Order = get_model("order", "Order")
Selector = get_class("partner.strategy", "Selector")

# The pickup day of the orders built in the database, unless told otherwise.
PICKUP_DAY = datetime.date(2025, 6, 6)
CENT = Decimal("0.01")


def place_order(
    client=None,
    *,
    number: str | None = None,
    user=None,
    items=(),
    status: str | None = None,
    point: PickupPoint | None = None,
    day: datetime.date | None = PICKUP_DAY,
    date_placed: datetime.datetime | None = None,
    pickup: bool = True,
    accept_terms: bool = True,
):
    """Place an order.

    With `client` (a test client at the checkout's review page): submit it, as the member
    does, ticking the terms of sale box unless `accept_terms` is false, and return the
    response. No order field may be given then.

    Without: create order `number` for `user` in the database, with one line per
    (product, quantity) of `items`, priced as the shop's strategy does (price excl. tax
    from the stock record, VAT of the product class rounded per unit), in `status`; with
    its pickup (at `point` on `day`, or a home delivery without a point) unless `pickup`
    is false. Return the order.
    """
    if client is not None:
        if number is not None or user is not None or items or status is not None:
            raise TypeError("place_order(client) submits the checkout: no order fields")
        data = {"action": "place_order"}
        if accept_terms:
            data["accept_terms"] = "on"
        return client.post(reverse("checkout:preview"), data)
    if number is None or user is None or status is None:
        raise TypeError("place_order() needs a client, or number=, user=, items= and status=")
    return _create_order(
        number=number,
        user=user,
        items=items,
        status=status,
        point=point,
        day=day,
        date_placed=date_placed,
        pickup=pickup,
    )


def _create_order(*, number, user, items, status, point, day, date_placed, pickup):
    order = Order.objects.create(
        number=number,
        user=user,
        currency=settings.OSCAR_DEFAULT_CURRENCY,
        total_incl_tax=Decimal("0.00"),
        total_excl_tax=Decimal("0.00"),
        status=status,
        date_placed=date_placed or timezone.now(),
        shipping_method="Retrait" if point else "Livraison",
    )
    total_excl = total_incl = Decimal("0.00")
    for product, quantity in items:
        record = product.stockrecords.get()
        unit_excl = record.price
        rate = product.get_product_class().vat_rate
        unit_incl = (unit_excl * (1 + rate)).quantize(CENT, rounding=ROUND_HALF_UP)
        Line.objects.create(
            order=order,
            partner=record.partner,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            stockrecord=record,
            product=product,
            title=product.get_title(),
            quantity=quantity,
            line_price_excl_tax=unit_excl * quantity,
            line_price_incl_tax=unit_incl * quantity,
            line_price_before_discounts_excl_tax=unit_excl * quantity,
            line_price_before_discounts_incl_tax=unit_incl * quantity,
            unit_price_excl_tax=unit_excl,
            unit_price_incl_tax=unit_incl,
            status=status,
            num_allocated=quantity,
        )
        total_excl += unit_excl * quantity
        total_incl += unit_incl * quantity
    Order.objects.filter(pk=order.pk).update(total_excl_tax=total_excl, total_incl_tax=total_incl)
    if pickup:
        OrderPickup.objects.create(
            order=order,
            point=point,
            day=day,
            start_time=datetime.time(17, 0) if point else None,
            end_time=datetime.time(19, 0) if point else None,
        )
    order.refresh_from_db()
    return order


def make_order(*, user=None, price: Decimal = Decimal("20.00"), quantity: int = 1):
    """A placed order in euros, through a basket and Oscar's `create_order` (VAT 5.5 %:
    20.00 excl. tax → 21.10 incl. tax)."""
    product = create_product(price_excl_tax=price)
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return create_order(basket=basket, user=user or UserFactory())
