"""Reads of the cooperative: its rules, who is a member, shares held, the register."""

from __future__ import annotations

import calendar
import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db.models import Max, Min, Q, QuerySet, Sum
from django.utils import timezone

from groupbuy.models import BuyingGroup
from groupbuy.models import Membership as GroupMembership
from shop.shipping.models import PickupPoint

from .models import College, Member, Movement, PaymentMethod, Redemption, Rules, Subscription

# `user` is the project's user model or AnonymousUser.


def current_rules() -> Rules | None:
    """The rules staff set, or None while the cooperative takes no members yet."""
    return Rules.objects.filter(pk=1).first()


def open_colleges() -> QuerySet[College]:
    return College.objects.filter(is_active=True)


def member_of(user: Any) -> Member | None:
    if user is None or not user.is_authenticated:
        return None
    return Member.objects.select_related("college").filter(user=user).first()


def is_member(user: Any) -> bool:
    """Admitted and still holding shares (a member who redeemed all of them has left)."""
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_cooperative_is_member", None)
    if cached is None:
        cached = Member.objects.filter(user=user, left_at__isnull=True).exists()
        user._cooperative_is_member = cached
    return cached


def shares_held(member: Member) -> int:
    return member.movements.aggregate(total=Sum("shares"))["total"] or 0


def pending_subscription(user: Any) -> Subscription | None:
    if user is None or not user.is_authenticated:
        return None
    return Subscription.objects.filter(user=user, status=Subscription.Status.PENDING).first()


def subscriptions_of(user: Any) -> QuerySet[Subscription]:
    return Subscription.objects.filter(user=user).order_by("-created_at", "-pk")


def subscription_by_number(number: str) -> Subscription | None:
    """The subscription a reference's number points to ("PS-12-5" → 12)."""
    if not number.isdigit():
        return None
    return Subscription.objects.filter(pk=int(number)).first()


def add_months(day: datetime.date, months: int) -> datetime.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class RedemptionRoom:
    """What a member may have paid back on a given day, under the rules."""

    held: int  # shares held now
    pending: int  # shares in requests not yet decided
    eligible: int  # shares held for the minimum period, not yet redeemed or asked
    minimum: int  # shares to keep unless all are redeemed
    next_eligible_on: datetime.date | None  # when more shares become eligible


def redemption_room(
    member: Member,
    rules: Rules,
    on: datetime.date | None = None,
    *,
    exclude: Redemption | None = None,
) -> RedemptionRoom:
    """Shares go out oldest first: those subscribed at least `minimum_holding_months`
    before `on`, minus every share already redeemed or asked for (but `exclude`), are
    eligible."""
    on = on or timezone.localdate()
    movements = list(member.movements.order_by("effective_on", "pk"))
    held = sum(movement.shares for movement in movements)
    redeemed = -sum(movement.shares for movement in movements if movement.shares < 0)
    requests = member.redemptions.filter(status=Redemption.Status.REQUESTED)
    if exclude is not None:
        requests = requests.exclude(pk=exclude.pk)
    pending = requests.aggregate(total=Sum("shares"))["total"] or 0
    matured = 0
    next_on = None
    consumed = redeemed
    for movement in movements:
        if movement.shares <= 0:
            continue
        unredeemed = max(movement.shares - consumed, 0)
        consumed = max(consumed - movement.shares, 0)
        if not unredeemed:
            continue
        ripe_on = add_months(movement.effective_on, rules.minimum_holding_months)
        if ripe_on <= on:
            matured += unredeemed
        elif next_on is None:
            next_on = ripe_on
    return RedemptionRoom(
        held=held,
        pending=pending,
        eligible=max(matured - pending, 0),
        minimum=rules.minimum_shares,
        next_eligible_on=next_on,
    )


def redemption_value(member: Member, shares: int) -> Decimal:
    """What `shares` redeemed now are worth: the nominal values they were subscribed at,
    oldest first (after those already redeemed)."""
    movements = list(member.movements.order_by("effective_on", "pk"))
    consumed = -sum(movement.shares for movement in movements if movement.shares < 0)
    total, left = Decimal("0.00"), shares
    for movement in movements:
        if movement.shares <= 0 or left == 0:
            continue
        available = max(movement.shares - consumed, 0)
        consumed = max(consumed - movement.shares, 0)
        taken = min(available, left)
        total += taken * movement.share_value
        left -= taken
    return total.quantize(Decimal("0.01"))


# --- the register -------------------------------------------------------------------


def register() -> QuerySet[Member]:
    """Every member ever admitted, by number, with shares held and the dates of their
    first subscription and last redemption (one query)."""
    return (
        Member.objects.select_related("user", "college")
        .annotate(
            held=Sum("movements__shares"),
            capital=Sum("movements__amount"),
            first_subscription=Min(
                "movements__effective_on", filter=Q(movements__kind=Movement.Kind.SUBSCRIPTION)
            ),
            last_subscription=Max(
                "movements__effective_on", filter=Q(movements__kind=Movement.Kind.SUBSCRIPTION)
            ),
            last_redemption=Max(
                "movements__effective_on", filter=Q(movements__kind=Movement.Kind.REDEMPTION)
            ),
        )
        .order_by("number")
    )


def movements() -> QuerySet[Movement]:
    return Movement.objects.select_related("member__user", "member__college", "recorded_by")


def subscriptions_awaiting_payment() -> QuerySet[Subscription]:
    return (
        Subscription.objects.filter(status=Subscription.Status.PENDING)
        .select_related("user", "college", "pickup_point")
        .order_by("created_at", "pk")
    )


def redemptions_to_handle() -> QuerySet[Redemption]:
    return (
        Redemption.objects.filter(
            status__in=[Redemption.Status.REQUESTED, Redemption.Status.APPROVED]
        )
        .select_related("member__user", "member__college")
        .order_by("requested_at", "pk")
    )


def capital() -> tuple[int, Decimal]:
    """Shares held by all members, and their nominal total."""
    totals = Movement.objects.aggregate(shares=Sum("shares"), amount=Sum("amount"))
    return totals["shares"] or 0, totals["amount"] or Decimal("0.00")


# --- pickup points: who takes payments there ---------------------------------------


def _coordinated_groups(user: Any) -> QuerySet[BuyingGroup]:
    return BuyingGroup.objects.filter(
        memberships__user=user,
        memberships__role=GroupMembership.Role.COORDINATOR,
        memberships__status=GroupMembership.Status.ACTIVE,
    )


def pickup_points_for_cashier(user: Any) -> QuerySet[PickupPoint] | None:
    """The pickup points where `user` may record share payments: None for every point
    (staff), those of the buying groups they coordinate otherwise (maybe none)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return PickupPoint.objects.none()
    if user.is_staff:
        return None
    return PickupPoint.objects.filter(buying_groups__in=_coordinated_groups(user)).distinct()


def can_take_payment_at(user: Any, pickup_point: PickupPoint | None) -> bool:
    points = pickup_points_for_cashier(user)
    if points is None:
        return True
    return pickup_point is not None and points.filter(pk=pickup_point.pk).exists()


def subscriptions_payable_at_pickup(user: Any) -> QuerySet[Subscription]:
    """Pending pickup subscriptions this staff member or coordinator may cash."""
    pending = subscriptions_awaiting_payment().filter(method=PaymentMethod.PICKUP)
    points = pickup_points_for_cashier(user)
    return pending if points is None else pending.filter(pickup_point__in=points)


def user_by_email_or_number(value: str) -> Any:
    """The active person named by an e-mail address or a member number (None if none)."""
    value = value.strip()
    if value.isdigit():
        member = Member.objects.select_related("user").filter(number=int(value)).first()
        user = member.user if member else None
    else:
        user = get_user_model().objects.filter(email__iexact=value).order_by("pk").first()
    return user if user is not None and user.is_active else None


def cash_points_for(user: Any) -> QuerySet[PickupPoint]:
    """The pickup points where `user` may take cash (every active one for staff)."""
    points = pickup_points_for_cashier(user)
    return (PickupPoint.objects.all() if points is None else points).filter(is_active=True)
