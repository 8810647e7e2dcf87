"""Payments: card through Stripe (PaymentIntents, manual capture), pay at pickup and
bank transfer, recorded with Oscar's payment sources, transactions and payment events.

Public API for the checkout: `methods` (which methods to offer) and `services`
(prepare, verify, record, capture, cancel, refund; offline orders). Stripe webhooks
arrive at `webhooks.stripe_webhook`; staff act on payments from `dashboard`.
"""
