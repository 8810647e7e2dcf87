"""Share subscriptions paid by bank transfer: the bank statement's matcher for "PS-…"
references (registered by CooperativeConfig.ready() in shop.payments.bank_statements)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from shop.payments.bank_statements.models import StatementLine
from shop.payments.bank_statements.registry import MatchRefused

from . import selectors, services
from .models import PaymentMethod


def apply_statement_line(*, number: str, line: StatementLine, by: Any) -> str:
    """The credit `line` pays subscription `number`: record the payment (once per line;
    the statement's transaction holds it). Refused with a reason staff can read."""
    subscription = selectors.subscription_by_number(number)
    if subscription is None:
        raise MatchRefused(_("no share subscription has this reference."))
    try:
        services.subscription_record_payment(
            subscription=subscription,
            amount=line.amount,
            method=PaymentMethod.TRANSFER,
            by=by,
            external_id=f"bank-line:{line.fingerprint}",
            received_on=line.booking_date,
            note=line.label[:200],
        )
    except ValidationError as error:
        raise MatchRefused(" ".join(error.messages)) from error
    return _("Share subscription %(reference)s paid (%(shares)s shares).") % {
        "reference": subscription.reference,
        "shares": subscription.shares,
    }
