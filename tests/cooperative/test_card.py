"""Shares paid by card through Stripe (localstripe): the PaymentIntent carries the
subscription in its metadata; the payment is recorded once, whether the member comes
back from the card form first or Stripe's signed webhook arrives first."""

from __future__ import annotations

from decimal import Decimal

import pytest

from community.cooperative import selectors, services
from community.cooperative.models import PaymentMethod, SharePayment, Subscription
from shop.payments.models import StripeEvent
from tests.factories import UserFactory
from tests.helpers.stripe import CARD_DECLINED, CARD_OK, event_payload, pay_with_card, signed

pytestmark = pytest.mark.django_db

WEBHOOK = "/boutique/paiement/stripe/webhook/"


@pytest.fixture
def card_subscription(rules, consumers, stripe_on):
    person = UserFactory()
    return services.subscription_apply(
        user=person, shares=2, method=PaymentMethod.CARD, college=consumers
    )


def open_card_form(client, subscription) -> str:
    """The subscription page as the member sees it; returns the PaymentIntent's id."""
    client.force_login(subscription.user)
    page = client.get(f"/cooperative/souscriptions/{subscription.pk}/").content.decode()
    assert 'id="card_payment_form"' in page
    subscription.refresh_from_db()
    assert subscription.payment_intent_id
    assert f'data-client-secret="{subscription.payment_intent_id}' in page
    return subscription.payment_intent_id


def deliver(client, event_id: str, payment_intent: dict):
    payload = event_payload(event_id, "payment_intent.succeeded", payment_intent)
    return client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload),
    )


def test_the_payment_intent_names_the_subscription(client, card_subscription, stripe_client):
    pi_id = open_card_form(client, card_subscription)
    intent = stripe_client.v1.payment_intents.retrieve(pi_id)
    assert intent.amount == 4000 and intent.currency == "eur"
    assert intent.metadata["purpose"] == "cooperative_shares"
    assert intent.metadata["subscription"] == str(card_subscription.pk)
    # Opening the page again reuses the same PaymentIntent.
    assert open_card_form(client, card_subscription) == pi_id


def test_paid_by_card_then_the_webhook_changes_nothing(client, card_subscription, stripe_client):
    pi_id = open_card_form(client, card_subscription)
    assert pay_with_card(stripe_client, pi_id, CARD_OK) == "succeeded"

    response = client.get(f"/cooperative/souscriptions/{card_subscription.pk}/carte/retour/")
    assert response["Location"] == "/cooperative/"
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.PAID
    payment = SharePayment.objects.get()
    assert (payment.method, payment.amount, payment.external_id) == (
        PaymentMethod.CARD,
        Decimal("40.00"),
        pi_id,
    )
    member = card_subscription.user.cooperative_member
    assert selectors.shares_held(member) == 2

    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()
    client.logout()
    response = deliver(client, "evt_shares_1", intent)
    assert response.status_code == 200
    assert StripeEvent.objects.get(event_id="evt_shares_1").outcome == "no change"
    assert SharePayment.objects.count() == 1


def test_the_webhook_alone_records_the_payment_once(client, card_subscription, stripe_client):
    pi_id = open_card_form(client, card_subscription)
    pay_with_card(stripe_client, pi_id, CARD_OK)
    client.logout()
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()

    assert deliver(client, "evt_shares_2", intent).json()["outcome"] == "share payment recorded"
    assert deliver(client, "evt_shares_2", intent).json()["outcome"] == "duplicate"
    assert deliver(client, "evt_shares_3", intent).json()["outcome"] == "no change"
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.PAID
    payment = SharePayment.objects.get()
    assert payment.recorded_by is None  # Stripe did it: the audit says so
    assert selectors.is_member(UserFactory._meta.model.objects.get(pk=card_subscription.user_id))


def test_a_declined_card_leaves_the_subscription_to_pay(client, card_subscription, stripe_client):
    pi_id = open_card_form(client, card_subscription)
    assert pay_with_card(stripe_client, pi_id, CARD_DECLINED) == "requires_payment_method"
    response = client.get(
        f"/cooperative/souscriptions/{card_subscription.pk}/carte/retour/", follow=True
    )
    assert "Votre carte a été refusée" in response.content.decode()
    card_subscription.refresh_from_db()
    assert card_subscription.status == Subscription.Status.PENDING
    assert not SharePayment.objects.exists()
