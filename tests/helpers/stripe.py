"""Stripe in tests: the keys the fixtures configure, localstripe's test cards, what the
browser's Payment Element does, and signed webhook events."""

from __future__ import annotations

import contextlib
import json
import time

import stripe

from tests.helpers.orders import make_order

SECRET_KEY = "sk_test_panier_commun"
PUBLISHABLE_KEY = "pk_test_panier_commun"
WEBHOOK_SECRET = "whsec_test_panier_commun"

# localstripe's test cards (localstripe/resources.py).
CARD_OK = "4242424242424242"
CARD_DECLINED = "4000000000000341"  # declined when charged (…0002 only on attach)
CARD_3DS = "4000002500003155"  # requires authentication
CARD_3DS_ALWAYS = "4000002760003184"  # requires authentication, every time
# Stripe's declined test cards that localstripe accepts in a PaymentIntent: only the
# fake (tests/fakes/stripe.py, client `fake_stripe_client`) declines them as Stripe does.
CARD_GENERIC_DECLINE = "4000000000000002"
CARD_INSUFFICIENT_FUNDS = "4000000000009995"


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
