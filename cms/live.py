"""Live data shown inside pages: products with their current price and impact block,
producers, open group orders. Loaded in bulk for a whole page, in a fixed number of
queries whatever the number of embeds (no N+1), and only when a block asks for it.

Caching (see `body_cache_key`)
------------------------------
A page body is mostly static text, but its embeds show live prices, stock and impact
states, and the impact block shows the distance from the viewer's chosen postcode. We
cache the whole rendered body fragment, keyed on:

- the page and its latest revision (publishing creates a new revision: a new key);
- a *live version* number bumped by `post_save`/`post_delete` of products, stock
  records, producers, claims, group orders and by `page_published`/`page_unpublished`
  (`cms/signals.py`), so a price change or a publication invalidates every cached body;
- the viewer's origin (rounded coordinates of the postcode they chose, or none), the
  language and today's date (claims expire by date without a save);
- whether the viewer is a member of the cooperative (members see member prices);
- a short timeout (`BODY_CACHE_SECONDS`) bounds what no signal sees (a group order
  passing its deadline).

The body contains nothing else user-specific (no CSRF token, no basket form), so
anonymous and signed-in visitors who are not members share it. Previews are never
cached: a draft shares the pk and latest revision of the live page.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import Prefetch
from django.utils import timezone, translation
from oscar.core.loading import get_class, get_model

from shop import members
from shop.impact import selectors
from shop.impact.location import viewer_origin

Product = get_model("catalogue", "Product")
Partner = get_model("partner", "Partner")
StockRecord = get_model("partner", "StockRecord")

LIVE_VERSION_KEY = "cms:live-version"
BODY_CACHE_SECONDS = 600
#: Open group orders a call to action lists at most.
GROUP_ORDER_LIMIT = 3


def live_version() -> int:
    version = cache.get(LIVE_VERSION_KEY)
    if version is None:
        version = 1
        cache.add(LIVE_VERSION_KEY, version, None)
    return version


def bump_live_version() -> None:
    """Invalidate every cached page body that shows live data."""
    try:
        cache.incr(LIVE_VERSION_KEY)
    except ValueError:  # not set yet (or evicted)
        cache.set(LIVE_VERSION_KEY, 2, None)


def origin_point(request):
    origin = viewer_origin(request) if request is not None else None
    return origin.point if origin else None


def body_cache_key(page, request) -> str | None:
    """The vary-on string of the page body fragment, or None when it must not be cached."""
    if request is None or getattr(request, "is_preview", False) or page.pk is None:
        return None
    point = origin_point(request)
    where = f"{point.latitude:.2f},{point.longitude:.2f}" if point else "-"
    return ":".join(
        str(part)
        for part in (
            page.pk,
            page.latest_revision_id,
            live_version(),
            where,
            translation.get_language(),
            timezone.localdate().isoformat(),
            "member" if members.request_is_member(request) else "-",
        )
    )


@dataclass
class PriceInfo:
    """What an embed shows of a product's price: Oscar's strategy, TTC."""

    price_incl_tax: object | None
    currency: str
    available: bool
    availability_message: str


def price_info(product, strategy) -> PriceInfo:
    info = strategy.fetch_for_product(product)
    price = info.price
    excl = getattr(price, "excl_tax", None) if price.exists else None
    incl = price.incl_tax if price.exists and price.is_tax_known else excl
    return PriceInfo(
        price_incl_tax=incl,
        currency=getattr(price, "currency", "EUR") or "EUR",
        available=info.availability.is_available_to_buy,
        availability_message=str(info.availability.message),
    )


def ids_in_stream(stream_value) -> dict[str, set[int]]:
    """Product, producer and buying group ids referenced by a StreamField's raw data."""
    found: dict[str, set[int]] = {"products": set(), "producers": set(), "groups": set()}

    def add(kind, value):
        if isinstance(value, int) or (isinstance(value, str) and value.isdigit()):
            found[kind].add(int(value))

    raw = getattr(stream_value, "raw_data", None)
    items = list(raw) if raw is not None else []
    for item in items:
        block_type, value = item.get("type"), item.get("value")
        if block_type in ("product_embed", "product"):
            add("products", value.get("product") if isinstance(value, dict) else value)
        elif block_type in ("producer_embed", "producer"):
            add("producers", value.get("producer") if isinstance(value, dict) else value)
        elif block_type == "comparison" and isinstance(value, dict):
            for entry in value.get("products") or []:
                add("products", entry.get("value") if isinstance(entry, dict) else entry)
        elif block_type == "group_order_cta" and isinstance(value, dict):
            add("groups", value.get("group"))
    return found


@dataclass
class LiveData:
    """Everything live that a page's embeds show, loaded on first use."""

    product_ids: set[int] = field(default_factory=set)
    producer_ids: set[int] = field(default_factory=set)
    request: object | None = None
    _products: dict[int, object] | None = None
    _producers: dict[int, object] | None = None
    _group_orders: dict | None = None

    @classmethod
    def for_streams(cls, *streams, request=None) -> LiveData:
        live = cls(request=request)
        for stream in streams:
            ids = ids_in_stream(stream)
            live.product_ids |= ids["products"]
            live.producer_ids |= ids["producers"]
        return live

    @property
    def products(self) -> dict[int, object]:
        """Public products by id, with producer, price (`product.live_price`) and impact."""
        if self._products is None:
            self._products = load_products(self.product_ids, request=self.request)
        return self._products

    @property
    def producers(self) -> dict[int, object]:
        if self._producers is None:
            producers = list(Partner.objects.filter(pk__in=self.producer_ids))
            selectors.attach_producer_profiles(producers, origin=origin_point(self.request))
            self._producers = {producer.pk: producer for producer in producers}
        return self._producers

    def product(self, pk) -> object | None:
        if pk is not None and pk not in self.product_ids:
            # Not seen in the raw data (a preview value, a nested block): load it too.
            self.product_ids.add(pk)
            if self._products is not None:
                self._products.update(load_products([pk], request=self.request))
        return self.products.get(pk)

    def producer(self, pk) -> object | None:
        if pk is not None and pk not in self.producer_ids:
            self.producer_ids.add(pk)
            self._producers = None
        return self.producers.get(pk)

    def open_group_orders(self, group_id=None) -> list:
        """Open group orders of a group, or the soonest-closing ones (one query each)."""
        from groupbuy.models import GroupOrder

        if self._group_orders is None:
            self._group_orders = {}
        if group_id not in self._group_orders:
            orders = GroupOrder.objects.open().filter(closes_at__gt=timezone.now())
            if group_id is not None:
                orders = orders.filter(group_id=group_id)
            self._group_orders[group_id] = list(
                orders.select_related("group", "pickup_point").order_by("closes_at")[
                    :GROUP_ORDER_LIMIT
                ]
            )
        return self._group_orders[group_id]


def load_products(ids: Iterable[int], *, request=None) -> dict[int, object]:
    """Public products by id with what an embed shows, in a fixed number of queries:
    products with class (1), stock records with producers (1), images (1), criteria and
    claims (2)."""
    ids = [pk for pk in ids if pk is not None]
    if not ids:
        return {}
    products = list(
        Product.objects.filter(pk__in=ids, is_public=True)
        .select_related("product_class", "parent__product_class", "net_quantity")
        .prefetch_related(
            Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner")),
            "images",  # product.primary_image on the home page's selection
        )
    )
    selectors.attach_product_profiles(products, origin=origin_point(request))
    strategy = get_class("partner.strategy", "Selector")().strategy(
        request=request if hasattr(request, "user") else None
    )
    for product in products:
        product.live_price = price_info(product, strategy)
    return {product.pk: product for product in products}


def live_from_context(context) -> LiveData:
    """The page's LiveData, or a fresh one (a block rendered alone, a block preview)."""
    live = context.get("live") if context else None
    if live is None:
        live = LiveData(request=context.get("request") if context else None)
    return live
