"""Card payments through the real stripe library against localstripe."""

from decimal import Decimal

import pytest
import stripe
from django.utils import translation
from oscar.apps.payment.exceptions import PaymentError, UnableToTakePayment
from oscar.core.loading import get_model

from shop.payments import gateway, services, statuses
from shop.payments.methods import PaymentMethod, available_methods, stripe_enabled
from shop.payments.models import PaymentAudit, StripePaymentIntent, StripeRefund
from tests.helpers.orders import make_order
from tests.helpers.stripe import (
    CARD_3DS,
    CARD_DECLINED,
    CARD_OK,
    PUBLISHABLE_KEY,
    authorised_order,
    pay_with_card,
)

Transaction = get_model("payment", "Transaction")

pytestmark = pytest.mark.django_db


def _txn_types(order) -> list[str]:
    return list(
        Transaction.objects.filter(source__order=order)
        .order_by("pk")
        .values_list("txn_type", flat=True)
    )


def _event_names(order) -> list[str]:
    return list(order.payment_events.order_by("pk").values_list("event_type__name", flat=True))


def test_card_is_offered_only_with_both_keys(settings):
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""
    assert not stripe_enabled()
    assert available_methods() == [PaymentMethod.PICKUP, PaymentMethod.TRANSFER]
    settings.STRIPE_SECRET_KEY = "sk_test_x"
    assert available_methods() == [PaymentMethod.PICKUP, PaymentMethod.TRANSFER]
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_x"
    assert available_methods()[0] == PaymentMethod.CARD


def test_prepare_creates_a_manual_capture_intent_once(stripe_on, stripe_client):
    session = services.prepare_card_payment(
        order_number="100900", amount=Decimal("21.10"), currency="EUR", email="a@example.org"
    )
    assert session.publishable_key == PUBLISHABLE_KEY
    assert session.client_secret.startswith(session.payment_intent_id)
    assert session.amount == Decimal("21.10")
    intent = stripe_client.v1.payment_intents.retrieve(session.payment_intent_id)
    assert intent.amount == 2110
    assert intent.currency == "eur"
    assert intent.capture_method == "manual"
    assert intent.metadata["order_number"] == "100900"

    again = services.prepare_card_payment(
        order_number="100900", amount=Decimal("21.10"), currency="EUR", email="a@example.org"
    )
    assert again.payment_intent_id == session.payment_intent_id

    # The basket changed: a new PaymentIntent, the old one released.
    changed = services.prepare_card_payment(
        order_number="100900", amount=Decimal("25.00"), currency="EUR", email="a@example.org"
    )
    assert changed.payment_intent_id != session.payment_intent_id
    assert stripe_client.v1.payment_intents.retrieve(changed.payment_intent_id).amount == 2500
    old = stripe_client.v1.payment_intents.retrieve(session.payment_intent_id)
    assert old.status == "canceled"
    assert StripePaymentIntent.objects.filter(order_number="100900").count() == 2


def test_authorise_verify_record_capture(stripe_on, stripe_client, staff):
    order, pi_id = authorised_order(stripe_client)
    assert order.status == statuses.PENDING_PAYMENT
    source = order.sources.get()
    assert source.source_type.name == "Stripe"
    assert source.reference == pi_id
    assert source.amount_allocated == order.total_incl_tax == Decimal("21.10")
    assert _txn_types(order) == ["Authorise"]
    assert _event_names(order) == ["Authorised"]

    services.capture_card_payment(order=order, user=staff)
    services.capture_card_payment(order=order, user=staff)  # a second click: no effect

    order.refresh_from_db()
    assert order.status == statuses.PAID
    assert _txn_types(order) == ["Authorise", "Capture"]
    assert _event_names(order) == ["Authorised", "Captured"]
    source.refresh_from_db()
    assert source.amount_debited == Decimal("21.10")
    assert stripe_client.v1.payment_intents.retrieve(pi_id).status == "succeeded"
    capture = order.payment_audits.get(action=PaymentAudit.Action.CAPTURE)
    assert capture.user == staff
    assert capture.amount == Decimal("21.10")


def test_record_authorisation_twice_records_once(stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    authorization = services.verify_card_authorization(
        payment_intent_id=pi_id, order_number=order.number, amount=order.total_incl_tax
    )
    services.record_card_authorization(order=order, authorization=authorization)
    assert order.sources.count() == 1
    assert _txn_types(order) == ["Authorise"]


def test_complete_card_checkout_captures_when_configured(settings, stripe_on, stripe_client):
    settings.STRIPE_CAPTURE_AT_CHECKOUT = True
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    pay_with_card(stripe_client, session.payment_intent_id, CARD_OK)
    authorization = services.verify_card_authorization(
        payment_intent_id=session.payment_intent_id,
        order_number=order.number,
        amount=order.total_incl_tax,
    )
    assert services.complete_card_checkout(order=order, authorization=authorization) is True
    order.refresh_from_db()
    assert order.status == statuses.PAID


def test_partial_capture(stripe_on, stripe_client):
    order, pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order, amount=Decimal("15.00"))
    source = order.sources.get()
    assert source.amount_debited == Decimal("15.00")
    # localstripe lists the released 6.10 as a refund: kept apart, never money given back.
    release = StripeRefund.objects.get(order=order)
    assert (release.status, release.amount) == (StripeRefund.Status.RELEASE, Decimal("6.10"))
    assert release.payment_intent_id == pi_id
    assert source.amount_refunded == 0
    assert order.status == statuses.PAID
    # Only what was captured can be refunded (the released rest is not a refund).
    with pytest.raises(UnableToTakePayment):
        services.refund_card_payment(order=order, amount=Decimal("15.01"), user=None)
    services.refund_card_payment(order=order, amount=Decimal("15.00"), user=None)
    source.refresh_from_db()
    assert source.amount_refunded == Decimal("15.00")
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED


def test_capture_more_than_authorised_is_refused(stripe_on, stripe_client):
    order, _pi_id = authorised_order(stripe_client)
    with pytest.raises(UnableToTakePayment):
        services.capture_card_payment(order=order, amount=Decimal("21.11"))
    assert _txn_types(order) == ["Authorise"]


def test_cancel(stripe_on, stripe_client, staff):
    order, pi_id = authorised_order(stripe_client)
    services.cancel_card_payment(order=order, user=staff)
    services.cancel_card_payment(order=order, user=staff)
    order.refresh_from_db()
    assert order.status == statuses.CANCELLED
    assert _txn_types(order) == ["Authorise", "Cancel"]
    assert stripe_client.v1.payment_intents.retrieve(pi_id).status == "canceled"
    with pytest.raises(UnableToTakePayment):
        services.capture_card_payment(order=order)


def test_cannot_cancel_after_capture(stripe_on, stripe_client):
    order, _pi_id = authorised_order(stripe_client)
    services.capture_card_payment(order=order)
    with pytest.raises(UnableToTakePayment):
        services.cancel_card_payment(order=order)


def test_full_and_partial_refunds(stripe_on, stripe_client, staff):
    order, pi_id = authorised_order(stripe_client)
    with pytest.raises(UnableToTakePayment):  # nothing captured yet
        services.refund_card_payment(order=order, amount=Decimal("1.00"), user=staff)
    services.capture_card_payment(order=order)

    services.refund_card_payment(order=order, amount=Decimal("5.00"), user=staff)
    services.refund_card_payment(order=order, amount=Decimal("5.00"), user=staff)
    source = order.sources.get()
    assert source.amount_refunded == Decimal("10.00")
    order.refresh_from_db()
    assert order.status == statuses.PAID

    with pytest.raises(UnableToTakePayment):
        services.refund_card_payment(order=order, amount=Decimal("11.11"), user=staff)
    with pytest.raises(UnableToTakePayment):
        services.refund_card_payment(order=order, amount=Decimal("0"), user=staff)

    services.refund_card_payment(order=order, amount=Decimal("11.10"), user=staff)
    source.refresh_from_db()
    assert source.amount_refunded == Decimal("21.10")
    order.refresh_from_db()
    assert order.status == statuses.REFUNDED
    refunds = stripe_client.v1.refunds.list({"payment_intent": pi_id}).data
    assert sorted(r.amount for r in refunds) == [500, 500, 1110]
    assert _txn_types(order) == ["Authorise", "Capture", "Refund", "Refund", "Refund"]
    audits = order.payment_audits.filter(action=PaymentAudit.Action.CARD_REFUND)
    assert [a.amount for a in audits.order_by("pk")] == [
        Decimal("5.00"),
        Decimal("5.00"),
        Decimal("11.10"),
    ]
    assert {a.user for a in audits} == {staff}


def test_declined_card(stripe_on, stripe_client):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    assert pay_with_card(stripe_client, session.payment_intent_id, CARD_DECLINED) == (
        "requires_payment_method"
    )
    with pytest.raises(UnableToTakePayment, match="refusée"):
        services.verify_card_authorization(
            payment_intent_id=session.payment_intent_id,
            order_number=order.number,
            amount=order.total_incl_tax,
        )
    # The customer tries another card on the same PaymentIntent.
    again = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    # (localstripe cannot confirm a PaymentIntent again after a decline; Stripe can.)
    assert again.payment_intent_id == session.payment_intent_id


def test_requires_action_then_authenticated(stripe_on, stripe_client):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    assert pay_with_card(stripe_client, session.payment_intent_id, CARD_3DS) == "requires_action"
    with pytest.raises(UnableToTakePayment, match="confirmer ce paiement"):
        services.verify_card_authorization(
            payment_intent_id=session.payment_intent_id,
            order_number=order.number,
            amount=order.total_incl_tax,
        )
    # The Payment Element completes 3-D Secure in the browser (localstripe's endpoint).
    stripe_client.raw_request(
        "post",
        f"/v1/payment_intents/{session.payment_intent_id}/_authenticate",
        client_secret=session.client_secret,
        success="true",
    )
    authorization = services.verify_card_authorization(
        payment_intent_id=session.payment_intent_id,
        order_number=order.number,
        amount=order.total_incl_tax,
    )
    assert authorization.amount == order.total_incl_tax


@pytest.mark.parametrize(
    ("order_number", "amount"),
    [("another-order", Decimal("21.10")), (None, Decimal("21.11"))],
)
def test_verify_refuses_a_mismatch(stripe_on, stripe_client, order_number, amount):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    pay_with_card(stripe_client, session.payment_intent_id, CARD_OK)
    with pytest.raises(UnableToTakePayment, match="ne correspond pas"):
        services.verify_card_authorization(
            payment_intent_id=session.payment_intent_id,
            order_number=order_number or order.number,
            amount=amount,
        )


def test_verify_refuses_a_cancelled_intent(stripe_on, stripe_client):
    order = make_order()
    session = services.prepare_card_payment(
        order_number=order.number,
        amount=order.total_incl_tax,
        currency=order.currency,
        email=order.email,
    )
    stripe_client.v1.payment_intents.cancel(session.payment_intent_id)
    with pytest.raises(UnableToTakePayment, match="annulé"):
        services.verify_card_authorization(
            payment_intent_id=session.payment_intent_id,
            order_number=order.number,
            amount=order.total_incl_tax,
        )


def test_without_keys_card_calls_fail_cleanly(settings, db):
    settings.STRIPE_SECRET_KEY = ""
    with pytest.raises(PaymentError):
        services.prepare_card_payment(
            order_number="1", amount=Decimal("1"), currency="EUR", email="a@example.org"
        )


def test_stripe_library_is_the_real_one():
    assert stripe.StripeClient.__module__.startswith("stripe")


def test_release_an_authorisation_without_order(stripe_on, stripe_client):
    session = services.prepare_card_payment(
        order_number="100777", amount=Decimal("9.00"), currency="EUR", email="a@example.org"
    )
    assert pay_with_card(stripe_client, session.payment_intent_id, CARD_OK) == "requires_capture"
    with pytest.raises(ValueError):
        services.release_card_authorization(
            payment_intent_id=session.payment_intent_id, order_number="100778"
        )
    services.release_card_authorization(
        payment_intent_id=session.payment_intent_id, order_number="100777"
    )
    assert stripe_client.v1.payment_intents.retrieve(session.payment_intent_id).status == (
        "canceled"
    )


@pytest.mark.parametrize(
    ("code", "decline_code", "french"),
    [
        ("card_declined", "insufficient_funds", "provision insuffisante"),
        ("card_declined", "authentication_required", "Votre banque exige"),
        ("payment_intent_authentication_failure", "", "n'a pas pu confirmer"),
        ("expired_card", "", "Votre carte a expiré"),
        ("incorrect_cvc", "", "cryptogramme visuel"),
        ("card_declined", "generic_decline", "Votre carte a été refusée. Veuillez essayer"),
        ("", "", "Votre carte a été refusée. Veuillez essayer"),
    ],
)
def test_decline_messages_are_clear_and_in_french(code, decline_code, french):
    with translation.override("fr"):
        assert french in gateway.decline_message(code, decline_code)
        assert gateway.decline_message(code, decline_code, default="x") == (
            "x"
            if french.startswith("Votre carte a été refusée.")
            else gateway.decline_message(code, decline_code)
        )
