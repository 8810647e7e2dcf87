"""Two workers sending the same purchase order at the same moment (a task retried while
the first attempt still runs): the unique row lets one through, one e-mail leaves."""

import threading

import pytest
from django.core import mail
from django.db import connections

from shop.distributions import services as distribution_services
from shop.distributions.closing import services
from shop.distributions.closing.models import PurchaseOrderSent


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sendings_of_one_purchase_order_send_one_email(closing_world):
    w = closing_world
    distribution_services.distribution_close(distribution=w.distribution)
    mail.outbox = []
    workers = 4
    connections.close_all()
    barrier = threading.Barrier(workers)
    results: list = [None] * workers
    errors: list[BaseException] = []

    def send(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[index] = services.purchase_order_send(distribution=w.distribution, producer=w.a)
        except BaseException as exc:
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sorted(results) == [False, False, False, True]
    assert PurchaseOrderSent.objects.filter(distribution=w.distribution, partner=w.a).count() == 1
    assert [m for m in mail.outbox if w.user_a.email in m.to] == [mail.outbox[0]]
    assert len(mail.outbox) == 1
