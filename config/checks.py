"""Deployment checks: `manage.py check --deploy` fails on settings unsafe in production.

Each default below keeps `make run` working on a fresh machine, and each would quietly
degrade a real deployment: a per-process cache and channel layer (rate limits and live
updates that do not cross processes), e-mails printed instead of sent, uploads served
by Django, links in e-mails pointing at localhost.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Error, Tags, register

LOCAL_EMAIL_BACKENDS = {
    "django.core.mail.backends.console.EmailBackend",
    "django.core.mail.backends.locmem.EmailBackend",
    "django.core.mail.backends.filebased.EmailBackend",
    "django.core.mail.backends.dummy.EmailBackend",
}
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0", "testserver"}


@register(Tags.security, deploy=True)
def check_production_services(app_configs=None, **kwargs) -> list[Error]:
    if settings.DEBUG:
        return []
    errors = []
    if not settings.REDIS_URL:
        errors.append(
            Error(
                "REDIS_URL is not set: cache and channel layer are per process.",
                hint="Set REDIS_URL=redis://host:6379/0 so every web process shares them.",
                id="config.E001",
            )
        )
    if settings.EMAIL_DELIVERY_BACKEND in LOCAL_EMAIL_BACKENDS:
        errors.append(
            Error(
                f"E-mails are not sent: the delivery backend is {settings.EMAIL_DELIVERY_BACKEND}.",
                hint="Set EMAIL_URL, e.g. smtp+tls://user:password@smtp.example.org:587.",
                id="config.E002",
            )
        )
    if settings.SERVE_MEDIA:
        errors.append(
            Error(
                "Uploaded media are served by Django (SERVE_MEDIA is on).",
                hint="Serve MEDIA_ROOT from the web server and set SERVE_MEDIA=false.",
                id="config.E003",
            )
        )
    if (urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "") in LOCAL_HOSTS:
        errors.append(
            Error(
                f"WAGTAILADMIN_BASE_URL is {settings.WAGTAILADMIN_BASE_URL}: links in "
                "e-mails would point at this machine.",
                hint="Set WAGTAILADMIN_BASE_URL to the site's public https address.",
                id="config.E004",
            )
        )
    return errors
