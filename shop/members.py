"""Who is a member of the cooperative, as far as the shop needs to know (member prices).

The shop may not import the cooperative (community): the cooperative registers its
check at `AppConfig.ready()`:

    register_member_check(check)   # check(user) -> bool

Without a registered check nobody is a member, so nobody gets a member price. Pages ask
`request_is_member(request)`: one check per request, kept on the request, however many
products a page prices.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

# `user` is the project's user model or AnonymousUser (shop may not import community).
MemberCheck = Callable[[Any], bool]

_CHECKS: list[MemberCheck] = []
_REQUEST_ATTRIBUTE = "_shop_is_member"


def register_member_check(check: MemberCheck) -> None:
    if check not in _CHECKS:
        _CHECKS.append(check)


def unregister_member_check(check: MemberCheck) -> None:
    if check in _CHECKS:
        _CHECKS.remove(check)


def is_member(user: Any) -> bool:
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return any(check(user) for check in _CHECKS)


def request_is_member(request: Any) -> bool:
    """Whether the request's user is a member, asked once per request."""
    if request is None:
        return False
    cached = getattr(request, _REQUEST_ATTRIBUTE, None)
    if cached is None:
        cached = is_member(getattr(request, "user", None))
        setattr(request, _REQUEST_ATTRIBUTE, cached)
    return cached
