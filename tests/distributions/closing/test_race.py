"""Two workers sending the same purchase order at the same moment (a task retried while
the first attempt still runs): the unique row lets one through, one e-mail leaves."""

import pytest
from django.core import mail

from shop.distributions import services as distribution_services
from shop.distributions.closing import services
from shop.distributions.closing.models import PurchaseOrderSent
from tests.helpers.concurrency import run_together


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_sendings_of_one_purchase_order_send_one_email(closing_world):
    w = closing_world
    distribution_services.distribution_close(distribution=w.distribution)
    mail.outbox = []
    workers = 4
    outcomes = run_together(
        [
            lambda: services.purchase_order_send(distribution=w.distribution, producer=w.a)
            for _ in range(workers)
        ]
    )

    assert [o.error for o in outcomes] == [None] * workers
    results = [o.value for o in outcomes]
    assert sorted(results) == [False, False, False, True]
    assert PurchaseOrderSent.objects.filter(distribution=w.distribution, partner=w.a).count() == 1
    assert [m for m in mail.outbox if w.user_a.email in m.to] == [mail.outbox[0]]
    assert len(mail.outbox) == 1
