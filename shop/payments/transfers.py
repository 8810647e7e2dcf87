"""Orders paid by bank transfer, matched from the bank statement: the statement's
matcher for "PC-…" references (registered by PaymentsConfig.ready())."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from oscar.apps.payment.exceptions import UnableToTakePayment
from oscar.core.loading import get_model

from .bank_statements.models import StatementLine
from .bank_statements.registry import MatchRefused
from .offline import mark_offline_paid

Order = get_model("order", "Order")


def apply_statement_line(*, number: str, line: StatementLine, by: Any) -> str:
    """The credit `line` pays (part of) order `number`: marked paid as staff would."""
    order = Order.objects.filter(number=number).first()
    if order is None:
        raise MatchRefused(_("no order has this reference."))
    try:
        mark_offline_paid(
            order=order,
            user=by,
            amount=line.amount,
            note=_("Bank statement of %(date)s: %(label)s")
            % {"date": line.booking_date.strftime("%d/%m/%Y"), "label": line.label[:200]},
        )
    except UnableToTakePayment as error:
        raise MatchRefused(str(error)) from error
    return _("Order %(number)s: %(amount)s received.") % {
        "number": order.number,
        "amount": line.amount,
    }
