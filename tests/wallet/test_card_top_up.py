"""Wallet top-ups by card through Stripe (localstripe): amount limits, the PaymentIntent's
purpose, the wallet credited once whether the member comes back first or Stripe's signed
webhook arrives first (or twice), and nothing credited for a declined card."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.utils import translation

from shop.payments.models import StripeEvent
from shop.wallet import selectors
from shop.wallet.models import Transfer, TransferKind
from tests.factories import UserFactory
from tests.helpers.stripe import CARD_DECLINED, CARD_OK, event_payload, pay_with_card, signed

pytestmark = pytest.mark.django_db

CARD = "/cooperative/porte-monnaie/carte/"
WEBHOOK = "/boutique/paiement/stripe/webhook/"
NONCE = "0123456789abcdef0123456789abcdef"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


@pytest.fixture
def member(client, stripe_on):
    user = UserFactory()
    client.force_login(user)
    return user


def open_card_form(client, amount: str = "25.00", nonce: str = NONCE) -> str:
    """Submit the amount; returns the PaymentIntent the card form is mounted on."""
    response = client.post(CARD, {"amount": amount, "nonce": nonce})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="card_payment_form"' in page
    return re.search(r'data-client-secret="(pi_[A-Za-z0-9]+)_secret', page).group(1)


def deliver(client, event_id: str, payment_intent: dict, kind: str = "payment_intent.succeeded"):
    payload = event_payload(event_id, kind, payment_intent)
    return client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload),
    )


@pytest.mark.parametrize(
    ("amount", "message"),
    [
        ("4.99", "supérieure ou égale à 5"),
        ("500.01", "inférieure ou égale à 500"),
        ("abc", "Saisissez un nombre"),
        ("", "Champ requis"),
    ],
)
def test_the_amount_is_between_5_and_500_euros(client, member, amount, message):
    response = client.post(CARD, {"amount": amount, "nonce": NONCE})
    assert response.status_code == 400
    page = response.content.decode()
    assert message in page and 'aria-invalid="true"' in page
    assert 'min="5.00" max="500.00"' in page
    assert 'id="card_payment_form"' not in page


def test_the_payment_intent_is_for_the_wallet(client, member, fake_stripe, stripe_client):
    pi_id = open_card_form(client, "25.00")
    intent = stripe_client.v1.payment_intents.retrieve(pi_id)
    assert intent.amount == 2500 and intent.currency == "eur"
    assert intent.metadata["purpose"] == "wallet_top_up"
    assert intent.metadata["user"] == str(member.pk)
    # The same form submitted again reuses its PaymentIntent; a new form opens another.
    assert open_card_form(client, "25.00") == pi_id
    assert open_card_form(client, "25.00", nonce="f" * 32) != pi_id


def test_paid_then_back_from_the_card_form_then_the_webhook(client, member, stripe_client):
    pi_id = open_card_form(client, "40.00")
    assert selectors.balance_of(member) == Decimal("0.00")  # nothing before payment
    assert pay_with_card(stripe_client, pi_id, CARD_OK) == "succeeded"

    response = client.get(f"{CARD}retour/{pi_id}/", follow=True)
    assert response.redirect_chain[-1][0] == "/cooperative/porte-monnaie/"
    assert "40,00" in response.content.decode()
    assert selectors.balance_of(member) == Decimal("40.00")
    transfer = Transfer.objects.get(key=f"card:{pi_id}")
    assert transfer.kind == TransferKind.TOP_UP_CARD and transfer.reference == pi_id

    client.get(f"{CARD}retour/{pi_id}/")  # back again: nothing more
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()
    client.logout()
    assert deliver(client, "evt_wallet_1", intent).json()["outcome"] == "no change"
    assert selectors.balance_of(member) == Decimal("40.00")
    assert selectors.trial_balance() == {"EUR": Decimal("0.00")}


def test_the_signed_webhook_alone_credits_once(client, member, stripe_client):
    pi_id = open_card_form(client, "12.50")
    pay_with_card(stripe_client, pi_id, CARD_OK)
    client.logout()
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()

    assert deliver(client, "evt_wallet_2", intent).json()["outcome"] == "wallet topped up"
    assert deliver(client, "evt_wallet_2", intent).json()["outcome"] == "duplicate"
    assert deliver(client, "evt_wallet_3", intent).json()["outcome"] == "no change"
    assert selectors.balance_of(member) == Decimal("12.50")
    assert Transfer.objects.filter(kind=TransferKind.TOP_UP_CARD).count() == 1
    assert Transfer.objects.get().created_by is None  # Stripe did it


def test_a_forged_webhook_is_refused(client, member, stripe_client):
    pi_id = open_card_form(client, "12.50")
    pay_with_card(stripe_client, pi_id, CARD_OK)
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()
    payload = event_payload("evt_forged", "payment_intent.succeeded", intent)
    response = client.post(
        WEBHOOK,
        data=payload,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signed(payload, secret="whsec_not_ours"),
    )
    assert response.status_code == 400
    assert not StripeEvent.objects.exists()
    assert selectors.balance_of(member) == Decimal("0.00")


def test_a_webhook_copy_claiming_success_is_checked_with_stripe(client, member, stripe_client):
    pi_id = open_card_form(client, "30.00")
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()
    intent["status"] = "succeeded"  # the event says so; Stripe does not
    assert deliver(client, "evt_wallet_lie", intent).json()["outcome"] == "no change"
    assert selectors.balance_of(member) == Decimal("0.00")


def test_a_declined_card_credits_nothing(client, member, stripe_client):
    pi_id = open_card_form(client, "30.00")
    assert pay_with_card(stripe_client, pi_id, CARD_DECLINED) == "requires_payment_method"
    response = client.get(f"{CARD}retour/{pi_id}/", follow=True)
    assert response.redirect_chain[-1][0] == CARD
    assert "Votre carte a été refusée" in response.content.decode()
    intent = stripe_client.v1.payment_intents.retrieve(pi_id).to_dict()
    deliver(client, "evt_wallet_failed", intent, kind="payment_intent.payment_failed")
    assert selectors.balance_of(member) == Decimal("0.00")
    assert not Transfer.objects.exists()


def test_another_members_payment_intent_is_not_found(client, member, stripe_client):
    pi_id = open_card_form(client, "30.00")
    pay_with_card(stripe_client, pi_id, CARD_OK)
    client.force_login(UserFactory())
    assert client.get(f"{CARD}retour/{pi_id}/").status_code == 404
    assert not Transfer.objects.exists()
