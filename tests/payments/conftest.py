"""Payments test fixtures: orders in euros, a staff member, signed webhook deliveries.

localstripe, the stripe settings and the fake Stripe are shared fixtures
(tests/fixtures/stripe.py); the helpers are in tests/helpers/stripe.py."""

from __future__ import annotations

import pytest

from tests.factories import UserFactory
from tests.helpers.orders import make_order
from tests.helpers.stripe import event_payload, signed


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True, email="caisse@example.org")


@pytest.fixture
def order(db):
    return make_order()


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
