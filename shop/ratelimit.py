"""The site's one rate limiter: allauth's (the one that already guards logins and sign-ups).

Limits are ``settings.RATE_LIMITS`` = {action: allauth rate}, e.g. ``"5/10m/user"`` (five
per ten minutes per member) or ``"30/10m/ip"`` (per client address). allauth counts a
sliding window in Django's cache (Redis in production, shared by every worker).

- Services and views call ``rate_limit_hit(action=..., user=... or request=...)``; past
  the limit it raises ``RateLimited``, whose ``message`` is in French.
- ``RateLimitMiddleware`` turns an uncaught ``RateLimited`` into a 429: JSON
  ``{"error": message}`` for fetch/JSON requests, else the site's "please slow down" page.
  A view that wants to show the message in its own form catches ``RateLimited`` itself.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

from allauth.core.internal import ratelimit as _allauth
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

TOO_MANY_REQUESTS = 429
# The cache keys are "allauth:rl:<app>:<action>:...": ours never meet allauth's own.
APP = "panier"
TEMPLATE = "rate_limited.html"


class RateLimited(Exception):
    """Too many actions of one kind: answered with a 429 and this message."""

    def __init__(self, action: str, retry_after: int):
        self.action = action
        self.retry_after = retry_after
        super().__init__(self.message)

    @property
    def message(self) -> str:
        minutes = max(1, round(self.retry_after / 60))
        return _(
            "You are going a bit fast: please wait about %(minutes)s minute(s) before trying again."
        ) % {"minutes": minutes}


def _retry_after(request: HttpRequest, *, action: str, user: Any) -> int:
    """Seconds until the fullest window frees a slot (allauth keeps newest hit first)."""
    now = time.time()
    waits = [1.0]
    for rate in _allauth.get_rates(app=APP, action=action, config=settings.RATE_LIMITS):
        key = _allauth.get_cache_key(request, app=APP, action=action, rate=rate, user=user)
        history = [hit for hit in cache.get(key, []) if hit > now - rate.duration]
        if len(history) >= rate.amount:
            waits.append(history[rate.amount - 1] + rate.duration - now)
    return math.ceil(max(waits))


def rate_limit_hit(*, action: str, user: Any = None, request: HttpRequest | None = None) -> None:
    """Count one `action` of `user` (or of the request's client); raise RateLimited past
    the limit. A per-member limit needs `user` (or an authenticated request)."""
    if action not in settings.RATE_LIMITS:
        raise KeyError(f"no rate limit for {action!r} in settings.RATE_LIMITS")
    if user is None and request is not None and request.user.is_authenticated:
        user = request.user
    # Without a request (a service), per-user limits need nothing else from it.
    request = request if request is not None else HttpRequest()
    usage = _allauth.consume(
        request,
        app=APP,
        action=action,
        config=settings.RATE_LIMITS,
        user=user,
        limit_get=True,
    )
    if usage is None:
        raise RateLimited(action, retry_after=_retry_after(request, action=action, user=user))


def wants_json(request: HttpRequest) -> bool:
    accept = request.headers.get("Accept", "")
    return "application/json" in accept or request.content_type == "application/json"


def rate_limited_response(request: HttpRequest, error: RateLimited) -> HttpResponse:
    if wants_json(request):
        response: HttpResponse = JsonResponse({"error": error.message}, status=TOO_MANY_REQUESTS)
    else:
        response = render(request, TEMPLATE, {"message": error.message}, status=TOO_MANY_REQUESTS)
    response["Retry-After"] = str(error.retry_after)
    return response


class RateLimitMiddleware:
    """A RateLimited escaping a view becomes the French 429 (page or JSON)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RateLimited):
            return rate_limited_response(request, exception)
        return None
