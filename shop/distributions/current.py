"""The distribution a visitor shops for, asked once per request.

Without any published distribution open for ordering, nothing changes: the shop sells
from its stock as it always did (`current_distribution` is None). Otherwise the visitor's
choice is kept in the session; by default, the soonest distribution at the pickup point
of their last order, else the soonest one. The basket then belongs to that distribution
(`BasketDistribution`, written when the first line is added or the choice changes).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from oscar.core.loading import get_model

from . import selectors, services
from .models import BasketDistribution, Distribution

SESSION_KEY = "distribution_id"
_OPEN = "_open_distributions"
_CURRENT = "_current_distribution"


def open_list(request: HttpRequest) -> list[Distribution]:
    """Open distributions, soonest pickup first, with their points (cached on the request)."""
    if not hasattr(request, _OPEN):
        setattr(request, _OPEN, list(selectors.open_distributions()))
    return getattr(request, _OPEN)


def _last_pickup_point_id(user: Any) -> int | None:
    if not (user and user.is_authenticated):
        return None
    OrderPickup = get_model("shipping", "OrderPickup")
    return (
        OrderPickup.objects.filter(order__user=user, point__isnull=False)
        .order_by("-order__date_placed")
        .values_list("point_id", flat=True)
        .first()
    )


def default_distribution(request: HttpRequest) -> Distribution | None:
    distributions = open_list(request)
    if not distributions:
        return None
    point_id = _last_pickup_point_id(getattr(request, "user", None))
    if point_id is not None:
        for distribution in distributions:
            if any(point.pk == point_id for point in distribution.pickup_points.all()):
                return distribution
    return distributions[0]


def current_distribution(request: HttpRequest) -> Distribution | None:
    """The open distribution chosen in the session (or the default one); None when no
    distribution is open: the shop then works as without distributions."""
    if hasattr(request, _CURRENT):
        return getattr(request, _CURRENT)
    distributions = open_list(request)
    chosen = None
    if distributions:
        session = getattr(request, "session", None)
        wanted = session.get(SESSION_KEY) if session is not None else None
        chosen = next((d for d in distributions if d.pk == wanted), None)
        if chosen is None:
            chosen = default_distribution(request)
    setattr(request, _CURRENT, chosen)
    return chosen


def is_explicit_choice(request: HttpRequest) -> bool:
    distribution = current_distribution(request)
    session = getattr(request, "session", None)
    return bool(distribution and session and session.get(SESSION_KEY) == distribution.pk)


def remember(request: HttpRequest, distribution: Distribution) -> None:
    request.session[SESSION_KEY] = distribution.pk
    setattr(request, _CURRENT, distribution)


def basket_distribution(request: HttpRequest) -> Distribution | None:
    """The distribution the request's basket is filled for (open or not)."""
    return selectors.distribution_of_basket(getattr(request, "basket", None))


def distribution_for_basket(request: HttpRequest) -> Distribution | None:
    """The distribution the basket's next lines are for: the basket's own while it has
    lines (even closed: adding is then refused), else the visitor's current one."""
    basket = getattr(request, "basket", None)
    own = basket_distribution(request)
    if own is not None and (own.is_open() or (basket is not None and basket.num_lines)):
        return own
    return current_distribution(request)


def add_refusal(request: HttpRequest, product: Any, quantity: int) -> str | None:
    """Why `quantity` more of `product` cannot go in the basket for its distribution
    (closed, not offered, not that many left), or None."""
    distribution = distribution_for_basket(request)
    if distribution is None:
        return None
    try:
        services.check_open(distribution)
    except services.DistributionError as refusal:
        return " ".join([refusal.message, _("Please choose another distribution.")])
    left = selectors.quantities_left(distribution, [product.pk]).get(product.pk)
    title = product.get_title()
    if left is None:
        return _("“%(title)s” is not offered in the distribution “%(distribution)s”.") % {
            "title": title,
            "distribution": distribution,
        }
    basket = getattr(request, "basket", None)
    in_basket = 0
    if basket is not None and basket.pk:
        in_basket = sum(
            line.quantity for line in basket.all_lines() if line.product_id == product.pk
        )
    if in_basket + quantity > left:
        return ngettext(
            "Only %(count)d “%(title)s” is left for this distribution.",
            "Only %(count)d “%(title)s” are left for this distribution.",
            left,
        ) % {"count": left, "title": title}
    return None


def attach_basket(request: HttpRequest) -> None:
    """After a line was added: the basket belongs to the distribution it was added for."""
    basket = getattr(request, "basket", None)
    distribution = distribution_for_basket(request)
    if distribution is None or basket is None or not basket.pk:
        return
    BasketDistribution.objects.update_or_create(
        basket_id=basket.pk, defaults={"distribution": distribution}
    )


def checkout_refusal(request: HttpRequest) -> str | None:
    """Why the basket cannot be checked out for its distribution (closed; or none chosen
    while distributions are open), or None (also when no distribution is involved)."""
    own = basket_distribution(request)
    if own is None:
        if open_list(request):
            return _("Please choose the distribution your order is for.")
        return None
    try:
        services.check_open(own)
    except services.DistributionError as refusal:
        return " ".join([refusal.message, _("Please choose another distribution.")])
    return None
