"""The invoicing demo: the demo producer under mandate, two demo orders (one paid) with
their invoices, nothing more on a second run."""

import pytest

from shop.invoicing.demo import DEMO_ORDER_NUMBERS, load_invoicing_demo
from shop.invoicing.models import Invoice, InvoicingProfile
from shop.shipping.models import PickupPoint
from tests.factories import ProducerFactory, UserFactory, create_product
from tests.helpers.orders import place_order

pytestmark = pytest.mark.django_db


def test_the_demo_invoices_its_orders_once():
    producer = ProducerFactory(name="Coopérative fruitière du Diois", slug="fruitiere")
    create_product(title="Clairette", producer=producer)
    other = create_product(title="Pain", producer=ProducerFactory(name="Fournil"))
    member = UserFactory(email="lea@example.org")
    point = PickupPoint.objects.create(name="Halle", slug="halle", postcode="26150", city="Die")
    earlier = place_order(number="100100", user=member, items=[(other, 1)], status="paid")
    args = {"member_email": member.email, "producer_slug": "fruitiere", "pickup_point": point}

    first = load_invoicing_demo(**args)
    second = load_invoicing_demo(**args)

    assert InvoicingProfile.objects.get(partner=producer).mode == "mandate"
    assert first["invoices issued"] == 5  # two issuers per demo order, one earlier order
    assert second["invoices issued"] == 0
    assert Invoice.objects.filter(order=earlier).count() == 1
    paid, unpaid = (Invoice.objects.filter(order__number=n) for n in DEMO_ORDER_NUMBERS)
    assert {invoice.issuer for invoice in paid} == {"coop", f"partner-{producer.pk}"}
    assert all(invoice.paid_at is not None for invoice in paid)
    assert all(invoice.paid_at is None for invoice in unpaid)
    assert all(invoice.order.user == member for invoice in paid)
