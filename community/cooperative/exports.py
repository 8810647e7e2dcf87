"""CSV exports of the register of members (registre des sociétaires), its movements, and a
member's wallet statement.

UTF-8 with a BOM and ";" separators, so that a spreadsheet opened in French reads the
accents and the columns; amounts with a decimal comma."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.utils import timezone
from django.utils.translation import gettext as _

from shop.wallet import selectors as wallet_selectors
from shop.wallet.models import Account

from . import selectors


def _money(value: Decimal | None) -> str:
    return f"{value or Decimal('0'):.2f}".replace(".", ",")


def _date(value: datetime.date | datetime.datetime | None) -> str:
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%d/%m/%Y") if value else ""


def _csv(header: list[str], rows: Iterable[list[str]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    return "\ufeff" + buffer.getvalue()


def register_csv() -> str:
    """One row per member ever admitted, by number."""
    header = [
        _("Member number"),
        _("Last name"),
        _("First name"),
        _("E-mail"),
        _("College"),
        _("Shares held"),
        _("Capital held (€)"),
        _("Admitted on"),
        _("First subscription"),
        _("Last subscription"),
        _("Last redemption"),
        _("Left on"),
    ]
    rows = (
        [
            str(member.number),
            member.user.last_name,
            member.user.first_name,
            member.user.email,
            member.college.name,
            str(member.held or 0),
            _money(member.capital),
            _date(member.admitted_at),
            _date(member.first_subscription),
            _date(member.last_subscription),
            _date(member.last_redemption),
            _date(member.left_at),
        ]
        for member in cast(Iterable[Any], selectors.register())
    )
    return _csv(header, rows)


def movements_csv() -> str:
    """Every movement of shares, in date order."""
    header = [
        _("Date"),
        _("Member number"),
        _("Name"),
        _("College"),
        _("Movement"),
        _("Shares"),
        _("Nominal value (€)"),
        _("Amount (€)"),
        _("Recorded on"),
        _("Recorded by"),
    ]
    rows = (
        [
            _date(movement.effective_on),
            str(movement.member.number),
            movement.member.user.get_full_name() or movement.member.user.email,
            movement.member.college.name,
            str(movement.get_kind_display()),
            f"{movement.shares:+d}",
            _money(movement.share_value),
            _money(movement.amount),
            timezone.localtime(movement.recorded_at).strftime("%d/%m/%Y %H:%M"),
            movement.recorded_by.email if movement.recorded_by else "",
        ]
        for movement in selectors.movements().order_by("effective_on", "pk")
    )
    return _csv(header, rows)


def wallet_statement_csv(account: Account) -> str:
    """A member's wallet statement, oldest line first, with the balance after each."""
    header = [
        _("Date"),
        _("Label"),
        _("Reference"),
        _("Amount (%(currency)s)") % {"currency": account.currency},
        _("Balance (%(currency)s)") % {"currency": account.currency},
    ]
    rows = (
        [
            _date(posting.transfer.created_at),
            posting.transfer.label or str(posting.transfer.get_kind_display()),
            posting.transfer.reference,
            _money(posting.amount),
            _money(posting.balance_after),  # type: ignore[attr-defined]  # statement() annotates it
        ]
        for posting in wallet_selectors.statement(account).order_by("transfer__created_at", "id")
    )
    return _csv(header, rows)
