"""The site search page: articles, products and producers for one query."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from shop.distributions.current import current_distribution
from shop.distributions.selectors import attach_quantities_left
from shop.impact import selectors
from shop.impact.location import viewer_origin

from . import search

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

MAX_QUERY_LENGTH = 200


@dataclass(frozen=True)
class Section:
    key: str  # the `section` URL parameter
    title: StrOrPromise  # lazy: translated when the page renders
    search: Callable
    preview_size: int  # shown on the combined page
    page_size: int  # shown per page when only this section is listed


SECTIONS = [
    Section("articles", _("Articles"), search.search_pages, 4, 10),
    Section("produits", _("Products"), search.search_products, 8, 24),
    Section("producteurs", _("Producers"), search.search_producers, 4, 12),
]


class SearchView(TemplateView):
    """GET /recherche/?q=… : every section with its count and first results, or with
    `section=…` one section, paginated."""

    template_name = "cms/search.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A NUL character (no database text takes it) separates words like a space.
        raw = self.request.GET.get("q", "").replace("\x00", " ")
        query = " ".join(raw.split())[:MAX_QUERY_LENGTH]
        chosen = self.request.GET.get("section")
        sections = [section for section in SECTIONS if section.key == chosen] or SECTIONS
        single = len(sections) == 1
        results = []
        if query:
            origin = viewer_origin(self.request)
            point = origin.point if origin else None
            for section in sections:
                results.append(self._section_results(section, query, single, point))
        context.update(
            query=query,
            sections=results,
            single_section=single,
            total=sum(result["count"] for result in results),
            all_sections_url="?" + urlencode({"q": query}),
            query_string=urlencode({"q": query, **({"section": chosen} if single else {})}),
        )
        return context

    def _section_results(self, section: Section, query: str, single: bool, point) -> dict:
        distribution = current_distribution(self.request)
        if section.key == "produits" and distribution is not None:
            found = search.search_products(query, distribution=distribution)
        else:
            found = section.search(query)
        if single:
            page_obj = Paginator(found, section.page_size).get_page(self.request.GET.get("page"))
            items, count = list(page_obj.object_list), page_obj.paginator.count
        else:
            page_obj = None
            count = found.count()
            items = list(found[: section.preview_size]) if count else []
        if section.key == "produits":
            selectors.attach_product_profiles(items, origin=point)
            if distribution is not None:
                attach_quantities_left(items, distribution)
        elif section.key == "producteurs":
            selectors.attach_producer_profiles(items, origin=point)
        return {
            "key": section.key,
            "title": section.title,
            "items": items,
            "count": count,
            "page_obj": page_obj,
            "more_url": "?" + urlencode({"q": query, "section": section.key})
            if not single and count > len(items)
            else "",
        }


class RobotsView(TemplateView):
    """robots.txt: crawl everything but the back offices, accounts, basket and checkout."""

    template_name = "robots.txt"
    content_type = "text/plain; charset=utf-8"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sitemap_url"] = self.request.build_absolute_uri(reverse("sitemap"))
        return context
