"""How a local currency's operator tells the cooperative about members' transfers.

Each currency names its adapter (`LocalCurrency.adapter`):

- "comptoir": paper notes exchanged at desks; staff record each exchange, there is
  nothing to fetch;
- "digital": the operator's HTTP JSON API. `GET <base>/transfers?since=<ISO 8601>` with
  `Authorization: Bearer <token>` answers
  `{"transfers": [{"id": "...", "reference": "PM-12-3", "amount": "12.50",
  "date": "2026-12-01T10:00:00+00:00"}], "next": null}`; `next`, when given, is the URL
  of the following page. The token is read from the environment variable (or Django
  setting) named by `LocalCurrency.api_token_setting`, never from the database.
"""

from __future__ import annotations

import json
import os
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Protocol

from django.conf import settings
from django.utils.dateparse import parse_datetime

from .models import Adapter, LocalCurrency

TIMEOUT_SECONDS = 10
MAX_PAGES = 50


class OperatorError(Exception):
    """The operator could not be reached or answered something unreadable."""


@dataclass(frozen=True)
class IncomingTransfer:
    id: str
    member_reference: str
    amount: Decimal
    date: datetime


class CurrencyOperator(Protocol):
    def fetch_transfers(self, since: datetime | None) -> list[IncomingTransfer]: ...


class ComptoirOperator:
    """Exchange desks only: every credit is recorded by hand, nothing comes in."""

    def fetch_transfers(self, since: datetime | None) -> list[IncomingTransfer]:
        return []


def _token(setting_name: str) -> str:
    if not setting_name:
        return ""
    return os.environ.get(setting_name, "") or str(getattr(settings, setting_name, "") or "")


def _parse(item: dict) -> IncomingTransfer:
    try:
        made_at = parse_datetime(str(item["date"]))
        amount = Decimal(str(item["amount"]))
        if made_at is None or not amount.is_finite():
            raise ValueError(item)
        return IncomingTransfer(
            id=str(item["id"]),
            member_reference=str(item.get("reference") or ""),
            amount=amount,
            date=made_at,
        )
    except (KeyError, TypeError, ValueError, InvalidOperation) as error:
        raise OperatorError(f"Unreadable transfer from the operator: {item!r}") from error


class DigitalOperator:
    """The operator's HTTP JSON API (see the module's docstring)."""

    def __init__(self, *, base_url: str, token: str, timeout: float = TIMEOUT_SECONDS):
        if not base_url:
            raise OperatorError("No API base URL for this currency's operator.")
        self.base_url = base_url.rstrip("/")
        self.token = token
        self.timeout = timeout

    def _get(self, url: str) -> dict:
        request = urllib.request.Request(
            url, headers={"Authorization": f"Bearer {self.token}", "Accept": "application/json"}
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                return json.loads(response.read().decode("utf-8"))
        except (urllib.error.URLError, TimeoutError, OSError, ValueError) as error:
            raise OperatorError(f"The operator's API failed ({url}): {error}") from error

    def fetch_transfers(self, since: datetime | None) -> list[IncomingTransfer]:
        query = urllib.parse.urlencode({"since": since.isoformat()} if since else {})
        url: str | None = f"{self.base_url}/transfers" + (f"?{query}" if query else "")
        transfers: list[IncomingTransfer] = []
        for _page in range(MAX_PAGES):
            if not url:
                break
            body = self._get(url)
            items = body.get("transfers") if isinstance(body, dict) else None
            if not isinstance(items, list):
                raise OperatorError(f"The operator's answer has no transfer list ({url}).")
            transfers += [_parse(item) for item in items]
            url = body.get("next") or None
            if url and not str(url).startswith(self.base_url + "/"):
                # The token goes only to the operator's own API.
                raise OperatorError(f"The operator's next page is elsewhere: {url}")
        return transfers


def operator_for(currency: LocalCurrency) -> CurrencyOperator:
    if currency.adapter == Adapter.DIGITAL:
        return DigitalOperator(
            base_url=currency.api_base_url, token=_token(currency.api_token_setting)
        )
    return ComptoirOperator()
