"""The "Learn" entry of the site menu, added to the shop's "site_nav" slot
(shop/panels.py) so that base.html loads no cms tags."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from .models import EDUCATION_URL_CACHE_KEY, EducationIndexPage


def education_index_url() -> str:
    """URL of the education section, cached until a page is (un)published (signals.py)."""
    url = cache.get(EDUCATION_URL_CACHE_KEY)
    if url is None:
        page = EducationIndexPage.objects.live().public().first()
        url = page.url if page else ""
        cache.set(EDUCATION_URL_CACHE_KEY, url, 3600)
    return url


def education_nav_context(request: HttpRequest | None, subject: object = None) -> dict | None:
    url = education_index_url()
    return {"education_url": url} if url else None
