"""The one place that talks to Stripe.

Every call goes through a `stripe.StripeClient` built from settings (STRIPE_SECRET_KEY,
STRIPE_API_BASE to point it at another server such as localstripe, STRIPE_TIMEOUT,
STRIPE_MAX_NETWORK_RETRIES). Every call that changes something carries the idempotency
key the caller derives from our own ids, so that the library's automatic retries and our
own retries after a timeout reach Stripe as one request.

Stripe's errors become Oscar's payment exceptions: a refusal (declined card, invalid
request) is `StripeRefusal` (an `UnableToTakePayment`); Stripe unreachable, slow or
failing (5xx, timeout, connection, rate limit, bad key) is `StripeUnavailable` (a
`GatewayError`, hence a `PaymentError`), which is worth retrying with the same key.
"""

from __future__ import annotations

import functools
import logging
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any

import stripe
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy
from oscar.apps.payment.exceptions import GatewayError, UnableToTakePayment

if TYPE_CHECKING:
    from stripe._base_address import BaseAddresses

logger = logging.getLogger(__name__)


# Currencies without a minor unit (Stripe's list); every other one has cents.
ZERO_DECIMAL_CURRENCIES = frozenset(
    {
        *("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga"),
        *("pyg", "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf"),
    }
)


class StripeUnavailable(GatewayError):
    """Stripe could not be reached or failed (5xx, timeout): retry with the same key."""


class StripeRefusal(UnableToTakePayment):
    """Stripe refused the request (declined card, invalid state or parameters)."""

    def __init__(self, message: str, *, code: str = "", decline_code: str = ""):
        super().__init__(message)
        self.code = code
        self.decline_code = decline_code


class StripeObjectMissing(StripeRefusal):
    """Stripe does not know the object asked for ("No such payment_intent",
    code resource_missing): asking again will not make it appear."""


# What a member is told when Stripe refuses their card, by Stripe's decline_code, then by
# its error code (https://docs.stripe.com/declines/codes). Anything else is a decline.
_DECLINE_MESSAGES = {
    "insufficient_funds": _lazy(
        "Your card was declined: insufficient funds. "
        "Please try another card or another payment method."
    ),
    "authentication_required": _lazy(
        "Your bank requires you to confirm this payment. "
        "Please pay again and complete your bank's verification."
    ),
    "payment_intent_authentication_failure": _lazy(
        "Your bank could not confirm this payment (verification failed or abandoned). "
        "Please pay again or use another card."
    ),
    "expired_card": _lazy("Your card has expired. Please use another card."),
    "incorrect_cvc": _lazy("The security code of your card is incorrect. Please check it."),
}


def decline_message(code: str = "", decline_code: str = "", *, default: str = "") -> str:
    """The member's message for a card Stripe refused (code and decline_code as in
    Stripe's error or a PaymentIntent's last_payment_error); `default`, or a plain
    "declined", when Stripe's codes say nothing more precise."""
    message = _DECLINE_MESSAGES.get(decline_code) or _DECLINE_MESSAGES.get(code)
    if message is not None:
        return str(message)
    return default or _(
        "Your card was declined. Please try another card or another payment method."
    )


# --- amounts ------------------------------------------------------------------------


def to_minor_units(amount: Decimal, currency: str) -> int:
    """Decimal amount → Stripe's integer amount (cents for EUR)."""
    exponent = 0 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 2
    return int((Decimal(amount) * (10**exponent)).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def from_minor_units(value: int | str, currency: str) -> Decimal:
    """Stripe's integer amount → Decimal amount with two places."""
    exponent = 0 if currency.lower() in ZERO_DECIMAL_CURRENCIES else 2
    return (Decimal(int(value)) / (10**exponent)).quantize(Decimal("0.01"))


# --- the client -----------------------------------------------------------------------


@functools.lru_cache(maxsize=8)
def _client(api_key: str, api_base: str, timeout: float, retries: int) -> stripe.StripeClient:
    base_addresses: BaseAddresses | None = {"api": api_base} if api_base else None
    return stripe.StripeClient(
        api_key,
        base_addresses=base_addresses,
        max_network_retries=retries,
        http_client=stripe.RequestsClient(timeout=timeout),
    )


def get_client() -> stripe.StripeClient:
    """The Stripe client for the current settings (cached per configuration)."""
    if not settings.STRIPE_SECRET_KEY:
        raise StripeUnavailable(_("Card payments are not configured."))
    return _client(
        settings.STRIPE_SECRET_KEY,
        settings.STRIPE_API_BASE or "",
        float(settings.STRIPE_TIMEOUT),
        int(settings.STRIPE_MAX_NETWORK_RETRIES),
    )


def _call(description: str, func, *args, **kwargs):
    """Run one Stripe call, turning Stripe's errors into ours."""
    try:
        return func(*args, **kwargs)
    except stripe.CardError as exc:
        logger.info("Stripe declined %s: %s", description, exc.user_message or exc)
        error = exc.error
        code = getattr(error, "code", "") or ""
        decline_code = getattr(error, "decline_code", "") or ""
        raise StripeRefusal(
            decline_message(code, decline_code), code=code, decline_code=decline_code
        ) from exc
    except stripe.InvalidRequestError as exc:
        code = getattr(exc.error, "code", "") or ""
        if code == "resource_missing" or exc.http_status == 404:
            logger.warning("Stripe does not know %s: %s", description, exc.user_message or exc)
            raise StripeObjectMissing(
                _("The payment service does not know this payment."), code="resource_missing"
            ) from exc
        logger.warning("Stripe refused %s: %s", description, exc.user_message or exc)
        raise StripeRefusal(_("The payment service refused the operation."), code=code) from exc
    except (
        stripe.APIConnectionError,
        stripe.APIError,
        stripe.RateLimitError,
        stripe.AuthenticationError,
        stripe.PermissionError,
        stripe.IdempotencyError,
    ) as exc:
        logger.warning("Stripe unavailable for %s: %r", description, exc)
        raise StripeUnavailable(
            _("The payment service cannot be reached right now. Please try again in a moment.")
        ) from exc
    except stripe.StripeError as exc:  # anything else the library may add
        logger.exception("Unexpected Stripe error for %s", description)
        raise StripeUnavailable(
            _("The payment service cannot be reached right now. Please try again in a moment.")
        ) from exc


# --- the calls ------------------------------------------------------------------------


def create_payment_intent(
    *,
    amount: int,
    currency: str,
    metadata: dict[str, str],
    idempotency_key: str,
    capture_method: str = "manual",
) -> stripe.PaymentIntent:
    """A card PaymentIntent, authorised now and captured later (capture_method manual,
    orders), or captured as soon as the card is confirmed ("automatic": shares)."""
    client = get_client()
    params: dict[str, Any] = {
        "amount": amount,
        "currency": currency.lower(),
        "capture_method": capture_method,
        "payment_method_types": ["card"],
        "metadata": metadata,
    }
    return _call(
        "PaymentIntent creation",
        client.v1.payment_intents.create,
        params,
        {"idempotency_key": idempotency_key},
    )


def update_payment_intent_amount(
    payment_intent_id: str, *, amount: int, idempotency_key: str
) -> stripe.PaymentIntent:
    """Change the amount of a PaymentIntent not yet confirmed."""
    client = get_client()
    return _call(
        "PaymentIntent update",
        client.v1.payment_intents.update,
        payment_intent_id,
        {"amount": amount},
        {"idempotency_key": idempotency_key},
    )


def retrieve_payment_intent(payment_intent_id: str) -> stripe.PaymentIntent:
    """The PaymentIntent as Stripe has it now, with its latest charge expanded."""
    client = get_client()
    return _call(
        "PaymentIntent retrieval",
        client.v1.payment_intents.retrieve,
        payment_intent_id,
        {"expand": ["latest_charge"]},
    )


def capture_payment_intent(
    payment_intent_id: str, *, amount: int, idempotency_key: str
) -> stripe.PaymentIntent:
    """Capture `amount` (minor units) of an authorised PaymentIntent."""
    client = get_client()
    return _call(
        "capture",
        client.v1.payment_intents.capture,
        payment_intent_id,
        {"amount_to_capture": amount, "expand": ["latest_charge"]},
        {"idempotency_key": idempotency_key},
    )


def cancel_payment_intent(payment_intent_id: str, *, idempotency_key: str) -> stripe.PaymentIntent:
    """Cancel a PaymentIntent not captured: the authorisation is released."""
    client = get_client()
    return _call(
        "cancellation",
        client.v1.payment_intents.cancel,
        payment_intent_id,
        None,
        {"idempotency_key": idempotency_key},
    )


def create_refund(
    payment_intent_id: str,
    *,
    amount: int,
    metadata: dict[str, str],
    idempotency_key: str,
) -> stripe.Refund:
    """Refund `amount` (minor units) of a captured PaymentIntent."""
    client = get_client()
    return _call(
        "refund",
        client.v1.refunds.create,
        {"payment_intent": payment_intent_id, "amount": amount, "metadata": metadata},
        {"idempotency_key": idempotency_key},
    )


def list_refunds(payment_intent_id: str) -> list[stripe.Refund]:
    """Every refund Stripe holds for a PaymentIntent."""
    client = get_client()
    page = _call(
        "refund list",
        client.v1.refunds.list,
        {"payment_intent": payment_intent_id, "limit": 100},
    )
    return list(page.auto_paging_iter())


# --- reading objects ----------------------------------------------------------------


def field(obj: Any, name: str, default: Any = None) -> Any:
    """`obj[name]` for a StripeObject or a plain dict (webhook payload), else default."""
    if obj is None:
        return default
    try:
        value = obj[name]
    except (KeyError, TypeError, AttributeError):
        return default
    return default if value is None else value


def latest_charge(payment_intent: Any) -> Any:
    """The PaymentIntent's latest charge as an object (None before any charge).

    Stripe returns an id unless the charge is expanded (retrieve/capture expand it);
    an id is fetched."""
    charge = field(payment_intent, "latest_charge")
    if charge is None or not isinstance(charge, str):
        return charge
    return retrieve_charge(charge)


def retrieve_charge(charge_id: str) -> stripe.Charge:
    client = get_client()
    return _call("charge retrieval", client.v1.charges.retrieve, charge_id)


def captured_amount(payment_intent, *, currency: str) -> Decimal:
    """How much of a succeeded PaymentIntent was captured, as Stripe says."""
    received = field(payment_intent, "amount_received")
    if received:
        return from_minor_units(received, currency)
    charge = latest_charge(payment_intent)
    captured = field(charge, "amount_captured")
    if captured:
        return from_minor_units(captured, currency)
    return from_minor_units(field(charge, "amount", payment_intent["amount"]), currency)
