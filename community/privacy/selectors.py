"""Reads of the data rights pages: what stops an erasure, the staff's member search and
the audit log. What is held about a member, kind by kind, is `inventory`'s."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from groupbuy.models import Commitment, GroupOrderSettlement, GroupOrderState
from shop.payments import statuses

from .models import PrivacyLogEntry

if TYPE_CHECKING:
    from community.models import User

Order = get_model("order", "Order")


# --- erasure ---------------------------------------------------------------------------

#: Group orders in these states still count on the member's commitments.
OPEN_GROUP_ORDER_STATES = (GroupOrderState.DRAFT, GroupOrderState.OPEN, GroupOrderState.CLOSED)
UNPAID_SETTLEMENT_STATES = (
    GroupOrderSettlement.PaymentState.PENDING,
    GroupOrderSettlement.PaymentState.FAILED,
)


def unpaid_orders(member: User) -> QuerySet:
    """Orders awaiting payment: offline ones not yet paid, card ones authorised but not
    captured, group order shares whose payment is pending or failed."""
    return (
        Order.objects.filter(user=member)
        .filter(
            Q(status=statuses.PENDING_PAYMENT)
            | Q(group_settlement__payment_state__in=UNPAID_SETTLEMENT_STATES)
        )
        .distinct()
        .order_by("number")
    )


def open_commitment_titles(member: User) -> list[str]:
    """Titles of the group orders still open (or allocated, not yet confirmed) in which
    the member has committed."""
    commitments = Commitment.objects.filter(
        member=member, offer__group_order__state__in=OPEN_GROUP_ORDER_STATES
    )
    titles = commitments.values_list("offer__group_order__title", flat=True)
    return sorted(set(titles))


def erasure_blockers(member: User) -> list[str]:
    """Why the member's account cannot be erased now (empty: it can)."""
    reasons = []
    if member.is_staff or member.is_superuser:
        reasons.append(
            _("This account has staff access: an administrator must first remove its staff rights.")
        )
    numbers = list(unpaid_orders(member).values_list("number", flat=True))
    if numbers:
        reasons.append(
            _(
                "These orders are awaiting payment: %(numbers)s. The account can be erased "
                "once they are paid or cancelled."
            )
            % {"numbers": ", ".join(numbers)}
        )
    titles = open_commitment_titles(member)
    if titles:
        reasons.append(
            _(
                "There are commitments in these open group orders: %(titles)s. The account "
                "can be erased once the commitments are cancelled, or the group orders "
                "settled."
            )
            % {"titles": ", ".join(f"« {title} »" for title in titles)}
        )
    return reasons


# --- staff pages -----------------------------------------------------------------------


def members_matching(query: str, *, limit: int = 20) -> list[User]:
    """Members whose e-mail or name contains `query` (staff search), erased ones too."""
    query = query.strip()
    if not query:
        return []
    users = get_user_model().objects.filter(
        Q(email__icontains=query)
        | Q(first_name__icontains=query)
        | Q(last_name__icontains=query)
        | Q(display_name__icontains=query)
        | (Q(pk=int(query)) if query.isdigit() else Q(pk__in=[]))
    )
    return list(users.order_by("email")[:limit])


def privacy_log(*, member: User | None = None) -> QuerySet[PrivacyLogEntry]:
    entries = PrivacyLogEntry.objects.select_related("actor", "member")
    return entries.filter(member=member) if member is not None else entries
