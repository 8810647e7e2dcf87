"""The wallet (shop.wallet) in group orders.

At commitment: while the group order takes commitments, a member may prepay from their
wallet the most they can receive (`member_max_amount`). Their wallet transfers, keyed
"group:<group order>:<member>:…", are the record of it: at confirmation the prepayment
comes back and pays their order (as much of it as it covers, the rest at pickup); members
who receive nothing, and everyone when the group order is cancelled, get it back.

At settlement: a member pays (part of) their order still awaiting payment from their
wallet; the rest stays due by the existing means (at pickup, or by card on the payment
page after a failed charge). Orders released unpaid give the wallet part back
(shop.payments.services.order_cancel_unpaid does it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils.translation import gettext as _

from groupbuy import locks
from groupbuy.orders.models import GroupOrder, GroupOrderState
from shop.payments import services as payment_services
from shop.payments import statuses
from shop.wallet import services as wallet_services
from shop.wallet.models import Transfer
from shop.wallet.services import WalletError

from .collection import settlement_mark_paid
from .models import GroupOrderSettlement
from .selectors import member_prepaid, prefix_of, prepaid_member_ids, prepay_due

SP = GroupOrderSettlement.PaymentState
WALLET_PAYABLE_STATES = (SP.PENDING, SP.FAILED)


def settlement_pay_from_wallet(
    *, settlement: GroupOrderSettlement, member: Any, amount: Decimal
) -> GroupOrderSettlement:
    """Pay `amount` of the member's settlement order from their wallet; the settlement
    is paid when nothing is left to pay. Refused (WalletError, with a message) for
    another member's order, one already paid or released, or beyond the balance."""
    with transaction.atomic():
        locked = (
            GroupOrderSettlement.objects.select_for_update()
            .filter(pk=settlement.pk, member=member, payment_state__in=WALLET_PAYABLE_STATES)
            .select_related("order")
            .first()
        )
        if locked is None:
            raise WalletError(_("There is nothing left to pay for this group order."))
        order = locked.order
        payment_services.order_pay_due_from_wallet(order=order, amount=amount, by=member)
        if order.status == statuses.PAID:
            settlement_mark_paid(settlement=locked)
    settlement.payment_state = locked.payment_state
    return locked


# --- prepaying commitments -----------------------------------------------------------


def _next_key(group_order: GroupOrder, member: Any, what: str) -> str:
    prefix = prefix_of(group_order.pk, member.pk)
    count = Transfer.objects.filter(key__startswith=prefix).count()
    return f"{prefix}{what}:{count + 1}"


def commitment_prepay_from_wallet(*, group_order: GroupOrder, member: Any) -> Transfer:
    """Prepay from the wallet the most the member may receive (their firm units and
    tolerance at base price), less what they already prepaid; only what they receive is
    kept at confirmation."""
    with transaction.atomic():
        locked = locks.lock_group_order(group_order.pk)
        if not locked.accepts_commitments:
            raise WalletError(_("This group order no longer takes commitments."))
        wallet_services.member_account(user=member, lock=True)  # one prepayment at a time
        due = prepay_due(group_order=locked, member=member)
        if due <= 0:
            raise WalletError(_("Your commitments are already prepaid."))
        return wallet_services.wallet_pay(
            user=member,
            amount=due,
            key=_next_key(locked, member, "prepay"),
            reference=f"G{locked.pk}",
            label=_("Group order “%(title)s”: commitments") % {"title": locked.title},
            by=member,
        )


def prepayment_refund(
    *, group_order: GroupOrder, member: Any, note: str = "", by: Any = None
) -> Transfer | None:
    """Give the member's prepayment back to their wallet (None when there is none).
    Safe to repeat: the key follows the transfers written so far."""
    with transaction.atomic():
        wallet_services.member_account(user=member, lock=True)
        amount = member_prepaid(group_order=group_order, member=member)
        if amount <= 0:
            return None
        return wallet_services.wallet_refund(
            user=member,
            amount=amount,
            key=_next_key(group_order, member, "back"),
            reference=f"G{group_order.pk}",
            note=note,
            by=by,
        )


def prepayments_settle(*, group_order: GroupOrder, settlements: list[GroupOrderSettlement]) -> None:
    """At confirmation (in its transaction): each prepayment comes back to the wallet and
    pays the member's order, as far as it goes; members who receive nothing get theirs
    back."""
    prepaid = prepaid_member_ids(group_order=group_order)
    settled = set()
    for settlement in settlements:
        if settlement.sequence or settlement.member_id not in prepaid:
            continue
        settled.add(settlement.member_id)
        member = settlement.member
        amount = member_prepaid(group_order=group_order, member=member)
        prepayment_refund(group_order=group_order, member=member, note=_("Used to pay your order."))
        order = settlement.order
        part = min(amount, payment_services.order_due(order))
        if part > 0:
            payment_services.order_pay_due_from_wallet(order=order, amount=part, by=None)
        if order.status == statuses.PAID:
            settlement_mark_paid(settlement=settlement)
    for member_id in prepaid - settled:
        if not GroupOrderSettlement.objects.filter(
            group_order=group_order, member_id=member_id
        ).exists():
            member = get_user_model().objects.get(pk=member_id)
            prepayment_refund(
                group_order=group_order, member=member, note=_("You receive nothing.")
            )


def prepayments_refund_all(*, group_order: GroupOrder, note: str = "") -> int:
    """Every prepayment of the group order back to its member (a cancelled group
    order). Returns how many were given back."""
    count = 0
    for member in get_user_model().objects.filter(
        pk__in=prepaid_member_ids(group_order=group_order)
    ):
        if prepayment_refund(group_order=group_order, member=member, note=note):
            count += 1
    return count


def on_group_order_cancelled(sender, *, group_order, from_state, to_state, **kwargs) -> None:
    """Receiver of `group_order_state_changed`: a cancelled group order gives every
    prepayment back."""
    if to_state == GroupOrderState.CANCELLED:
        prepayments_refund_all(group_order=group_order, note=_("The group order was cancelled."))
