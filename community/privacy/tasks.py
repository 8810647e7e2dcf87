"""Background work of an erasure: what lives outside our database."""

from __future__ import annotations

import logging

from django_tasks import task

from groupbuy.settlement import cards
from shop.payments.gateway import StripeObjectMissing

logger = logging.getLogger(__name__)


@task()
def stripe_customers_delete(customer_ids: list[str]) -> int:
    """Delete an erased member's Stripe customers (their saved cards go with them).

    Idempotent: a customer Stripe no longer knows counts as deleted. Stripe being
    unreachable raises, so the queue tries again later."""
    for customer_id in customer_ids:
        try:
            cards.stripe_call("customer deletion", cards.client().v1.customers.delete, customer_id)
        except StripeObjectMissing:
            logger.info("Stripe customer %s was already deleted", customer_id)
    return len(customer_ids)
