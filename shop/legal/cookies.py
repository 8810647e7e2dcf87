"""The cookies the site sets: strictly necessary ones only, so no consent banner.

The CNIL exempts from consent the cookies strictly necessary to a service the visitor
asks for (sign-in, form security, basket, chosen language); anything else (analytics,
advertising, "recently viewed" lists) would need prior consent. The privacy page lists
these (cms's cookie table block reads `strictly_necessary_cookies`), and a browser test
fails on any other cookie.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

DAY = 24 * 60 * 60


@dataclass(frozen=True)
class Cookie:
    name: str
    purpose: Promise | str
    lifetime: str


def lifetime(seconds: int | None) -> str:
    """ "14 days", or "until the browser is closed" for a session cookie."""
    if not seconds:
        return str(_("until the browser is closed"))
    days = max(1, round(seconds / DAY))
    return ngettext("%(days)d day", "%(days)d days", days) % {"days": days}


def strictly_necessary_cookies() -> list[Cookie]:
    return [
        Cookie(
            settings.SESSION_COOKIE_NAME,
            _("Keeps you signed in and remembers the steps of your order."),
            lifetime(settings.SESSION_COOKIE_AGE),
        ),
        Cookie(
            settings.CSRF_COOKIE_NAME,
            _("Protects the site's forms against requests forged by other sites."),
            lifetime(settings.CSRF_COOKIE_AGE),
        ),
        Cookie(
            settings.OSCAR_BASKET_COOKIE_OPEN,
            _("Keeps the basket of a visitor who is not signed in."),
            lifetime(settings.OSCAR_BASKET_COOKIE_LIFETIME),
        ),
        Cookie(
            settings.LANGUAGE_COOKIE_NAME,
            _("Remembers the language you chose with the switcher (only if you choose one)."),
            lifetime(settings.LANGUAGE_COOKIE_AGE),
        ),
    ]


def switch_off_recently_viewed_history() -> None:
    """Oscar keeps the products a visitor viewed in a cookie (`oscar_history`), for a
    "recently viewed" list the site does not show: not strictly necessary, so off.

    Importing Oscar's receivers module connects its receiver (if the customer app has
    not yet); disconnecting it then holds whatever the order of the apps' ready()."""
    from oscar.apps.catalogue.signals import product_viewed
    from oscar.apps.customer import receivers

    product_viewed.disconnect(receivers.receive_product_view)
