"""The Stripe webhook: real signatures, events stored once, state re-read from Stripe."""

import time
from decimal import Decimal

import pytest
from django.core import mail
from oscar.core.loading import get_model

from shop.payments import services, statuses, webhooks
from shop.payments.models import PaymentAudit, StripeEvent, StripeRefund
from tests.helpers.orders import make_order
from tests.helpers.stripe import (
    CARD_3DS,
    WEBHOOK_SECRET,
    authorised_order,
    event_payload,
    pay_with_card,
    signed,
)

Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db

URL = "/boutique/paiement/stripe/webhook/"


def _txn_types(order) -> list[str]:
    return list(
        Transaction.objects.filter(source__order=order)
        .order_by("pk")
        .values_list("txn_type", flat=True)
    )


def _post(client, payload: str, signature: str | None):
    headers = {"HTTP_STRIPE_SIGNATURE": signature} if signature is not None else {}
    return client.post(URL, data=payload, content_type="application/json", **headers)


def _pi(pi_id: str, status: str = "succeeded") -> dict:
    """What an event carries: a snapshot, possibly stale; the view re-reads anyway."""
    return {"id": pi_id, "object": "payment_intent", "status": status}


# --- signature ----------------------------------------------------------------------------


def test_bad_signature_is_400(client, stripe_on):
    payload = event_payload("evt_bad", "payment_intent.succeeded", _pi("pi_x"))
    response = _post(client, payload, signed(payload, secret="whsec_someone_else"))
    assert response.status_code == 400
    assert b"signature" in response.content
    assert not StripeEvent.objects.exists()


def test_tampered_body_is_400(client, stripe_on):
    payload = event_payload("evt_tampered", "payment_intent.succeeded", _pi("pi_x"))
    signature = signed(payload)
    response = _post(client, payload.replace("pi_x", "pi_y"), signature)
    assert response.status_code == 400


def test_missing_signature_is_400(client, stripe_on):
    payload = event_payload("evt_nosig", "payment_intent.succeeded", _pi("pi_x"))
    assert _post(client, payload, None).status_code == 400


def test_stale_signature_is_400(client, stripe_on):
    payload = event_payload("evt_stale", "payment_intent.succeeded", _pi("pi_x"))
    response = _post(client, payload, signed(payload, timestamp=int(time.time()) - 600))
    assert response.status_code == 400
    assert b"tolerance" in response.content


def test_signature_from_the_future_beyond_the_tolerance_is_400(client, settings, stripe_on):
    """stripe's own check refuses only old timestamps; ours refuses future ones too."""
    payload = event_payload("evt_future", "payment_intent.succeeded", _pi("pi_x"))
    ahead = settings.STRIPE_WEBHOOK_TOLERANCE + 60
    response = _post(client, payload, signed(payload, timestamp=int(time.time()) + ahead))
    assert response.status_code == 400
    assert b"future" in response.content
    assert not StripeEvent.objects.exists()


def test_signature_slightly_ahead_is_accepted(client, stripe_on):
    """Clocks differ by a few seconds: within the tolerance, ahead is fine."""
    payload = event_payload("evt_ahead", "customer.created", {"id": "cus_1"})
    response = _post(client, payload, signed(payload, timestamp=int(time.time()) + 30))
    assert response.status_code == 200


def test_get_is_not_allowed(client, stripe_on):
    assert client.get(URL).status_code == 405


def test_unknown_event_type_is_acknowledged_and_ignored(client, stripe_on):
    payload = event_payload("evt_other", "customer.created", {"id": "cus_1"})
    response = _post(client, payload, signed(payload))
    assert response.status_code == 200
    assert StripeEvent.objects.get(event_id="evt_other").outcome == "ignored"


# --- effects ------------------------------------------------------------------------------


def test_good_event_has_its_effect_once(client, deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)  # captured from Stripe's dashboard

    first = deliver("evt_1", "payment_intent.succeeded", _pi(pi_id))
    assert first.status_code == 200
    assert first.json()["outcome"] == "capture recorded"
    second = deliver("evt_1", "payment_intent.succeeded", _pi(pi_id))
    assert second.status_code == 200
    assert second.json()["outcome"] == "duplicate"

    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert _txn_types(order) == ["Authorise", "Capture"]
    assert StripeEvent.objects.filter(event_id="evt_1").count() == 1
    assert StripeEvent.objects.get(event_id="evt_1").processed_at is not None


def test_a_new_event_about_a_recorded_capture_changes_nothing(deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    response = deliver("evt_2", "payment_intent.succeeded", _pi(pi_id))
    assert response.json()["outcome"] == "no change"
    assert _txn_types(order) == ["Authorise", "Capture"]


def test_refund_event_before_succeeded_event(deliver, stripe_on, stripe_client):
    """Out of order: charge.refunded arrives first; the re-read PaymentIntent has both
    the capture and the refund, so both are recorded; the late succeeded changes nothing."""
    order, pi_id = authorised_order(stripe_client)
    intent = stripe_client.v1.payment_intents.capture(pi_id)
    stripe_client.v1.refunds.create({"payment_intent": pi_id, "amount": 610})
    charge_id = (
        intent.latest_charge if isinstance(intent.latest_charge, str) else (intent.latest_charge.id)
    )

    refunded = deliver(
        "evt_r", "charge.refunded", {"id": charge_id, "object": "charge", "payment_intent": pi_id}
    )
    assert refunded.status_code == 200
    succeeded = deliver("evt_s", "payment_intent.succeeded", _pi(pi_id))
    assert succeeded.json()["outcome"] == "no change"

    source = order.sources.get()
    assert source.amount_debited == Decimal("21.10")
    assert source.amount_refunded == Decimal("6.10")
    assert _txn_types(order) == ["Authorise", "Capture", "Refund"]
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_stale_succeeded_after_canceled(deliver, stripe_on, stripe_client):
    """A "succeeded" snapshot delivered after the cancellation: the PaymentIntent,
    re-read, is canceled; the order stays cancelled and nothing is captured."""
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.cancel(pi_id)
    deliver("evt_c", "payment_intent.canceled", _pi(pi_id, "canceled"))
    deliver("evt_s", "payment_intent.succeeded", _pi(pi_id, "succeeded"))
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert _txn_types(order) == ["Authorise", "Cancel"]


def test_refund_we_made_is_not_recorded_twice_by_the_webhook(deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    services.refund_card_payment(order=order, amount=Decimal("4.00"), user=None)
    stripe_client.v1.refunds.create({"payment_intent": pi_id, "amount": 100})  # dashboard
    deliver("evt_r1", "charge.refunded", {"id": "ch_x", "payment_intent": pi_id})
    deliver("evt_r2", "charge.refunded", {"id": "ch_x", "payment_intent": pi_id})
    source = order.sources.get()
    assert source.amount_refunded == Decimal("5.00")
    assert StripeRefund.objects.filter(order=order, status="recorded").count() == 2


def test_full_refund_from_stripe_marks_the_order_refunded(deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    stripe_client.v1.refunds.create({"payment_intent": pi_id})
    deliver("evt_full", "charge.refunded", {"id": "ch_x", "payment_intent": pi_id})
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED


def test_amount_capturable_updated_changes_nothing_recorded(deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    response = deliver(
        "evt_acu", "payment_intent.amount_capturable_updated", _pi(pi_id, "requires_capture")
    )
    assert response.status_code == 200
    assert _txn_types(order) == ["Authorise"]


def test_payment_failed_and_requires_action_are_noted_while_true(deliver, stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    # Stale: the PaymentIntent is authorised now, so the failure is not noted.
    deliver("evt_f", "payment_intent.payment_failed", _pi(pi_id, "requires_payment_method"))
    assert not order.payment_events.filter(event_type__name="Payment failed").exists()


def test_requires_action_is_noted_while_true(deliver, stripe_on, stripe_client):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    assert pay_with_card(stripe_client, session.payment_intent_id, CARD_3DS) == "requires_action"
    # An order recorded with this PaymentIntent (as a checkout placing orders early would).
    services.record_card_authorization(
        order=order,
        authorization=services.CardAuthorization(
            payment_intent_id=session.payment_intent_id,
            order_number=str(order.number),
            amount=order.total_incl_tax,
            currency="EUR",
        ),
    )
    pi = _pi(session.payment_intent_id, "requires_action")
    deliver("evt_a", "payment_intent.requires_action", pi)
    deliver("evt_a", "payment_intent.requires_action", pi)
    noted = order.payment_events.filter(event_type__name="Authentication required")
    assert noted.count() == 1
    assert noted.get().reference == "evt_a"


def test_event_for_an_unknown_payment_is_acknowledged(deliver, stripe_on, stripe_client):
    intent = stripe_client.v1.payment_intents.create(
        {"amount": 1000, "currency": "eur", "payment_method_types": ["card"]}
    )
    response = deliver("evt_u", "payment_intent.canceled", _pi(intent.id, "canceled"))
    assert response.status_code == 200
    assert "no order" in response.json()["outcome"]


def test_dispute_is_recorded_and_staff_emailed(
    deliver, stripe_on, stripe_client, staff, django_capture_on_commit_callbacks
):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    dispute = {
        "id": "dp_1",
        "object": "dispute",
        "amount": 2110,
        "charge": "ch_x",
        "payment_intent": pi_id,
        "reason": "fraudulent",
    }
    with django_capture_on_commit_callbacks(execute=True):
        deliver("evt_d", "charge.dispute.created", dispute)
        deliver("evt_d", "charge.dispute.created", dispute)
    assert order.payment_events.filter(event_type__name="Disputed").count() == 1
    assert order.payment_audits.filter(action=PaymentAudit.Action.DISPUTE).count() == 1
    assert len(mail.outbox) == 1
    assert str(order.number) in mail.outbox[0].subject
    assert mail.outbox[0].to == [staff.email]


def test_stripe_unreachable_while_applying_asks_for_redelivery(
    client, settings, fake_stripe, stripe_client
):
    order, pi_id = authorised_order(stripe_client)
    stripe_client.v1.payment_intents.capture(pi_id)
    fake_stripe.fail(r"/v1/payment_intents/", times=1)
    payload = event_payload("evt_503", "payment_intent.succeeded", _pi(pi_id))
    assert _post(client, payload, signed(payload)).status_code == 503
    assert not StripeEvent.objects.filter(event_id="evt_503").exists()
    # Stripe delivers again later: applied then.
    assert _post(client, payload, signed(payload)).status_code == 200
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_webhook_secret_is_required(client, settings, stripe_on):
    settings.STRIPE_WEBHOOK_SECRET = ""
    payload = event_payload("evt_n", "payment_intent.succeeded", _pi("pi_x"))
    assert _post(client, payload, signed(payload, secret=WEBHOOK_SECRET)).status_code == 400


# --- a PaymentIntent Stripe does not know -------------------------------------------------


@pytest.mark.parametrize(
    "event_type",
    ["payment_intent.succeeded", "payment_intent.payment_failed", "charge.refunded"],
)
def test_event_about_a_payment_intent_stripe_does_not_know_is_acknowledged(
    deliver, fake_stripe, event_type, caplog
):
    """Re-reading it answers Stripe's 404 resource_missing ("No such payment_intent"):
    200 and logged, not 503 (Stripe would deliver it again for days); stored once."""
    obj = (
        {"id": "ch_gone", "object": "charge", "payment_intent": "pi_gone"}
        if event_type == "charge.refunded"
        else _pi("pi_gone")
    )
    response = deliver("evt_gone", event_type, obj)
    assert response.status_code == 200
    assert response.json()["outcome"] == webhooks.UNKNOWN_TO_STRIPE
    assert fake_stripe.count("GET", r"/v1/payment_intents/pi_gone") == 1
    assert "evt_gone" in caplog.text
    assert "does not know" in caplog.text
    assert StripeEvent.objects.get(event_id="evt_gone").outcome == webhooks.UNKNOWN_TO_STRIPE
    assert deliver("evt_gone", event_type, obj).json()["outcome"] == "duplicate"


def test_unknown_payment_intent_on_localstripe_is_acknowledged(deliver, stripe_on):
    """localstripe answers a bare 404 (no resource_missing code): the same outcome."""
    response = deliver("evt_gone_ls", "payment_intent.succeeded", _pi("pi_never_created"))
    assert response.status_code == 200
    assert response.json()["outcome"] == webhooks.UNKNOWN_TO_STRIPE
