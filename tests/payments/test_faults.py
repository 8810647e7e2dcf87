"""Stripe failing or slow: 5xx, timeouts, and retries that must not charge twice.

localstripe does not fail, hang or honour idempotency keys, so these tests put the small
proxy of fakestripe.py between the stripe library and localstripe.
"""

from decimal import Decimal

import pytest
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_model

from shop.payments import services, statuses
from shop.payments.models import StripeRefund
from tests.helpers.orders import make_order
from tests.helpers.stripe import authorised_order

Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db

CAPTURE = r"/v1/payment_intents/\w+/capture$"
REFUNDS = r"^/v1/refunds$"


def _captures(order) -> int:
    return Transaction.objects.filter(source__order=order, txn_type="Capture").count()


def test_stripe_5xx_is_a_payment_error_and_nothing_is_recorded(fake_stripe, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    fake_stripe.fail(CAPTURE)
    with pytest.raises(PaymentError) as error:
        services.capture_card_payment(order=order)
    assert not isinstance(error.value, UnableToTakePayment)
    assert _captures(order) == 0
    assert stripe_client.v1.payment_intents.retrieve(pi_id).status == "requires_capture"

    services.capture_card_payment(order=order)  # Stripe is back
    assert _captures(order) == 1
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_stripe_5xx_retried_by_the_library(settings, fake_stripe, stripe_client):
    settings.STRIPE_MAX_NETWORK_RETRIES = 2
    order, pi_id = authorised_order(stripe_client)
    fake_stripe.fail(CAPTURE)
    services.capture_card_payment(order=order)
    assert _captures(order) == 1
    assert stripe_client.v1.payment_intents.retrieve(pi_id).status == "succeeded"


def test_timeout_when_verifying_is_a_payment_error(fake_stripe, stripe_client):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    fake_stripe.hang(r"/v1/payment_intents/\w+\?", seconds=2)
    with pytest.raises(PaymentError) as error:
        services.verify_card_authorization(
            payment_intent_id=session.payment_intent_id,
            order_number=order.number,
            amount=order.total_incl_tax,
        )
    assert not isinstance(error.value, UnableToTakePayment)


def test_capture_retried_after_a_timeout_charges_once(fake_stripe, stripe_client):
    """The capture reaches Stripe but its answer is lost: staff try again. Same key, so
    Stripe (here the proxy, as Stripe does) replays the first answer: one capture."""
    order, pi_id = authorised_order(stripe_client)
    fake_stripe.delay_after(CAPTURE, seconds=1.5)
    with pytest.raises(PaymentError):
        services.capture_card_payment(order=order)
    assert _captures(order) == 0
    # It did happen at Stripe.
    assert stripe_client.v1.payment_intents.retrieve(pi_id).status == "succeeded"

    services.capture_card_payment(order=order)

    assert fake_stripe.count("POST", CAPTURE) == 1  # one capture reached Stripe
    keys = [key for method, path, key in fake_stripe.received if path.endswith("/capture")]
    assert len(keys) == 2 and keys[0] == keys[1]
    assert keys[0] == f"panier:capture:{order.number}:{pi_id}:2110"
    assert _captures(order) == 1
    charge = stripe_client.v1.payment_intents.retrieve(pi_id, {"expand": ["latest_charge"]})
    assert charge.latest_charge.amount == 2110
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_capture_timeout_retried_by_the_library_charges_once(settings, fake_stripe, stripe_client):
    settings.STRIPE_MAX_NETWORK_RETRIES = 2
    order, _pi_id = authorised_order(stripe_client)
    fake_stripe.delay_after(CAPTURE, seconds=1.5)
    services.capture_card_payment(order=order)
    assert fake_stripe.count("POST", CAPTURE) == 1
    assert len(fake_stripe.replayed) == 1
    assert _captures(order) == 1


def test_capture_retried_without_idempotency_would_be_refused_by_stripe(fake_stripe, stripe_client):
    """Even if the answer had been lost beyond the key's lifetime, a second capture is
    refused by Stripe and the service records the capture Stripe reports."""
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)  # captured elsewhere
    services.capture_card_payment(order=order)
    assert _captures(order) == 1
    assert order.sources.get().amount_debited == Decimal("21.10")


def test_refund_retried_after_a_timeout_refunds_once(fake_stripe, stripe_client, staff):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    fake_stripe.delay_after(REFUNDS, seconds=1.5)
    with pytest.raises(PaymentError):
        services.refund_card_payment(order=order, amount=Decimal("5.00"), user=staff)
    pending = StripeRefund.objects.get(order=order)
    assert pending.status == StripeRefund.Status.REQUESTED

    # Another amount is refused while the first refund is unconfirmed and would overdraw.
    with pytest.raises(UnableToTakePayment):
        services.refund_card_payment(order=order, amount=Decimal("17.00"), user=staff)

    services.refund_card_payment(order=order, amount=Decimal("5.00"), user=staff)
    assert fake_stripe.count("POST", REFUNDS) == 1
    assert len(stripe_client.v1.refunds.list({"payment_intent": pi_id}).data) == 1
    source = order.sources.get()
    assert source.amount_refunded == Decimal("5.00")
    pending.refresh_from_db()
    assert pending.status == StripeRefund.Status.RECORDED
    assert pending.requested_by == staff
