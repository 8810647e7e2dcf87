"""A fake local-currency operator: a small HTTP JSON server on 127.0.0.1 speaking the
API `shop.wallet.currencies.adapters.DigitalOperator` reads.

    with FakeCurrencyOperator(token="s3cret") as operator:
        operator.add("t-1", "PM-12-3", "12.50", "2026-12-01T10:00:00+00:00")
        DigitalOperator(base_url=operator.url, token="s3cret").fetch_transfers(None)

`GET /transfers?since=<ISO>` answers the transfers dated at or after `since`, `page_size`
at a time with a `next` link; a wrong bearer token gets 401. `fail = True` answers 500,
`hang = <seconds>` answers that late (for the client's timeout). `requests` lists the
paths asked for.
"""

from __future__ import annotations

import json
import threading
import time
import urllib.parse
from datetime import datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (the timeout test) is expected


class FakeCurrencyOperator:
    def __init__(self, *, token: str = "test-token", page_size: int = 2):
        self.token = token
        self.page_size = page_size
        self.transfers: list[dict] = []
        self.requests: list[str] = []
        self.fail = False
        self.hang = 0.0
        self._server: _QuietServer | None = None

    def add(self, id: str, reference: str, amount: str, date: str) -> None:
        self.transfers.append({"id": id, "reference": reference, "amount": amount, "date": date})

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}/api"

    def __enter__(self) -> FakeCurrencyOperator:
        operator = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _send(self, status: int, body: dict) -> None:
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                operator.requests.append(self.path)
                if operator.hang:
                    time.sleep(operator.hang)
                if operator.fail:
                    return self._send(500, {"error": "down"})
                if self.headers.get("Authorization") != f"Bearer {operator.token}":
                    return self._send(401, {"error": "bad token"})
                parsed = urllib.parse.urlsplit(self.path)
                if parsed.path != "/api/transfers":
                    return self._send(404, {"error": "not found"})
                query = dict(urllib.parse.parse_qsl(parsed.query))
                since = datetime.fromisoformat(query["since"]) if "since" in query else None
                matching = [
                    t
                    for t in operator.transfers
                    if since is None or datetime.fromisoformat(t["date"]) >= since
                ]
                offset = int(query.get("offset", 0))
                page = matching[offset : offset + operator.page_size]
                following = None
                if offset + operator.page_size < len(matching):
                    query["offset"] = str(offset + operator.page_size)
                    following = f"{operator.url}/transfers?{urllib.parse.urlencode(query)}"
                return self._send(200, {"transfers": page, "next": following})

        self._server = _QuietServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        assert self._server is not None
        self._server.shutdown()
        self._server.server_close()
