"""Features some apps reserve to some people: the one question asked before using them.

The shop and groupbuy ask `refusal(feature, user)` before a member uses a feature (the
shop, group orders, general assemblies); an app above them decides, by registering a
check at `AppConfig.ready()`:

    register_gate(GROUP_ORDERS, check)   # check(user) -> refusal message or None

Without a registered check nothing is reserved. This keeps the dependency arrows: the
cooperative (community) decides who is a member, and groupbuy never imports it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import PermissionDenied

SHOP = "shop"
GROUP_ORDERS = "group_orders"
ASSEMBLIES = "assemblies"

# `user` is the project's user model or AnonymousUser (shop may not import community).
Check = Callable[[Any], str | None]

_GATES: dict[str, list[Check]] = {}


def register_gate(feature: str, check: Check) -> None:
    checks = _GATES.setdefault(feature, [])
    if check not in checks:
        checks.append(check)


def unregister_gate(feature: str, check: Check) -> None:
    if check in _GATES.get(feature, []):
        _GATES[feature].remove(check)


def refusal(feature: str, user: Any) -> str | None:
    """Why `user` may not use `feature` (a message for the page), or None if they may."""
    for check in _GATES.get(feature, []):
        message = check(user)
        if message:
            return message
    return None


def ensure_allowed(feature: str, user: Any) -> None:
    """Raise PermissionDenied with the refusal's message if `user` may not use `feature`."""
    message = refusal(feature, user)
    if message:
        raise PermissionDenied(message)
