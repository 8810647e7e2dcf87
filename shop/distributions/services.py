"""Writes of distributions, each one transaction, audited by a `DistributionEvent` (who,
when, what, why) — or, for the quantities sold, by the order that sold them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .models import (
    BasketDistribution,
    Distribution,
    DistributionEvent,
    DistributionOffer,
    DistributionStatus,
    OrderDistribution,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    User = AbstractBaseUser | AnonymousUser | None

Every = Literal["weekly", "every_n_weeks", "monthly"]
MAX_REPEAT = 52  # copies made at once


class DistributionError(Exception):
    """A distribution operation refused, with a message for the person who asked."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


class OrderingClosed(DistributionError):
    pass


class NotOffered(DistributionError):
    pass


@dataclass(frozen=True)
class Short:
    product_id: int
    title: str
    wanted: int
    left: int

    @property
    def message(self) -> str:
        if self.left <= 0:
            return _(
                "“%(title)s” is sold out for this distribution: it has been removed "
                "from your basket."
            ) % {"title": self.title}
        return ngettext(
            "Only %(count)d “%(title)s” is left for this distribution: your basket has "
            "been updated.",
            "Only %(count)d “%(title)s” are left for this distribution: your basket has "
            "been updated.",
            self.left,
        ) % {"count": self.left, "title": self.title}


class DistributionShortage(DistributionError):
    """Some lines ask for more than the distribution has left; nothing was reserved."""

    def __init__(self, shortages: list[Short]):
        self.shortages = shortages
        super().__init__(" ".join(short.message for short in shortages))


def closed_message(distribution: Distribution) -> str:
    closes_at = timezone.localtime(distribution.closes_at)
    return _("Ordering for this distribution closed on %(date)s.") % {
        "date": date_format(closes_at, "DATETIME_FORMAT")
    }


def check_open(distribution: Distribution, *, at: datetime.datetime | None = None) -> None:
    """Raise `OrderingClosed` unless the distribution takes orders at `at` (now)."""
    at = at or timezone.now()
    if distribution.status != DistributionStatus.PUBLISHED:
        raise OrderingClosed(_("This distribution is not taking orders."))
    if at >= distribution.closes_at:
        raise OrderingClosed(closed_message(distribution))
    if at < distribution.opens_at:
        raise OrderingClosed(
            _("Ordering for this distribution opens on %(date)s.")
            % {"date": date_format(timezone.localtime(distribution.opens_at), "DATETIME_FORMAT")}
        )


def _audit(distribution: Distribution, action: str, by: Any, note: str = "") -> None:
    DistributionEvent.objects.create(
        distribution=distribution,
        action=action,
        by=by if getattr(by, "is_authenticated", False) else None,
        note=note[:255],
    )


def _check_dates(
    *,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
) -> None:
    if ends_at <= starts_at:
        raise DistributionError(_("The pickup must end after it starts."))
    if closes_at <= opens_at:
        raise DistributionError(_("Ordering must close after it opens."))
    if closes_at > starts_at:
        raise DistributionError(_("Ordering must close before the pickup starts."))


@transaction.atomic
def distribution_create(
    *,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    pickup_points: Iterable[Any],
    producers: Iterable[Any],
    by: Any,
    note: str = "",
) -> Distribution:
    """A draft distribution; offers are set with `distribution_offer_set`."""
    _check_dates(starts_at=starts_at, ends_at=ends_at, opens_at=opens_at, closes_at=closes_at)
    points = list(pickup_points)
    if not points:
        raise DistributionError(_("Choose at least one pickup point."))
    distribution = Distribution.objects.create(
        title=title,
        starts_at=starts_at,
        ends_at=ends_at,
        opens_at=opens_at,
        closes_at=closes_at,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    distribution.pickup_points.set(points)
    distribution.producers.set(list(producers))
    _audit(distribution, DistributionEvent.Action.CREATE, by, note)
    return distribution


@transaction.atomic
def distribution_update(
    *,
    distribution: Distribution,
    by: Any,
    title: str,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    opens_at: datetime.datetime,
    closes_at: datetime.datetime,
    pickup_points: Iterable[Any],
    producers: Iterable[Any],
    note: str = "",
) -> Distribution:
    """Change dates, points and producers; offers of producers no longer taking part are
    removed unless something was sold."""
    _check_dates(starts_at=starts_at, ends_at=ends_at, opens_at=opens_at, closes_at=closes_at)
    locked = Distribution.objects.select_for_update().get(pk=distribution.pk)
    if locked.status in (DistributionStatus.CLOSED, DistributionStatus.CANCELLED):
        raise DistributionError(_("A closed or cancelled distribution cannot be changed."))
    points, partners = list(pickup_points), list(producers)
    if not points:
        raise DistributionError(_("Choose at least one pickup point."))
    for field, value in (
        ("title", title),
        ("starts_at", starts_at),
        ("ends_at", ends_at),
        ("opens_at", opens_at),
        ("closes_at", closes_at),
    ):
        setattr(locked, field, value)
    locked.save()
    locked.pickup_points.set(points)
    locked.producers.set(partners)
    locked.offers.filter(sold=0).exclude(product__stockrecords__partner__in=partners).delete()
    _audit(locked, DistributionEvent.Action.UPDATE, by, note)
    return locked


@transaction.atomic
def distribution_publish(*, distribution: Distribution, by: Any, note: str = "") -> Distribution:
    locked = Distribution.objects.select_for_update().get(pk=distribution.pk)
    if locked.status == DistributionStatus.PUBLISHED:
        return locked
    if locked.status != DistributionStatus.DRAFT:
        raise DistributionError(_("Only a draft distribution can be published."))
    if not locked.offers.filter(quantity__gt=0).exists():
        raise DistributionError(_("Set a quantity for at least one product before publishing."))
    locked.status = DistributionStatus.PUBLISHED
    locked.save(update_fields=["status"])
    _audit(locked, DistributionEvent.Action.PUBLISH, by, note)
    return locked


@transaction.atomic
def distribution_cancel(*, distribution: Distribution, by: Any, note: str = "") -> Distribution:
    locked = Distribution.objects.select_for_update().get(pk=distribution.pk)
    if locked.orders.exists():
        raise DistributionError(_("A distribution with orders cannot be cancelled."))
    locked.status = DistributionStatus.CANCELLED
    locked.save(update_fields=["status"])
    _audit(locked, DistributionEvent.Action.CANCEL, by, note)
    return locked


@transaction.atomic
def distribution_close(
    *, distribution: Distribution, at: datetime.datetime | None = None, by: Any = None
) -> bool:
    """Mark ordering closed (once: False when it already was). The closing task sends
    purchase orders after this returns True."""
    locked = Distribution.objects.select_for_update().get(pk=distribution.pk)
    if locked.closed_at is not None or locked.status != DistributionStatus.PUBLISHED:
        return False
    locked.closed_at = at or timezone.now()
    locked.status = DistributionStatus.CLOSED
    locked.save(update_fields=["closed_at", "status"])
    _audit(locked, DistributionEvent.Action.CLOSE, by)
    distribution.closed_at, distribution.status = locked.closed_at, locked.status
    return True


@transaction.atomic
def distribution_offer_set(
    *, distribution: Distribution, product: Any, quantity: int, by: Any
) -> DistributionOffer | None:
    """Offer `quantity` of `product` in this distribution (0 removes an offer nothing was
    sold of). Never below what is already sold."""
    if quantity < 0:
        raise DistributionError(_("A quantity cannot be negative."))
    if product.is_parent:
        raise DistributionError(_("Offer the sizes of a product, not the product itself."))
    offer = (
        DistributionOffer.objects.select_for_update()
        .filter(distribution=distribution, product=product)
        .first()
    )
    if offer is None:
        if quantity == 0:
            return None
        offer = DistributionOffer.objects.create(
            distribution=distribution, product=product, quantity=quantity
        )
    elif quantity < offer.sold:
        raise DistributionError(
            _("%(count)d “%(title)s” are already sold: the quantity cannot be lower.")
            % {"count": offer.sold, "title": product.get_title()}
        )
    elif quantity == 0:
        offer.delete()
        offer = None
    elif quantity != offer.quantity:
        offer.quantity = quantity
        offer.save(update_fields=["quantity"])
    _audit(
        distribution,
        DistributionEvent.Action.OFFER,
        by,
        f"{product.get_title()[:200]}: {quantity}",
    )
    return offer


def shift(moment: datetime.datetime, *, days: int = 0, months: int = 0) -> datetime.datetime:
    """The same wall-clock time `days` days / `months` months later (across DST)."""
    local = timezone.localtime(moment).replace(tzinfo=None)
    return timezone.make_aware(local + relativedelta(days=days, months=months))


def _copy(source: Distribution, *, days: int, months: int, by: Any) -> Distribution:
    copy = Distribution.objects.create(
        title=source.title,
        starts_at=shift(source.starts_at, days=days, months=months),
        ends_at=shift(source.ends_at, days=days, months=months),
        opens_at=shift(source.opens_at, days=days, months=months),
        closes_at=shift(source.closes_at, days=days, months=months),
        series=source.series,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    copy.pickup_points.set(source.pickup_points.all())
    copy.producers.set(source.producers.all())
    DistributionOffer.objects.bulk_create(
        DistributionOffer(distribution=copy, product_id=offer.product_id, quantity=offer.quantity)
        for offer in source.offers.all()
    )
    _audit(copy, DistributionEvent.Action.CLONE, by, str(source)[:255])
    return copy


@transaction.atomic
def distribution_clone(
    *, distribution: Distribution, starts_at: datetime.datetime, by: Any
) -> Distribution:
    """A draft copy (points, producers, quantities; nothing sold) whose pickup starts at
    `starts_at`; every other date moves by as many days, at the same wall-clock time."""
    source_local = timezone.localtime(distribution.starts_at).replace(tzinfo=None)
    target_local = timezone.localtime(starts_at).replace(tzinfo=None)
    delta = target_local - source_local
    copy = _copy(distribution, days=0, months=0, by=by)
    for field in ("starts_at", "ends_at", "opens_at", "closes_at"):
        local = timezone.localtime(getattr(distribution, field)).replace(tzinfo=None)
        setattr(copy, field, timezone.make_aware(local + delta))
    copy.save(update_fields=["starts_at", "ends_at", "opens_at", "closes_at"])
    return copy


@transaction.atomic
def distribution_repeat(
    *, distribution: Distribution, every: Every, n: int = 1, count: int, by: Any
) -> list[Distribution]:
    """`count` draft copies: weekly, every `n` weeks, or every `n` months (same day of
    the month, or its last day)."""
    if not 1 <= count <= MAX_REPEAT:
        raise DistributionError(
            _("Make between 1 and %(max)d copies at once.") % {"max": MAX_REPEAT}
        )
    if n < 1:
        raise DistributionError(_("The interval must be at least 1."))
    copies = []
    for k in range(1, count + 1):
        if every == "weekly":
            copies.append(_copy(distribution, days=7 * k, months=0, by=by))
        elif every == "every_n_weeks":
            copies.append(_copy(distribution, days=7 * n * k, months=0, by=by))
        elif every == "monthly":
            copies.append(_copy(distribution, days=0, months=n * k, by=by))
        else:
            raise DistributionError(_("Unknown repetition."))
    return copies


def distribution_reserve(
    *,
    distribution: Distribution,
    lines: Mapping[int, int],
    titles: Mapping[int, str] | None = None,
    at: datetime.datetime | None = None,
) -> list[DistributionOffer]:
    """Reserve `lines` (product id → quantity) in the distribution at order placement.

    Must run inside the order's transaction: the offers are locked (`SELECT … FOR
    UPDATE`, by pk: concurrent orders queue up instead of deadlocking), checked, then
    their `sold` raised. Raises `OrderingClosed`, `NotOffered` or `DistributionShortage`
    (nothing reserved); the caller's transaction rolls the order back."""
    check_open(distribution, at=at)
    titles = titles or {}
    wanted = {pid: qty for pid, qty in lines.items() if qty > 0}
    offers = list(
        DistributionOffer.objects.select_for_update()
        .filter(distribution=distribution, product_id__in=sorted(wanted))
        .order_by("pk")
    )
    by_product = {offer.product_id: offer for offer in offers}
    missing = [pid for pid in wanted if pid not in by_product]
    shortages = [Short(pid, titles.get(pid, str(pid)), wanted[pid], 0) for pid in missing] + [
        Short(o.product_id, titles.get(o.product_id, str(o.product)), wanted[o.product_id], o.left)
        for o in offers
        if wanted[o.product_id] > o.left
    ]
    if shortages:
        raise DistributionShortage(shortages)
    for offer in offers:
        DistributionOffer.objects.filter(pk=offer.pk).update(
            sold=F("sold") + wanted[offer.product_id]
        )
        offer.sold += wanted[offer.product_id]
    return offers


@transaction.atomic
def distribution_release(*, order: Any) -> None:
    """Give back to its distribution what a cancelled order had reserved (once)."""
    link = OrderDistribution.objects.select_for_update().filter(order=order).first()
    if link is None or link.released:
        return
    quantities: dict[int, int] = {}
    for product_id, quantity in order.lines.values_list("product_id", "quantity"):
        if product_id is not None:
            quantities[product_id] = quantities.get(product_id, 0) + quantity
    for offer in (
        DistributionOffer.objects.select_for_update()
        .filter(distribution_id=link.distribution_id, product_id__in=sorted(quantities))
        .order_by("pk")
    ):
        offer.sold = max(offer.sold - quantities[offer.product_id], 0)
        offer.save(update_fields=["sold"])
    link.released = True
    link.save(update_fields=["released"])


@transaction.atomic
def order_distribution_record(
    *, order: Any, distribution: Distribution, pickup_point: Any = None
) -> OrderDistribution:
    return OrderDistribution.objects.create(
        order=order, distribution=distribution, pickup_point=pickup_point
    )


@transaction.atomic
def basket_distribution_choose(*, basket: Any, distribution: Distribution) -> list[str]:
    """Fill `basket` for `distribution`: lines of products it does not offer are removed
    (their titles are returned, for the message). Refused once ordering is closed."""
    check_open(distribution)
    BasketDistribution.objects.update_or_create(
        basket=basket, defaults={"distribution": distribution}
    )
    offered = set(
        DistributionOffer.objects.filter(distribution=distribution).values_list(
            "product_id", flat=True
        )
    )
    removed = []
    for line in basket.all_lines():
        if line.product_id not in offered:
            removed.append(line.product.get_title())
            line.delete()
    if removed:
        basket.reset_offer_applications()
        basket._lines = None
    return removed


@transaction.atomic
def basket_shrink_to_offers(*, basket: Any, shortages: list[Short]) -> None:
    """Bring the basket's lines down to what the distribution has left."""
    from shop.checkout.stock import shrink_lines  # shop.checkout imports this module

    left = {short.product_id: short.left for short in shortages}
    shrink_lines(basket, left, key=lambda line: line.product_id)


def distribution_reserve_basket(*, distribution: Distribution, basket: Any) -> None:
    """`distribution_reserve` for the lines of an Oscar basket (in the order's
    transaction)."""
    lines: dict[int, int] = {}
    titles: dict[int, str] = {}
    for line in basket.all_lines():
        lines[line.product_id] = lines.get(line.product_id, 0) + line.quantity
        titles.setdefault(line.product_id, line.product.get_title())
    distribution_reserve(distribution=distribution, lines=lines, titles=titles)
