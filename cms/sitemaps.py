"""sitemap.xml: Wagtail pages, public browsable products and member producers.

Every address is built from the request's host, so the sitemap lists one host (the one
robots.txt announces) whatever the Wagtail Site or django.contrib.sites record says.
"""

from urllib.parse import urlsplit

from django.contrib.sitemaps import Sitemap
from oscar.core.loading import get_model
from wagtail.contrib.sitemaps import Sitemap as WagtailSitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap_view

from shop.catalogue.selectors import browsable_products

Partner = get_model("partner", "Partner")


class RequestHostMixin:
    """Absolute URLs on the host the sitemap was asked on."""

    def __init__(self, request=None):
        self.request = request

    def get_domain(self, site=None):
        if self.request is not None:
            return self.request.get_host()
        return super().get_domain(site)


class PageSitemap(RequestHostMixin, WagtailSitemap):
    """Wagtail's live public pages of the current site."""

    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        if self.request is not None:
            for url_info in urls:
                parts = urlsplit(url_info["location"])
                path = parts.path + (f"?{parts.query}" if parts.query else "")
                url_info["location"] = self.request.build_absolute_uri(path)
        return urls


class ProductSitemap(RequestHostMixin, Sitemap):
    changefreq = "weekly"
    priority = 0.6

    def items(self):
        return (
            browsable_products()
            .select_related(None)
            .prefetch_related(None)
            .only("id", "slug", "date_updated", "date_created")
            .order_by("pk")
        )

    def lastmod(self, product):
        return product.date_updated or product.date_created


class ProducerSitemap(RequestHostMixin, Sitemap):
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return (
            Partner.objects.filter(charter_status="membre")
            .exclude(slug__isnull=True)
            .exclude(slug="")
            .only("id", "slug")
            .order_by("pk")
        )


def sitemap(request):
    return wagtail_sitemap_view(
        request,
        sitemaps={
            "pages": PageSitemap(request),
            "produits": ProductSitemap(request),
            "producteurs": ProducerSitemap(request),
        },
    )
