"""Invoices issued at once for one issuer, on real PostgreSQL: the sequence row lock
gives numbers 1..N, without gap nor duplicate."""

import threading

import pytest
from django.db import connections
from django.utils import timezone

from shop.invoicing import services
from shop.invoicing.models import Invoice
from tests.factories import UserFactory, create_product
from tests.helpers.orders import place_order

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 8


def test_parallel_issuance_numbers_without_gap_nor_duplicate():
    product = create_product(title="Pain au levain")
    orders = [
        place_order(number=f"9000{i:02d}", user=UserFactory(), items=[(product, 1)], status="paid")
        for i in range(N)
    ]
    start = threading.Barrier(N)
    errors: list[Exception] = []

    def issue(order):
        try:
            start.wait()
            services.invoice_issue_for_order(order=order)
        except Exception as error:  # anything is a bug
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(order,)) for order in orders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    numbers = sorted(Invoice.objects.values_list("sequence_number", flat=True))
    assert numbers == list(range(1, N + 1))
    # Chronological: a higher number is never dated before a lower one.
    by_number = list(
        Invoice.objects.order_by("sequence_number").values_list("issued_at", flat=True)
    )
    assert by_number == sorted(by_number)
    assert len(set(Invoice.objects.values_list("number", flat=True))) == N
    assert all(
        str(timezone.localdate().year) in n
        for n in Invoice.objects.values_list("number", flat=True)
    )


def test_the_same_order_issued_twice_at_once_gets_one_invoice():
    product = create_product(title="Pain de seigle")
    order = place_order(number="900100", user=UserFactory(), items=[(product, 1)], status="paid")
    start = threading.Barrier(2)
    errors: list[Exception] = []

    def issue():
        try:
            start.wait()
            services.invoice_issue_for_order(order=order)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Invoice.objects.filter(order=order).count() == 1
