"""Legal pages (cms.LegalPage) for the tests of the checkout, group orders and pages."""

from __future__ import annotations

from cms.models import HomePage, LegalPage

TERMS_SLUG = "conditions-generales-de-vente"


def publish_legal_page(
    *,
    kind: str = LegalPage.Kind.TERMS_OF_SALE,
    version: str = "2026-12",
    slug: str = TERMS_SLUG,
    title: str = "Conditions générales de vente",
    body: list | None = None,
) -> LegalPage:
    """A live legal page under the home page (by default the terms of sale)."""
    home = HomePage.objects.get(slug="accueil")
    page = home.add_child(
        instance=LegalPage(
            kind=kind,
            version=version,
            slug=slug,
            title=title,
            body=body or [{"type": "paragraph", "value": "<p>Article 1.</p>"}],
            live=False,
        )
    )
    page.save_revision().publish()
    return LegalPage.objects.get(pk=page.pk)


def publish_new_version(page: LegalPage, version: str) -> LegalPage:
    """Staff change the version and publish it, as in the Wagtail admin."""
    page.version = version
    page.save_revision().publish()
    return LegalPage.objects.get(pk=page.pk)
