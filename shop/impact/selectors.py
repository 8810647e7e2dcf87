"""Impact profiles for the products and producers a page shows, built in a fixed number of
queries whatever the number of items (no N+1): criteria once, claims once."""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any

from django.db.models import Q
from django.utils import timezone
from oscar.core.loading import get_model

from shop.geo import Point, haversine_km

from . import scoring
from .models import Claim, Criterion, Dimension

if TYPE_CHECKING:
    from shop.catalogue.models import Product
    from shop.partner.models import Partner
else:
    Partner = get_model("partner", "Partner")

# Criterion codes the compact block shows by name.
PRODUCER_SHARE_CODE = "part-producteur"
MAX_CERTIFICATIONS = 3
#: Validated claims the passport's summary puts forward.
MAX_STRENGTHS = 3


@dataclass
class CriterionLine:
    criterion: Criterion
    claim: Claim | None
    score: Decimal | None  # None: not applicable


@dataclass
class DimensionScore:
    dimension: Dimension
    percentage: int | None
    lines: list[CriterionLine]

    @property
    def declared_count(self) -> int:
        return sum(1 for line in self.lines if line.claim is not None)


@dataclass
class ImpactProfile:
    """Everything the impact block shows for one product or producer (computed once per
    profile: a card reads these several times)."""

    producer: Partner | None
    claims: dict[int, Claim]  # criterion id -> the claim that applies
    criteria: Sequence[Criterion]
    for_product: bool
    distance_km: float | None = None
    #: The producer's share of the price from its breakdown (shop.pricing), in %: the
    #: figure from data, shown instead of the declared "part producteur" when known.
    price_producer_percent: Decimal | None = None
    _dimensions: list[DimensionScore] | None = field(default=None, repr=False)

    @property
    def legal_form(self) -> str:
        return self.producer.legal_form if self.producer else ""

    @property
    def legal_form_label(self) -> str:
        return self.producer.get_legal_form_display() if self.producer else ""

    @cached_property
    def current_claims(self) -> list[Claim]:
        return [claim for claim in self.claims.values() if not claim.is_expired]

    @cached_property
    def certifications(self) -> list[Claim]:
        return [
            claim
            for claim in self.current_claims
            if claim.criterion.is_certification and claim.is_positive
        ][:MAX_CERTIFICATIONS]

    @cached_property
    def producer_share(self) -> Claim | None:
        return next(
            (c for c in self.current_claims if c.criterion.code == PRODUCER_SHARE_CODE), None
        )

    @cached_property
    def validation_state(self) -> str:
        """One state for the whole block: the most urgent of its claims' states.

        Any expired claim → "to re-check"; else any disputed → "disputed"; else all
        validated → "validated"; else "declared". No claim at all → "".
        """
        states = {claim.effective_state for claim in self.claims.values()}
        if not states:
            return ""
        for state in (Claim.State.TO_RECHECK, Claim.State.DISPUTED):
            if state in states:
                return state
        return Claim.State.VALIDATED if states == {Claim.State.VALIDATED} else Claim.State.DECLARED

    @cached_property
    def validated_count(self) -> int:
        return sum(1 for c in self.claims.values() if c.effective_state == Claim.State.VALIDATED)

    @cached_property
    def verified_on(self) -> datetime.date | None:
        """Date of the latest community validation among the current claims."""
        dates = [
            timezone.localdate(c.validated_at)
            for c in self.claims.values()
            if c.effective_state == Claim.State.VALIDATED and c.validated_at
        ]
        return max(dates) if dates else None

    @cached_property
    def strongest_claims(self) -> list[Claim]:
        """The (at most three) strongest claims the community validated.

        Strongest: the highest score against its criterion (how fully it holds, see
        scoring.py); on a tie, certified by a third party before self-declared, then the
        most recently validated, then the charter's order. A claim scoring 0 (a "no") or
        not applicable is no strength, whatever its state.
        """
        candidates = [
            (line.score, line.claim)
            for dimension in self.dimensions
            for line in dimension.lines
            if line.claim is not None
            and line.score  # neither None (not applicable) nor 0
            and line.claim.effective_state == Claim.State.VALIDATED
        ]
        # sorted() is stable: equal keys keep the charter's order of self.dimensions.
        candidates.sort(key=lambda pair: (-pair[0], *_tie_break(pair[1])))
        return [claim for _score, claim in candidates[:MAX_STRENGTHS]]

    @property
    def dimensions(self) -> list[DimensionScore]:
        if self._dimensions is None:
            self._dimensions = _score_dimensions(self.criteria, self.claims, self.for_product)
        return self._dimensions


def _tie_break(claim: Claim) -> tuple[bool, float]:
    """Third-party certified first, then the most recently validated."""
    validated = claim.validated_at.timestamp() if claim.validated_at else 0.0
    return claim.source != Claim.Source.THIRD_PARTY, -validated


def active_criteria() -> list[Criterion]:
    return list(Criterion.objects.filter(is_active=True).select_related("dimension"))


def producer_of(product: Any) -> Partner | None:
    """The product's producer: the partner of its first stock record (prefetched)."""
    records = list(product.stockrecords.all())
    if not records and product.is_parent:
        records = [r for child in product.children.all() for r in child.stockrecords.all()]
    return records[0].partner if records else None


def build_product_profiles(
    products: Iterable, *, origin: Point | None = None
) -> dict[int, ImpactProfile]:
    """Impact profiles keyed by product id: product claims override producer claims."""
    products = list(products)
    producers = {product.pk: producer_of(product) for product in products}
    producer_ids = {p.pk for p in producers.values() if p is not None}
    criteria = active_criteria()
    criteria_by_id = {c.pk: c for c in criteria}
    product_claims, producer_claims = _load_claims(
        product_ids=[p.pk for p in products], producer_ids=producer_ids, criteria=criteria_by_id
    )
    profiles = {}
    for product in products:
        producer = producers[product.pk]
        # The producer's claims apply to its products, unless a product claims otherwise.
        claims = dict(producer_claims[producer.pk]) if producer is not None else {}
        claims.update(product_claims.get(product.pk, {}))  # the product's own claims win
        profiles[product.pk] = ImpactProfile(
            producer=producer,
            claims=_ordered(claims, criteria),
            criteria=criteria,
            for_product=True,
            distance_km=_distance(producer, origin),
        )
    return profiles


def build_producer_profiles(
    producers: Iterable, *, origin: Point | None = None
) -> dict[int, ImpactProfile]:
    """Impact profiles of producers themselves (their producer-level claims)."""
    producers = list(producers)
    criteria = active_criteria()
    criteria_by_id = {c.pk: c for c in criteria}
    _, producer_claims = _load_claims(
        product_ids=[], producer_ids={p.pk for p in producers}, criteria=criteria_by_id
    )
    return {
        producer.pk: ImpactProfile(
            producer=producer,
            claims=_ordered(producer_claims.get(producer.pk, {}), criteria),
            criteria=criteria,
            for_product=False,
            distance_km=_distance(producer, origin),
        )
        for producer in producers
    }


def attach_product_profiles(products: Iterable, *, origin: Point | None = None) -> None:
    """Set `product.impact` on each product, for templates."""
    products = list(products)
    profiles = build_product_profiles(products, origin=origin)
    for product in products:
        product.impact = profiles[product.pk]


def attach_producer_profiles(producers: Iterable, *, origin: Point | None = None) -> None:
    producers = list(producers)
    profiles = build_producer_profiles(producers, origin=origin)
    for producer in producers:
        producer.impact = profiles[producer.pk]


def _load_claims(
    *, product_ids: Iterable[int], producer_ids: Iterable[int], criteria: dict[int, Criterion]
) -> tuple[dict[int, dict[int, Claim]], dict[int, dict[int, Claim]]]:
    """One query for every claim of these products and producers."""
    condition = Q(product__isnull=True, producer_id__in=producer_ids)
    if product_ids:
        condition |= Q(product_id__in=product_ids)
    product_claims: dict[int, dict[int, Claim]] = defaultdict(dict)
    producer_claims: dict[int, dict[int, Claim]] = defaultdict(dict)
    for claim in Claim.objects.filter(condition, criterion_id__in=criteria.keys()).order_by():
        claim.criterion = criteria[claim.criterion_id]  # reuse the loaded criteria
        if claim.product_id:
            product_claims[claim.product_id][claim.criterion_id] = claim
        else:
            producer_claims[claim.producer_id][claim.criterion_id] = claim
    return product_claims, producer_claims


def _ordered(claims: dict[int, Claim], criteria: Sequence[Criterion]) -> dict[int, Claim]:
    return {c.pk: claims[c.pk] for c in criteria if c.pk in claims}


def _distance(producer: Partner | None, origin: Point | None) -> float | None:
    if origin is None or producer is None or not producer.has_location:
        return None
    return haversine_km(origin, Point(producer.latitude, producer.longitude))


def _score_dimensions(
    criteria: Sequence[Criterion], claims: dict[int, Claim], for_product: bool
) -> list[DimensionScore]:
    by_dimension: dict[int, DimensionScore] = {}
    for criterion in criteria:
        # A product inherits every producer criterion; a producer has no product ones.
        if not for_product and not criterion.applies_to_producers():
            continue
        entry = by_dimension.setdefault(
            criterion.dimension_id, DimensionScore(criterion.dimension, None, [])
        )
        claim = claims.get(criterion.pk)
        entry.lines.append(
            CriterionLine(criterion, claim, scoring.criterion_score(criterion, claim))
        )
    for entry in by_dimension.values():
        entry.percentage = scoring.dimension_percentage(line.score for line in entry.lines)
    return list(by_dimension.values())


def products_with_producers(product_ids: Iterable[int]) -> dict[int, Product]:
    """Products by id, each with its stock records and their producers prefetched."""
    from django.db.models import Prefetch

    Product = get_model("catalogue", "Product")
    StockRecord = get_model("partner", "StockRecord")
    products = Product.objects.filter(pk__in=list(product_ids)).prefetch_related(
        Prefetch("stockrecords", queryset=StockRecord.objects.select_related("partner"))
    )
    return {product.pk: product for product in products}
