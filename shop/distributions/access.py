"""Who may manage which distributions: staff all of them; others (coordinators of a
buying group at a pickup point) those at the points an app registered for them.

The shop cannot import the apps above it (group buying): `groupbuy` registers, at
ready(), a function giving the pickup points a user coordinates."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

PointsProvider = Callable[[Any], Iterable[int]]

_providers: list[PointsProvider] = []


def register_points_provider(provider: PointsProvider) -> None:
    if provider not in _providers:
        _providers.append(provider)


def managed_point_ids(user: Any) -> set[int]:
    """The pickup points whose distributions `user` may manage (staff: see is_manager)."""
    if not (user and user.is_authenticated and user.is_active):
        return set()
    ids: set[int] = set()
    for provider in _providers:
        ids.update(provider(user))
    return ids


def may_manage_distributions(user: Any) -> bool:
    if not (user and user.is_authenticated and user.is_active):
        return False
    return bool(user.is_staff or managed_point_ids(user))


def may_manage(user: Any, distribution: Any) -> bool:
    """Staff, or a coordinator of every pickup point of the distribution."""
    if not (user and user.is_authenticated and user.is_active):
        return False
    if user.is_staff:
        return True
    points = {point.pk for point in distribution.pickup_points.all()}
    return bool(points) and points <= managed_point_ids(user)
