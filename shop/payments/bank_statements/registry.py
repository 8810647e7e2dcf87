"""Who knows what a reference pays: matchers registered by prefix.

An app registers at `AppConfig.ready()`:

    register_matcher(prefix="PS", label=_("Share subscription"), apply=apply_share_payment)

`apply(number=..., line=..., by=...)` runs inside the transaction that marks the line
matched (so a refusal, or any error, leaves both unchanged) and returns what it did, in a
few words for staff ("Souscription PS-12-5 payée"). It raises `MatchRefused` with a
message for staff when the line cannot pay that reference (unknown, already paid, amount
different). References are "<PREFIX>-<number>-<Luhn check digit>" (shop.payments.references).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from shop.payments.references import find_reference

if TYPE_CHECKING:
    from django.utils.functional import Promise

    from .models import StatementLine


class MatchRefused(Exception):
    """The line cannot pay this reference; the message says why (shown to staff)."""


class ApplyLine(Protocol):
    def __call__(self, *, number: str, line: StatementLine, by: Any) -> str: ...


@dataclass(frozen=True)
class Matcher:
    prefix: str
    label: str | Promise
    apply: ApplyLine


@dataclass(frozen=True)
class Identified:
    matcher: Matcher
    reference: str  # normalised, "PS-12-5"
    number: str  # "12"


_MATCHERS: dict[str, Matcher] = {}


def register_matcher(*, prefix: str, label: str | Promise, apply: ApplyLine) -> None:
    """Register (or replace) the matcher of a reference prefix."""
    prefix = prefix.upper()
    if not prefix.isalnum():
        raise ValueError(f"A reference prefix is letters and digits: {prefix!r}")
    _MATCHERS[prefix] = Matcher(prefix=prefix, label=label, apply=apply)


def unregister_matcher(prefix: str) -> None:
    _MATCHERS.pop(prefix.upper(), None)


def matchers() -> list[Matcher]:
    return sorted(_MATCHERS.values(), key=lambda matcher: matcher.prefix)


def identify(texts: Iterable[str]) -> Identified | None:
    """The first valid registered reference found in `texts` (the reference column, then
    the label), or None."""
    for text in texts:
        if not text:
            continue
        for matcher in matchers():
            reference = find_reference(matcher.prefix, text)
            if reference:
                number = reference.split("-")[1]
                return Identified(matcher=matcher, reference=reference, number=number)
    return None
