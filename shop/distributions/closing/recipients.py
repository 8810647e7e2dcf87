"""Who receives the distribution sheet: the coordinators of the distribution's pickup
points. The shop cannot import group buying (which knows coordinators): `groupbuy`
registers, at ready(), a function giving the e-mail addresses of the coordinators of
some pickup points (as it does for shop.distributions.access)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

CoordinatorsProvider = Callable[[Iterable[int]], Iterable[str]]

_providers: list[CoordinatorsProvider] = []


def register_coordinators_provider(provider: CoordinatorsProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def unique(addresses: Iterable[str]) -> list[str]:
    seen: dict[str, str] = {}
    for address in addresses:
        if address:
            seen.setdefault(address.lower(), address)
    return list(seen.values())


def coordinator_emails(point_ids: Iterable[int]) -> list[str]:
    ids = list(point_ids)
    return unique(address for provider in _providers for address in provider(ids))
