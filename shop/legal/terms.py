"""The terms of sale (CGV) in force: their version and where to read them.

The shop needs them at checkout, but their page lives in `cms`, which the shop may not
import. So `cms` registers a provider in its AppConfig.ready() (as it fills the slots of
`shop/panels.py`). Without a provider, or without a published terms page, checkout still
asks the customer to accept the terms and records TERMS_OF_SALE_FALLBACK_VERSION: an
order is never placed without an acceptance, and staff can see it was made while no
page was published.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings


@dataclass(frozen=True)
class Terms:
    version: str
    url: str = ""  # empty: no page to link to


TermsProvider = Callable[[], Terms | None]

_provider: TermsProvider | None = None


def register_terms_provider(provider: TermsProvider | None) -> None:
    """Set (or, with None, remove) the function that finds the terms in force."""
    global _provider
    _provider = provider


def current_terms() -> Terms:
    terms = _provider() if _provider is not None else None
    return terms or Terms(version=settings.TERMS_OF_SALE_FALLBACK_VERSION)
