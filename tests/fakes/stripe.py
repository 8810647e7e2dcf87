"""The fake Stripe of the tests, at two levels.

`FakeStripe` is Stripe's API itself: localstripe behind a small HTTP proxy, for what
localstripe lacks (below). Tests that only need a card payment to have been prepared,
authorised or refused, without any Stripe server, replace shop.payments' card services
with `FakeStripe.services()` instead (`FakeCardServices`: it records the calls).

The proxy in front of localstripe:

localstripe does not implement idempotency keys, 5xx answers or slow answers. This proxy
forwards every request to localstripe unchanged, and adds:

- Stripe's idempotency: the first answer to an `Idempotency-Key` is kept and replayed
  for any later request with the same key (without forwarding it again);
- faults, per path pattern: answer 500 without forwarding (`fail`), or forward and then
  answer too late for the client (`delay_after`: the effect happens, the answer is
  lost, as in a real timeout), or never forward and never answer in time (`hang`).

`forwarded` lists what actually reached localstripe, so a test can count the captures.

It also answers as Stripe does where localstripe answers differently:

- Stripe's test cards declined when a PaymentIntent is confirmed with them
  (`DECLINED_CARDS`: 4000000000000002 generic decline, 4000000000009995 insufficient
  funds; localstripe declines them only when attached to a customer): the confirmation
  gets Stripe's 402 card_error with its decline_code, and the PaymentIntent read
  afterwards is back to requires_payment_method with that last_payment_error;
- an object Stripe does not know: 404 with code resource_missing and "No such
  payment_intent: 'pi_…'" (localstripe: a bare "Not Found").
"""

from __future__ import annotations

import json
import re
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass, field
from decimal import Decimal
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from oscar.apps.payment.exceptions import UnableToTakePayment

from shop.payments import services

# Stripe's test cards that localstripe accepts in a PaymentIntent: (message, decline_code).
DECLINED_CARDS = {
    "4000000000000002": ("Your card was declined.", "generic_decline"),
    "4000000000009995": ("Your card has insufficient funds.", "insufficient_funds"),
}

_INTENT = re.compile(r"^/v1/payment_intents/(pi_\w+)(/confirm)?(?:\?|$)")
_OBJECT = re.compile(r"^/v1/(\w+?)s/(\w+)")


@dataclass
class Fault:
    pattern: str
    kind: str  # "fail", "delay_after" or "hang"
    times: int = 1
    seconds: float = 0.0


@dataclass
class FakeStripe:
    upstream: str
    faults: list[Fault] = field(default_factory=list)
    forwarded: list[tuple[str, str, str | None]] = field(default_factory=list)
    received: list[tuple[str, str, str | None]] = field(default_factory=list)
    replayed: list[str] = field(default_factory=list)
    _answers: dict[str, tuple[int, bytes]] = field(default_factory=dict)
    _declining_methods: dict[str, tuple[str, str]] = field(default_factory=dict)
    _intent_methods: dict[str, str] = field(default_factory=dict)
    _declined_intents: dict[str, dict] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    server: ThreadingHTTPServer | None = None

    # --- configuration -----------------------------------------------------------------

    def fail(self, pattern: str, *, times: int = 1) -> None:
        self.faults.append(Fault(pattern, "fail", times))

    def delay_after(self, pattern: str, *, seconds: float, times: int = 1) -> None:
        self.faults.append(Fault(pattern, "delay_after", times, seconds))

    def hang(self, pattern: str, *, seconds: float, times: int = 1) -> None:
        self.faults.append(Fault(pattern, "hang", times, seconds))

    def count(self, method: str, pattern: str) -> int:
        """How many requests matching reached localstripe."""
        return sum(
            1 for m, path, _key in self.forwarded if m == method and re.search(pattern, path)
        )

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    # --- serving -----------------------------------------------------------------------

    def _take_fault(self, path: str) -> Fault | None:
        with self._lock:
            for fault in self.faults:
                if fault.times > 0 and re.search(fault.pattern, path):
                    fault.times -= 1
                    return fault
        return None

    def _forward(self, method: str, path: str, headers: dict, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.upstream + path, data=body if method == "POST" else None, method=method
        )
        for name in ("Authorization", "Content-Type", "Stripe-Version"):
            if headers.get(name):
                request.add_header(name, headers[name])
        with self._lock:
            self.forwarded.append((method, path, headers.get("Idempotency-Key")))
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def handle(self, handler: BaseHTTPRequestHandler) -> None:
        method, path = handler.command, handler.path
        length = int(handler.headers.get("Content-Length") or 0)
        body = handler.rfile.read(length) if length else b""
        key = handler.headers.get("Idempotency-Key")
        with self._lock:
            self.received.append((method, path, key))
        replay_key = f"{method} {path.split('?')[0]} {key}" if key else None

        if replay_key:
            with self._lock:
                answer = self._answers.get(replay_key)
            if answer is not None:
                self.replayed.append(replay_key)
                self._reply(handler, *answer, replayed=True)
                return

        fault = self._take_fault(path)
        if fault and fault.kind == "fail":
            error = b'{"error": {"type": "api_error", "message": "Injected failure"}}'
            self._reply(handler, 500, error)
            return
        if fault and fault.kind == "hang":
            time.sleep(fault.seconds)
            return  # the client has given up; nothing forwarded

        declined = self._card_decline(method, path, body)
        if declined is not None:
            status, payload = 402, json.dumps({"error": declined}).encode()
        else:
            status, payload = self._forward(method, path, dict(handler.headers), body)
            status, payload = self._as_stripe_answers(method, path, body, status, payload)
        if replay_key and status < 500:
            with self._lock:
                self._answers.setdefault(replay_key, (status, payload))
        if fault and fault.kind == "delay_after":
            time.sleep(fault.seconds)  # done upstream; the answer comes too late
        self._reply(handler, status, payload)

    # --- Stripe's answers where localstripe's differ --------------------------------------

    def _card_decline(self, method: str, path: str, body: bytes) -> dict | None:
        """Stripe's card_error for confirming a PaymentIntent with a declined test card
        (then remembered for the PaymentIntent), else None."""
        match = _INTENT.match(path)
        if method != "POST" or not match:
            return None
        intent_id = match.group(1)
        form = urllib.parse.parse_qs(body.decode())
        with self._lock:
            if form.get("payment_method"):
                self._intent_methods[intent_id] = form["payment_method"][0]
            card = self._declining_methods.get(self._intent_methods.get(intent_id, ""))
            if not match.group(2):
                return None
            if card is None:  # confirmed with another card: the decline is history
                self._declined_intents.pop(intent_id, None)
                return None
            message, decline_code = card
            error = {
                "type": "card_error",
                "code": "card_declined",
                "decline_code": decline_code,
                "message": message,
                "payment_method": {"id": self._intent_methods[intent_id]},
            }
            self._declined_intents[intent_id] = error
            return error

    def _as_stripe_answers(
        self, method: str, path: str, body: bytes, status: int, payload: bytes
    ) -> tuple[int, bytes]:
        if method == "POST" and path == "/v1/payment_methods" and status == 200:
            number = urllib.parse.parse_qs(body.decode()).get("card[number]", [""])[0]
            if number in DECLINED_CARDS:
                with self._lock:
                    self._declining_methods[json.loads(payload)["id"]] = DECLINED_CARDS[number]
        elif status == 404 and (found := _OBJECT.match(path)):
            kind, object_id = found.groups()
            error = {
                "type": "invalid_request_error",
                "code": "resource_missing",
                "param": "id",
                "message": f"No such {kind}: '{object_id}'",
            }
            payload = json.dumps({"error": error}).encode()
        elif (match := _INTENT.match(path)) and status == 200:
            with self._lock:
                error = self._declined_intents.get(match.group(1))
            if error is not None:  # declined since: back to requires_payment_method
                intent = json.loads(payload)
                intent.update(status="requires_payment_method", last_payment_error=error)
                payload = json.dumps(intent).encode()
        return status, payload

    @staticmethod
    def _reply(handler, status: int, payload: bytes, *, replayed: bool = False) -> None:
        try:
            handler.send_response(status)
            handler.send_header("Content-Type", "application/json")
            handler.send_header("Content-Length", str(len(payload)))
            handler.send_header("Request-Id", "req_fake")
            if replayed:
                handler.send_header("Idempotent-Replayed", "true")
            handler.end_headers()
            handler.wfile.write(payload)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client timed out and left

    def start(self) -> FakeStripe:
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                fake.handle(self)

            def do_POST(self):
                fake.handle(self)

            def do_DELETE(self):
                fake.handle(self)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self.server:
            self.server.shutdown()
            self.server.server_close()

    # --- without a server: shop.payments' card services replaced ------------------------

    @staticmethod
    def services(monkeypatch) -> FakeCardServices:
        """Replace shop.payments' card services for the test; return the recording fake."""
        return FakeCardServices().install(monkeypatch)


@dataclass
class FakeCardServices:
    """shop.payments' card services without Stripe: a PaymentIntent `pi_123` is prepared
    for the amount asked, its authorisation is verified unless `refuse` holds the
    decline message, capture and release always succeed. Every call is recorded."""

    PAYMENT_INTENT = "pi_123"
    CLIENT_SECRET = "pi_123_secret_abc"
    PUBLISHABLE_KEY = "pk_test_123"

    prepared: list[tuple[str, Decimal, str, str]] = field(default_factory=list)
    verified: list[tuple[str, str, Decimal]] = field(default_factory=list)
    completed: list[tuple[str, str]] = field(default_factory=list)
    released: list[str] = field(default_factory=list)
    refuse: str | None = None

    def install(self, monkeypatch) -> FakeCardServices:
        monkeypatch.setattr(services, "prepare_card_payment", self.prepare_card_payment)
        monkeypatch.setattr(services, "verify_card_authorization", self.verify_card_authorization)
        monkeypatch.setattr(services, "complete_card_checkout", self.complete_card_checkout)
        monkeypatch.setattr(services, "_release_quietly", self.release)
        return self

    def prepare_card_payment(self, *, order_number, amount, currency, email):
        self.prepared.append((order_number, amount, currency, email))
        return services.CardPaymentSession(
            payment_intent_id=self.PAYMENT_INTENT,
            client_secret=self.CLIENT_SECRET,
            publishable_key=self.PUBLISHABLE_KEY,
            amount=amount,
            currency=currency,
        )

    def verify_card_authorization(self, *, payment_intent_id, order_number, amount):
        self.verified.append((payment_intent_id, order_number, amount))
        if self.refuse:
            raise UnableToTakePayment(self.refuse)
        return services.CardAuthorization(
            payment_intent_id=payment_intent_id,
            order_number=order_number,
            amount=amount,
            currency="EUR",
            label="visa •••• 4242",
        )

    def complete_card_checkout(self, *, order, authorization):
        self.completed.append((order.number, authorization.payment_intent_id))
        return True

    def release(self, payment_intent_id):
        self.released.append(payment_intent_id)
