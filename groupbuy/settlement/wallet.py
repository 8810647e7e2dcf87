"""A member pays their share of a confirmed group order from their wallet (shop.wallet),
in full or in part: the rest stays due by the existing means (at pickup, or by card on
the payment page after a failed charge). Orders released unpaid give the wallet part
back (shop.payments.services.order_cancel_unpaid does it)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from shop.payments import services as payment_services
from shop.payments import statuses
from shop.wallet.services import WalletError

from .collection import settlement_mark_paid
from .models import GroupOrderSettlement

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
