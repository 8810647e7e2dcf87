"""Stripe.js in the Content-Security-Policy, on the card payment pages only.

Every other page keeps the site's strict policy (config/settings/base.py); a page that
mounts Stripe's Payment Element (the checkout's card step, a group order's card page)
passes its response through `allow_stripe_js`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpResponseBase


def stripe_js_directives() -> dict[str, list[str]]:
    """Stripe's sources plus the origin STRIPE_JS_URL is served from (Stripe's own, or a
    Stripe-compatible server in tests, whose script talks to and frames its origin)."""
    url = urlsplit(settings.STRIPE_JS_URL)
    origin = [f"{url.scheme}://{url.netloc}"] if url.netloc else []
    return {
        directive: list(dict.fromkeys([*sources, *origin]))
        for directive, sources in settings.CSP_STRIPE_DIRECTIVES.items()
    }


def allow_stripe_js(response: HttpResponseBase) -> HttpResponseBase:
    """Add Stripe.js's sources to this response's policy (django-csp's per-response
    `_csp_update`, the attribute its `csp_update` decorator sets)."""
    response._csp_update = stripe_js_directives()  # type: ignore[attr-defined]
    return response
