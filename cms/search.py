"""Site search: education pages, products and producers, with one engine (Wagtail's).

Each helper returns Wagtail search results (lazy, sliceable, countable) over what a
visitor may see: live public pages, public browsable products, member producers.

French: for products and producers the query is folded the way `shop.search_text.fold`
folds their indexed `search_text` (lowercase, no accents, singular); for pages, whose
text is not folded, each word is looked for as typed, unaccented, singular and plural.
So "pomme" finds "Pommes" and "epicerie" finds "Épicerie", on SQLite (FTS5 folds
accents itself) and on PostgreSQL (whatever its text search configuration).
One known gap: on PostgreSQL a page (not a product or producer) written "Épicerie" is
not found by "epicerie" until page models index a folded field too: a `search_text()`
method returning `shop.search_text.fold(...)` of their text, listed as
`index.SearchField("search_text")`.

The index is kept up to date by Wagtail's signal handlers on ORM saves; rows written in
bulk (seed_catalogue, CSV import) need `manage.py wagtail_update_index` (plain
`update_index` is Haystack's).
"""

from django.db.models import Prefetch
from oscar.core.loading import get_model
from wagtail.models import Page
from wagtail.search.backends import get_search_backend
from wagtail.search.query import And, Or, PlainText

from shop.catalogue.selectors import browsable_products
from shop.distributions.selectors import offered_products_filter
from shop.search_text import fold, term_variants, words

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

MAX_TERMS = 8
MEMBER = "membre"


def build_query(query_string: str, *, folded_only: bool = False):
    """A Wagtail search query for every word of `query_string` (all must match), None
    when there is nothing to look for.

    `folded_only`: each word folded, for models that index a folded `search_text`
    (products, producers): a plural in the text then counts no more than a singular.
    Otherwise each word in any of its forms, to reach text that is not folded (pages).
    """
    terms = []
    for word in words(query_string)[:MAX_TERMS]:
        forms = {fold(word)} if folded_only else term_variants(word) | {fold(word)}
        forms.discard("")
        if not forms:
            continue
        alternatives = [PlainText(form) for form in sorted(forms)]
        terms.append(alternatives[0] if len(alternatives) == 1 else Or(alternatives))
    if not terms:
        return None
    return terms[0] if len(terms) == 1 else And(terms)


def _search(queryset, query_string: str, *, folded_only: bool = False):
    query = build_query(query_string, folded_only=folded_only)
    if query is None:
        return queryset.none()
    return get_search_backend().search(query, queryset)


def search_pages(query_string: str):
    """Live public pages below the root, as their specific types."""
    pages = Page.objects.live().public().filter(depth__gt=1).specific()
    return _search(pages, query_string)


def search_products(query_string: str, *, distribution=None):
    """Public browsable products (the catalogue's `browsable_products`), with what their
    cards show. The catalogue's conditions go in as a subquery on the primary key: the
    search backends accept plain field lookups only (no Exists)."""
    browsable = browsable_products()
    if distribution is not None:  # only what the visitor's distribution offers
        browsable = browsable.filter(offered_products_filter(distribution))
    browsable_ids = browsable.order_by().values("pk")
    products = (
        Product.objects.base_queryset()  # product class and the "has options" annotations
        .select_related("net_quantity")  # the card's unit price
        .prefetch_related(None)
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "images",
        )
        .filter(pk__in=browsable_ids)
    )
    return _search(products, query_string, folded_only=True)


def search_producers(query_string: str):
    """Producers who are members of the charter."""
    producers = Partner.objects.filter(charter_status=MEMBER).select_related("sector")
    return _search(producers, query_string, folded_only=True)
