"""End to end: localstripe itself signs and sends the webhook; the exact request it sent
(raw body and Stripe-Signature header) is handed to our endpoint.

A small receiver catches localstripe's delivery, so the test keeps its ordinary
(rolled back) database instead of needing a live server and a transactional database.
"""

import json
import threading
import time
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from oscar.core.loading import get_model

from shop.payments import statuses
from shop.payments.models import StripeEvent
from tests.helpers.stripe import WEBHOOK_SECRET, authorised_order

Transaction = get_model("payment", "Transaction")

URL = "/boutique/paiement/stripe/webhook/"

pytestmark = pytest.mark.django_db


def _register_webhook(localstripe_url: str, target: str, secret: str) -> None:
    data = urllib.parse.urlencode(
        [("url", target), ("secret", secret), ("events[]", "payment_intent.succeeded")]
    ).encode()
    urllib.request.urlopen(localstripe_url + "/_config/webhooks/tests", data=data, timeout=5)


@pytest.fixture
def received(stripe_on):
    """Requests localstripe delivers, as (raw body, Stripe-Signature header)."""
    deliveries: list[tuple[bytes, str]] = []

    class Receiver(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            deliveries.append((body, self.headers.get("Stripe-Signature", "")))
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Receiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    _register_webhook(stripe_on, f"http://127.0.0.1:{server.server_address[1]}/", WEBHOOK_SECRET)
    yield deliveries
    _register_webhook(stripe_on, "http://127.0.0.1:9/", WEBHOOK_SECRET)  # nowhere
    server.shutdown()
    server.server_close()


def _delivery_for(deliveries, payment_intent_id: str, timeout: float = 15):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for body, signature in list(deliveries):
            if json.loads(body)["data"]["object"]["id"] == payment_intent_id:
                return body, signature
        time.sleep(0.1)
    raise AssertionError("localstripe did not deliver the webhook")


def test_localstripe_signed_event_records_the_capture(client, received, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)  # e.g. from Stripe's dashboard

    body, signature = _delivery_for(received, pi_id)
    response = client.post(
        URL, data=body, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )

    assert response.status_code == 200
    event = StripeEvent.objects.get(type="payment_intent.succeeded")
    assert event.outcome == "capture recorded"
    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert Transaction.objects.filter(source__order=order, txn_type="Capture").count() == 1

    # The same delivery tampered with is refused.
    tampered = body.replace(pi_id.encode(), b"pi_someoneelse")
    response = client.post(
        URL, data=tampered, content_type="application/json", HTTP_STRIPE_SIGNATURE=signature
    )
    assert response.status_code == 400
