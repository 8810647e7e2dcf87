"""Stripe's webhook endpoint (POST /boutique/paiement/stripe/webhook/).

1. The `Stripe-Signature` header is checked on the raw body with STRIPE_WEBHOOK_SECRET
   (stripe.WebhookSignature): a bad signature, or one dated more than the tolerance
   (STRIPE_WEBHOOK_TOLERANCE, five minutes) in the past or in the future, answers 400
   with the reason.
2. The event is stored by id inside the transaction that applies it: a second delivery,
   even one racing the first (the unique index makes it wait, then fail), answers 200
   without effect. If applying fails (Stripe unreachable when re-reading), nothing is
   kept and the answer is 503, so Stripe delivers again later. An event about a
   PaymentIntent Stripe itself does not know ("No such payment_intent") is answered 200
   and logged: delivering it again would never change that.
3. Events are not trusted for state: the PaymentIntent is re-read from Stripe and the
   order reconciled with it (shop.payments.reconcile), whatever the delivery order.
   A PaymentIntent whose metadata names a registered purpose (shop.payments.intents:
   the cooperative's shares) goes to that purpose's handler instead.
"""

from __future__ import annotations

import json
import logging
import time
from datetime import UTC, datetime

import stripe
from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from oscar.apps.payment.exceptions import PaymentError

from . import intents, ledger, reconcile
from .gateway import StripeObjectMissing
from .models import StripeEvent

logger = logging.getLogger(__name__)


UNKNOWN_TO_STRIPE = "unknown to Stripe: nothing changed"

# Events whose PaymentIntent is re-read and reconciled.
_RECONCILED = {
    "payment_intent.succeeded",
    "payment_intent.canceled",
    "payment_intent.amount_capturable_updated",
}
# Events noted on the order while the PaymentIntent still says so.
_NOTED = {
    "payment_intent.payment_failed": ledger.EVENT_FAILED,
    "payment_intent.requires_action": ledger.EVENT_ACTION_REQUIRED,
}


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret:
        return HttpResponseBadRequest("Stripe webhooks are not configured.")
    payload = request.body
    tolerance = settings.STRIPE_WEBHOOK_TOLERANCE
    try:
        stripe.WebhookSignature.verify_header(
            payload, request.headers.get("Stripe-Signature"), secret, tolerance
        )
    except stripe.SignatureVerificationError as exc:
        logger.warning("Stripe webhook refused: %s", exc.user_message or exc)
        return HttpResponseBadRequest(f"Invalid signature: {exc.user_message or exc}")
    except UnicodeDecodeError:
        return HttpResponseBadRequest("Invalid payload: not UTF-8.")
    # stripe's check refuses old timestamps only; one from the future is as suspect
    # (a replayable signature, or a clock gone wrong).
    signed_at = _signature_timestamp(request.headers.get("Stripe-Signature", ""))
    if tolerance and signed_at > time.time() + tolerance:
        logger.warning("Stripe webhook refused: signature dated in the future (%d)", signed_at)
        return HttpResponseBadRequest(
            f"Invalid signature: timestamp in the future, beyond the tolerance ({signed_at})"
        )
    try:
        event = json.loads(payload)
        if not (event["id"] and event["type"] and isinstance(event["data"]["object"], dict)):
            raise ValueError("not a Stripe event")
    except (ValueError, KeyError, TypeError):
        return HttpResponseBadRequest("Invalid payload: not a Stripe event.")
    try:
        outcome = handle_event(event)
    except PaymentError:
        logger.warning("Stripe webhook %s postponed: Stripe unreachable", event["id"])
        return HttpResponse("Stripe unreachable, deliver again later.", status=503)
    return JsonResponse({"received": True, "outcome": outcome})


def _signature_timestamp(header: str) -> int:
    """The `t=` of a Stripe-Signature header already verified (0 if absent)."""
    for item in header.split(","):
        key, _sep, value = item.strip().partition("=")
        if key == "t" and value.isdigit():
            return int(value)
    return 0


def handle_event(event: dict) -> str:
    """Store the event once and apply it; returns what happened ("duplicate" when the
    event had already been received)."""
    created = datetime.fromtimestamp(int(event.get("created") or 0), tz=UTC)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record = StripeEvent.objects.create(
                    event_id=event["id"], type=event["type"], created=created, payload=event
                )
        except IntegrityError:
            logger.info("Stripe event %s received again: ignored", event["id"])
            return "duplicate"
        try:
            with transaction.atomic():
                changes = _apply(event)
        except StripeObjectMissing:
            # Another account's or mode's event, or an object since deleted: delivering
            # it again would never change that, so it is acknowledged (not 503 forever).
            logger.error(
                "Stripe event %s (%s) is about an object Stripe does not know: nothing changed",
                event["id"],
                event["type"],
            )
            changes = [UNKNOWN_TO_STRIPE]
        record.outcome = ("; ".join(changes) or "no change")[:255]
        record.processed_at = timezone.now()
        record.save(update_fields=["outcome", "processed_at"])
    return record.outcome


def _apply(event: dict) -> list[str]:
    event_type, event_id = event["type"], event["id"]
    obj = event["data"]["object"]
    reason = f"Stripe {event_type} {event_id}"
    handler = intents.handler_for(obj) if obj.get("object") == "payment_intent" else None
    if event_type in _RECONCILED and handler is not None:
        return handler(obj["id"], reason=reason)  # not an order's: its app reconciles
    if handler is not None:
        return ["not an order's payment: ignored"]
    if event_type in _RECONCILED:
        return reconcile.reconcile_payment_intent(obj["id"], reason=reason)
    if event_type in _NOTED:
        return reconcile.note_payment_problem(
            obj["id"], event_name=_NOTED[event_type], reason=event_id
        )
    if event_type == "charge.refunded":
        payment_intent_id = obj.get("payment_intent")
        if not payment_intent_id:
            return ["charge without PaymentIntent"]
        return reconcile.reconcile_payment_intent(payment_intent_id, reason=reason)
    if event_type == "charge.dispute.created":
        return reconcile.record_dispute(obj, reason=event_id)
    return ["ignored"]
