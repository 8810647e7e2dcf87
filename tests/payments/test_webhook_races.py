"""Racing webhook deliveries on real PostgreSQL (unique index and row locks)."""

import threading
import time

import pytest
from django.db import connection
from django.test import Client
from oscar.core.loading import get_model

from shop.payments import reconcile, statuses
from shop.payments.models import StripeEvent
from tests.helpers.stripe import authorised_order, event_payload, signed

Transaction = get_model("payment", "Transaction")

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

URL = "/boutique/paiement/stripe/webhook/"


def _slow_reconcile(monkeypatch, seconds: float = 0.3):
    """Hold the first delivery inside its transaction long enough for the second to
    arrive while it is still running."""
    real = reconcile.reconcile_payment_intent

    def slow(*args, **kwargs):
        time.sleep(seconds)
        return real(*args, **kwargs)

    monkeypatch.setattr(reconcile, "reconcile_payment_intent", slow)


def _deliver_together(payloads: list[str]) -> list:
    barrier = threading.Barrier(len(payloads))
    responses = [None] * len(payloads)

    def post(index: int, payload: str) -> None:
        try:
            barrier.wait()
            responses[index] = Client().post(
                URL,
                data=payload,
                content_type="application/json",
                HTTP_STRIPE_SIGNATURE=signed(payload),
            )
        finally:
            connection.close()

    threads = [
        threading.Thread(target=post, args=(index, payload))
        for index, payload in enumerate(payloads)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return responses


def test_two_racing_deliveries_of_one_event_have_one_effect(monkeypatch, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)
    _slow_reconcile(monkeypatch)
    payload = event_payload(
        "evt_race", "payment_intent.succeeded", {"id": pi_id, "object": "payment_intent"}
    )

    responses = _deliver_together([payload, payload])

    assert [r.status_code for r in responses] == [200, 200]
    assert sorted(r.json()["outcome"] for r in responses) == ["capture recorded", "duplicate"]
    assert StripeEvent.objects.filter(event_id="evt_race").count() == 1
    assert Transaction.objects.filter(source__order=order, txn_type="Capture").count() == 1
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_two_racing_events_about_one_capture_record_it_once(monkeypatch, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)
    _slow_reconcile(monkeypatch)
    obj = {"id": pi_id, "object": "payment_intent"}
    payloads = [
        event_payload("evt_a", "payment_intent.succeeded", obj),
        event_payload("evt_b", "payment_intent.amount_capturable_updated", obj),
    ]

    responses = _deliver_together(payloads)

    assert [r.status_code for r in responses] == [200, 200]
    assert sorted(r.json()["outcome"] for r in responses) == ["capture recorded", "no change"]
    assert Transaction.objects.filter(source__order=order, txn_type="Capture").count() == 1
    assert order.sources.get().amount_debited == order.total_incl_tax
