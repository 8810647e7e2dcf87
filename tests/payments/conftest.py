"""Payments test fixtures: a real localstripe server for the session, the stripe library
pointed at it, orders in euros, signed webhook deliveries."""

from __future__ import annotations

import contextlib
import importlib.util
import json
import socket
import subprocess
import sys
import time
import urllib.request
from decimal import Decimal
from pathlib import Path

import pytest
import stripe
from oscar.core.loading import get_class, get_model
from oscar.test.factories import create_order

from shop.payments import gateway
from tests.factories import UserFactory, create_product

from .fakestripe import FakeStripe

Basket = get_model("basket", "Basket")
Selector = get_class("partner.strategy", "Selector")

SECRET_KEY = "sk_test_panier_commun"
PUBLISHABLE_KEY = "pk_test_panier_commun"
WEBHOOK_SECRET = "whsec_test_panier_commun"

# localstripe's test cards (localstripe/resources.py).
CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"  # declined when charged (…0002 only on attach)
CARD_3DS = "4000002500003155"  # requires authentication


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url(tmp_path_factory) -> str:
    """Start `localstripe --from-scratch` on a free port for the whole session."""
    if importlib.util.find_spec("localstripe") is None:
        pytest.skip("needs localstripe (dev dependency): pip install localstripe")
    port = _free_port()
    log_path = Path(tmp_path_factory.mktemp("localstripe")) / "localstripe.log"
    log = log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "localstripe", "--port", str(port), "--from-scratch"],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            request = urllib.request.Request(
                url + "/v1/balance", headers={"Authorization": f"Bearer {SECRET_KEY}"}
            )
            urllib.request.urlopen(request, timeout=1).read()
            break
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                process.kill()
                pytest.fail(f"localstripe did not start: {log_path.read_text()[-2000:]}")
            time.sleep(0.1)
    yield url
    process.terminate()
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()


@pytest.fixture
def stripe_on(settings, localstripe_url) -> str:
    """Stripe configured and pointed at localstripe (short timeout, no library retry)."""
    settings.STRIPE_SECRET_KEY = SECRET_KEY
    settings.STRIPE_PUBLISHABLE_KEY = PUBLISHABLE_KEY
    settings.STRIPE_WEBHOOK_SECRET = WEBHOOK_SECRET
    settings.STRIPE_API_BASE = localstripe_url
    settings.STRIPE_TIMEOUT = 5
    settings.STRIPE_MAX_NETWORK_RETRIES = 0
    settings.STRIPE_CAPTURE_AT_CHECKOUT = False
    return localstripe_url


@pytest.fixture
def fake_stripe(settings, stripe_on):
    """The fault-injecting, idempotency-keeping proxy in front of localstripe."""
    fake = FakeStripe(upstream=stripe_on).start()
    settings.STRIPE_API_BASE = fake.url
    settings.STRIPE_TIMEOUT = 0.5
    yield fake
    fake.stop()


@pytest.fixture
def stripe_client(localstripe_url) -> stripe.StripeClient:
    """A client for the test itself: what the browser and Stripe's dashboard would do."""
    return stripe.StripeClient(SECRET_KEY, base_addresses={"api": localstripe_url})


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="caisse@example.org")


def make_order(*, user=None, price: Decimal = Decimal("20.00"), quantity: int = 1):
    """A placed order in euros (VAT 5.5 %: 20.00 excl. tax → 21.10 incl. tax)."""
    product = create_product(price_excl_tax=price)
    basket = Basket.objects.create(owner=user)
    basket.strategy = Selector().strategy()
    basket.add_product(product, quantity)
    return create_order(basket=basket, user=user or UserFactory())


@pytest.fixture
def order(db):
    return make_order()


def pay_with_card(client: stripe.StripeClient, payment_intent_id: str, number: str) -> str:
    """What Stripe's Payment Element does in the browser: attach a card, confirm."""
    method = client.v1.payment_methods.create(
        {
            "type": "card",
            "card": {"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
        }
    )
    client.v1.payment_intents.update(payment_intent_id, {"payment_method": method.id})
    # A decline is shown in the browser; the server re-reads the PaymentIntent.
    with contextlib.suppress(stripe.CardError):
        client.v1.payment_intents.confirm(payment_intent_id)
    return client.v1.payment_intents.retrieve(payment_intent_id).status


def authorised_order(client: stripe.StripeClient, *, number: str = CARD_OK, **kwargs):
    """An order placed with a card payment authorised and recorded (not captured)."""
    from shop.payments import services

    order = make_order(**kwargs)
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    assert pay_with_card(client, session.payment_intent_id, number) == "requires_capture"
    authorization = services.verify_card_authorization(
        payment_intent_id=session.payment_intent_id,
        order_number=order.number,
        amount=order.total_incl_tax,
    )
    services.record_card_authorization(order=order, authorization=authorization)
    return order, session.payment_intent_id


def signed(payload: str, *, secret: str = WEBHOOK_SECRET, timestamp: int | None = None) -> str:
    """A Stripe-Signature header: t=<ts>,v1=<hmac-sha256(secret, "<ts>.<payload>")>."""
    return stripe.WebhookSignature.generate_signature_header(payload, secret, timestamp)


def event_payload(event_id: str, event_type: str, obj: dict, *, created: int | None = None):
    return json.dumps(
        {
            "id": event_id,
            "object": "event",
            "type": event_type,
            "created": created or int(time.time()),
            "data": {"object": obj},
        }
    )


@pytest.fixture
def deliver(client):
    """POST a signed event to the webhook, as Stripe does."""

    def _deliver(event_id: str, event_type: str, obj: dict, **kwargs):
        payload = event_payload(event_id, event_type, obj)
        return client.post(
            "/boutique/paiement/stripe/webhook/",
            data=payload,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signed(payload, **kwargs),
        )

    return _deliver


@pytest.fixture(autouse=True)
def _fresh_stripe_clients():
    """Clients are cached per configuration; each test starts with new ones."""
    gateway._client.cache_clear()
    yield
    gateway._client.cache_clear()
