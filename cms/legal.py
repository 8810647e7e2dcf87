"""The legal pages seen from the rest of the site: the terms of sale in force (for the
shop's checkout and group orders, through `shop.legal.terms`) and the footer's links
(through the shop's "site_footer_legal" slot). Both are cached until a legal page is
published, unpublished or deleted (signals.py)."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest

from shop.legal.terms import Terms

from .models import LegalPage

LEGAL_LINKS_CACHE_KEY = "cms:legal-links"
CACHE_SECONDS = 3600


def legal_links() -> list[dict[str, str]]:
    """The live, public legal pages: kind, title, URL and version, in the order of
    `LegalPage.Kind` (legal notice, terms of sale, privacy)."""
    links = cache.get(LEGAL_LINKS_CACHE_KEY)
    if links is None:
        order = list(LegalPage.Kind.values)
        pages = sorted(
            LegalPage.objects.live().public(), key=lambda page: (order.index(page.kind), page.pk)
        )
        seen: set[str] = set()
        links = []
        for page in pages:
            if page.kind not in seen:
                seen.add(page.kind)
                links.append(
                    {
                        "kind": page.kind,
                        "title": page.title,
                        "url": page.url,
                        "version": page.version,
                    }
                )
        cache.set(LEGAL_LINKS_CACHE_KEY, links, CACHE_SECONDS)
    return links


def forget_legal_links() -> None:
    cache.delete(LEGAL_LINKS_CACHE_KEY)


def terms_of_sale() -> Terms | None:
    """The published terms of sale (registered as the shop's terms provider)."""
    for link in legal_links():
        if link["kind"] == LegalPage.Kind.TERMS_OF_SALE:
            return Terms(version=link["version"], url=link["url"])
    return None


def legal_footer_context(request: HttpRequest | None, subject: object = None) -> dict | None:
    links = legal_links()
    return {"legal_links": links} if links else None
