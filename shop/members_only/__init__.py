"""The shop's side of "members only" (shop.gates.SHOP): when the cooperative reserves
the shop to its members, others may browse but not add to the basket nor check out.

Browsing stays open. The basket's add view (apps.BasketConfig, Oscar's basket app with
that one view replaced: nothing forked, no migration) and the checkout's pre-conditions
(shop.checkout) ask `shop_refusal`; pages show the refusal with its link to apply, other
clients (fetch, XHR, API) get a 403 carrying the reason.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponseForbidden
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from shop import gates

# A site path in a refusal ("…: /cooperative/adherer/") becomes a link.
_REQUEST_ATTRIBUTE = "_shop_refusal"
_PATH = re.compile(r"(?<![\w/])(/[\w\-/]*[\w/])")


def shop_refusal(user: Any) -> str | None:
    """Why `user` may not buy (a message naming where to apply), or None if they may."""
    return gates.refusal(gates.SHOP, user)


def request_shop_refusal(request: HttpRequest) -> str | None:
    """`shop_refusal` of the request's user, asked once per request (pages ask it for
    every add-to-basket form they show)."""
    if not hasattr(request, _REQUEST_ATTRIBUTE):
        setattr(request, _REQUEST_ATTRIBUTE, shop_refusal(getattr(request, "user", None)))
    return getattr(request, _REQUEST_ATTRIBUTE)


def refusal_html(message: str) -> SafeString:
    """The message escaped, its site paths made links."""
    escaped = str(escape(message))
    # Safe: the text is escaped above, the links are built by format_html.
    return mark_safe(
        _PATH.sub(lambda match: format_html('<a href="{0}">{0}</a>', match.group(1)), escaped)
    )


def wants_html(request: HttpRequest) -> bool:
    """A page (a browser's form) rather than a script asking for data."""
    if request.headers.get("x-requested-with") == "XMLHttpRequest":
        return False
    return request.accepts("text/html")


def warn(request: HttpRequest, message: str) -> None:
    messages.warning(request, refusal_html(message), extra_tags="safe")


def forbidden(message: str) -> HttpResponseForbidden:
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")
