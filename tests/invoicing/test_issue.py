"""Issuing invoices: totals and VAT per rate, one invoice per issuer, idempotence,
numbering in sequence, snapshots, the paid mention.

Figures (tests/producer_orders/orders.py): A-CONF 4.00 HT / 4.22 TTC, A-JUS 2.50 / 2.64,
A-TAB 20.00 / 24.00 (20 %), B-MIEL 9.00 / 9.50; VAT is rounded per unit by the shop.
"""

from decimal import Decimal

import pytest
from django.utils import timezone
from oscar.core.loading import get_class

from shop.invoicing import selectors, services, tasks
from shop.invoicing.models import Invoice, InvoiceSequence

from .helpers import mandate

pytestmark = pytest.mark.django_db

D = Decimal
YEAR = timezone.localdate().year
order_placed = get_class("order.signals", "order_placed")


def test_an_order_of_cooperative_lines_gets_one_invoice_with_exact_totals(world):
    order = world.orders["100001"]  # A-CONF x2, B-MIEL x1

    (invoice,) = services.invoice_issue_for_order(order=order)

    assert invoice.number == f"PC-{YEAR}-000001"
    assert invoice.issuer == "coop" and invoice.partner is None
    assert (invoice.total_excl_tax, invoice.total_tax, invoice.total_incl_tax) == (
        D("17.00"), D("0.94"), D("17.94"),
    )  # fmt: skip
    assert invoice.total_incl_tax == order.total_incl_tax
    lines = [
        (line.description, line.quantity, line.unit_price_excl_tax, line.vat_rate,
         line.total_excl_tax, line.vat_amount, line.total_incl_tax)
        for line in invoice.lines.all()
    ]  # fmt: skip
    assert lines == [
        ("Confiture d'abricot", 2, D("4.00"), D("0.0550"), D("8.00"), D("0.44"), D("8.44")),
        ("Miel de châtaignier", 1, D("9.00"), D("0.0550"), D("9.00"), D("0.50"), D("9.50")),
    ]


def test_vat_is_summed_per_rate(world):
    order = world.orders["100006"]  # A-TAB x1 (20 %), B-MIEL x2 (5.5 %)

    (invoice,) = services.invoice_issue_for_order(order=order)

    assert selectors.vat_by_rate(invoice) == [
        (D("0.0550"), D("18.00"), D("1.00")),
        (D("0.2000"), D("20.00"), D("4.00")),
    ]
    assert (invoice.total_excl_tax, invoice.total_tax, invoice.total_incl_tax) == (
        D("38.00"), D("5.00"), D("43.00"),
    )  # fmt: skip


def test_a_mandate_producer_gets_its_own_invoice_and_series(world):
    mandate(world.b, vat_number="FR12345678901")
    order = world.orders["100001"]

    invoices = services.invoice_issue_for_order(order=order)

    by_issuer = {invoice.issuer: invoice for invoice in invoices}
    assert set(by_issuer) == {"coop", f"partner-{world.b.pk}"}
    coop, producer = by_issuer["coop"], by_issuer[f"partner-{world.b.pk}"]
    assert [line.description for line in coop.lines.all()] == ["Confiture d'abricot"]
    assert [line.description for line in producer.lines.all()] == ["Miel de châtaignier"]
    assert coop.number == f"PC-{YEAR}-000001"
    assert producer.number == f"PC-M{world.b.pk}-{YEAR}-000001"
    assert producer.partner == world.b
    assert producer.seller["name"] == "Rucher du Vercors"
    assert producer.seller["vat_number"] == "FR12345678901"
    assert coop.total_incl_tax + producer.total_incl_tax == order.total_incl_tax


def test_issuing_twice_issues_nothing_more(world):
    order = world.orders["100001"]
    first = services.invoice_issue_for_order(order=order)

    assert services.invoice_issue_for_order(order=order) == []
    assert Invoice.objects.filter(order=order).count() == len(first) == 1
    assert InvoiceSequence.objects.get(issuer="coop", year=YEAR).last_number == 1


def test_the_task_is_idempotent(world):
    order = world.orders["100002"]

    assert tasks.issue_invoices.call(order.pk) == 1
    assert tasks.issue_invoices.call(order.pk) == 0
    assert Invoice.objects.filter(order=order).count() == 1
    assert tasks.issue_invoices.call(10**9) == 0  # an order deleted since


def test_a_placed_order_is_invoiced_through_the_queue(world):
    order = world.orders["100004"]

    order_placed.send(sender=None, order=order, user=order.user)

    assert Invoice.objects.filter(order=order).count() == 1


def test_numbers_follow_each_other_across_orders(world):
    for number in ("100001", "100002", "100004"):
        services.invoice_issue_for_order(order=world.orders[number])

    numbers = list(Invoice.objects.order_by("issued_at", "pk").values_list("number", flat=True))
    assert numbers == [f"PC-{YEAR}-00000{n}" for n in (1, 2, 3)]


def test_the_invoice_keeps_the_seller_and_buyer_of_its_day(world):
    mandate(world.b)
    order = world.orders["100001"]
    (_coop, producer) = services.invoice_issue_for_order(order=order)
    world.b.name = "Nouveau nom"
    world.b.save()
    order.user.first_name = "Autre"
    order.user.save()

    producer.refresh_from_db()
    assert producer.seller["name"] == "Rucher du Vercors"
    assert producer.buyer["name"] == "Alice Client"


def test_paid_orders_are_marked_paid_and_unpaid_ones_when_paid(world):
    (paid,) = services.invoice_issue_for_order(order=world.orders["100001"])  # paid
    pending_order = world.orders["100006"]  # pending_payment
    (pending,) = services.invoice_issue_for_order(order=pending_order)
    assert paid.paid_at is not None
    assert pending.paid_at is None

    pending_order.set_status("paid")

    pending.refresh_from_db()
    assert pending.paid_at is not None


def test_a_franchise_producer_invoices_without_vat(world):
    mandate(world.b, vat_franchise=True)
    invoices = services.invoice_issue_for_order(order=world.orders["100001"])
    producer = next(invoice for invoice in invoices if invoice.issuer != "coop")

    (line,) = producer.lines.all()
    assert (line.vat_rate, line.vat_amount, line.total_incl_tax) == (D("0"), D("0"), D("9.50"))
    assert producer.total_tax == D("0.00") and producer.total_incl_tax == D("9.50")


def test_the_safety_net_invoices_recent_orders_without_invoice(world):
    recent = world.orders["100001"]
    Order = type(recent)
    Order.objects.filter(pk=recent.pk).update(date_placed=timezone.now())
    services.invoice_issue_for_order(order=world.orders["100002"])  # already invoiced

    assert tasks.issue_missing_invoices.call() == 1
    assert tasks.issue_missing_invoices.call() == 0
    # Only the recent order: those placed in 2025 are left alone.
    assert set(Invoice.objects.values_list("order__number", flat=True)) == {"100001", "100002"}
