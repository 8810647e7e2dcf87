"""orders_place_bulk: many orders in a fixed number of queries, rows of the shape the
checkout writes for the same purchase, and Oscar's order_placed once per order."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from oscar.apps.order.signals import order_placed
from oscar.core.loading import get_model

from shop.checkout.order_writer import LineDraft, OrderDraft, PickupDraft, orders_place_bulk
from shop.payments.methods import PaymentMethod
from shop.payments.models import PaymentAudit
from tests.factories import ProducerFactory, UserFactory, create_product, make_pickup_point
from tests.helpers.orders import place_order

from .helpers import walk_to_preview

Order = get_model("order", "Order")
Source = get_model("payment", "Source")

pytestmark = pytest.mark.django_db


@pytest.fixture
def point():
    return make_pickup_point()


@pytest.fixture
def product():
    producer = ProducerFactory(name="SCOP Les Jardins du Diois")
    return create_product(title="Miel", price_excl_tax=Decimal("10.00"), producer=producer)


def draft_for(user, product, point, *, number: str, quantity: int = 1) -> OrderDraft:
    record = product.stockrecords.get()
    vat_rate = product.get_product_class().vat_rate
    return OrderDraft(
        number=number,
        user_id=user.pk,
        lines=[
            LineDraft(
                product_id=product.pk,
                title=product.get_title(),
                upc=product.upc or "",
                partner_id=record.partner_id,
                partner_name=record.partner.name,
                partner_sku=record.partner_sku,
                stockrecord_id=record.pk,
                quantity=quantity,
                unit_price_incl_tax=(Decimal("10.00") * (1 + vat_rate)).quantize(Decimal("0.01")),
                vat_rate=vat_rate,
            )
        ],
        shipping_method="Retrait",
        shipping_code="pickup",
        pickup=PickupDraft(point_id=point.pk),
        payment_method=PaymentMethod.PICKUP,
    )


@pytest.fixture
def heard():
    orders = []

    def receiver(sender, order, user, **kwargs):
        orders.append((order.number, user.pk))

    order_placed.connect(receiver, dispatch_uid="test-order-writer")
    yield orders
    order_placed.disconnect(dispatch_uid="test-order-writer")


def _line_shape(order):
    line = order.lines.get()
    filled = sorted(
        field.attname
        for field in line._meta.concrete_fields
        if getattr(line, field.attname) not in (None, "")
        and field.attname not in ("id", "order_id", "partner_line_reference")
    )
    prices = list(line.prices.values_list("quantity", "price_incl_tax", "price_excl_tax"))
    values = (
        line.partner_id,
        line.stockrecord_id,
        line.product_id,
        line.quantity,
        line.unit_price_incl_tax,
        line.unit_price_excl_tax,
        line.line_price_incl_tax,
        line.line_price_excl_tax,
        line.num_allocated,
        line.status,
    )
    return filled, prices, values


def _payment_trail(order):
    source = Source.objects.get(order=order)
    return (
        order.status,
        (source.source_type_id, source.currency, source.amount_allocated, source.label),
        list(order.payment_events.values_list("event_type__name", "amount", "reference")),
        list(PaymentAudit.objects.filter(order=order).values_list("action", "amount", "note")),
    )


def test_rows_have_the_shape_of_a_checkout_order(member_client, user, point, product, heard):
    walk_to_preview(member_client, product, point, method="pickup")
    place_order(member_client)
    checkout = Order.objects.get()
    placed = orders_place_bulk(drafts=[draft_for(user, product, point, number="B-1")])
    bulk = Order.objects.get(number="B-1")
    assert placed["B-1"] == bulk
    assert _line_shape(bulk) == _line_shape(checkout)
    assert _payment_trail(bulk) == _payment_trail(checkout)
    assert (bulk.total_incl_tax, bulk.total_excl_tax, bulk.currency) == (
        checkout.total_incl_tax - checkout.shipping_incl_tax,
        checkout.total_excl_tax - checkout.shipping_excl_tax,
        checkout.currency,
    )
    assert bulk.pickup.point_id == checkout.pickup.point_id == point.pk


def test_order_placed_once_per_order_after_commit(
    point, product, heard, django_capture_on_commit_callbacks
):
    users = [UserFactory() for _ in range(3)]
    drafts = [draft_for(u, product, point, number=f"B-{u.pk}") for u in users]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        orders_place_bulk(drafts=drafts)
    assert heard == []  # nothing before the commit
    for callback in callbacks:
        callback()
    assert sorted(heard) == sorted((f"B-{u.pk}", u.pk) for u in users)


def test_queries_do_not_grow_with_the_number_of_orders(point, product):
    def queries_for(count):
        users = [UserFactory() for _ in range(count)]
        drafts = [draft_for(u, product, point, number=f"N{count}-{u.pk}") for u in users]
        with CaptureQueriesContext(connection) as queries:
            orders_place_bulk(drafts=drafts)
        return len(queries)

    queries_for(1)  # the source and event types exist from now on
    assert queries_for(3) == queries_for(30)


def test_a_failing_receiver_does_not_silence_the_other_orders(
    point, product, heard, django_capture_on_commit_callbacks
):
    users = [UserFactory() for _ in range(3)]
    first = f"B-{users[0].pk}"

    def broken(sender, order, **kwargs):
        if order.number == first:
            raise RuntimeError("receiver bug")

    order_placed.connect(broken, dispatch_uid="test-order-writer-broken")
    try:
        with django_capture_on_commit_callbacks(execute=True):
            orders_place_bulk(
                drafts=[draft_for(u, product, point, number=f"B-{u.pk}") for u in users]
            )
    finally:
        order_placed.disconnect(dispatch_uid="test-order-writer-broken")
    assert {number for number, _user in heard} >= {f"B-{u.pk}" for u in users[1:]}
    assert Order.objects.filter(number__startswith="B-").count() == 3
