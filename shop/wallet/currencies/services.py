"""Writes of local currencies, each one transaction in the wallet's double-entry ledger,
idempotent by its key and audited by the transfer it writes (who, when, why).

- a member's balance in a local currency grows at an exchange desk (member +, EXCHANGE −)
  or by a transfer pulled from the currency's operator (member +, OPERATOR −);
- paying a basket moves units from the member to each accepting producer's account
  (member −, producers +): the cooperative then owes them these units;
- a settlement pays a producer what is owed (producer −, EXCHANGE or OPERATOR +).
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from shop.payments.references import find_reference, parse_reference
from shop.wallet.models import Account, AccountKind, Transfer, TransferKind
from shop.wallet.services import (
    WalletError,
    _existing,
    _positive,
    _write,
    account_balance,
    member_account,
    system_account,
    to_cents,
    wallet_credit,
)
from shop.wallet.transfers import REFERENCE_PREFIX

from .adapters import CurrencyOperator, IncomingTransfer, OperatorError, operator_for
from .models import (
    Adapter,
    LocalCurrency,
    OperatorTransfer,
    OperatorTransferStatus,
    ProducerAcceptance,
)
from .selectors import accepting_partner_ids

logger = logging.getLogger(__name__)

ZERO = Decimal("0.00")


class LocalCurrencyError(WalletError):
    """A local-currency operation refused, with a message for the person who asked."""


def _active_currency(code: str) -> LocalCurrency:
    currency = LocalCurrency.objects.filter(code=code, active=True).first()
    if currency is None:
        raise LocalCurrencyError(_("%(code)s is not an active local currency.") % {"code": code})
    return currency


def producer_account(*, partner: Any, currency: str, lock: bool = False) -> Account:
    """The producer's account in `currency` (what the cooperative owes them)."""
    account, _created = Account.objects.get_or_create(
        kind=AccountKind.PRODUCER, partner=partner, currency=currency, user=None
    )
    if lock:
        account = Account.objects.select_for_update().get(pk=account.pk)
    return account


def currency_credit_at_desk(
    *, user: Any, currency: str, amount: Decimal, by: Any, place: str = "", key: str
) -> Transfer:
    """Staff or a coordinator exchanged euros (or notes) for units at a desk."""
    local = _active_currency(currency)
    return wallet_credit(
        user=user,
        amount=amount,
        kind=TransferKind.EXCHANGE,
        source=AccountKind.EXCHANGE,
        key=key,
        currency=local.code,
        reference=place,
        label=_("%(name)s exchanged at %(place)s") % {"name": local.name, "place": place}
        if place
        else _("%(name)s exchanged at a desk") % {"name": local.name},
        by=by,
    )


def currency_credit_from_operator(
    *, user: Any, currency: str, amount: Decimal, operator_id: str, by: Any = None
) -> Transfer:
    """A member's transfer to the cooperative at the currency's operator."""
    local = _active_currency(currency)
    return wallet_credit(
        user=user,
        amount=amount,
        kind=TransferKind.TOP_UP_OPERATOR,
        source=AccountKind.OPERATOR,
        key=f"operator:{local.code}:{operator_id}",
        currency=local.code,
        reference=operator_id,
        label=_("Transfer from %(operator)s") % {"operator": local.operator_name or local.name},
        by=by,
    )


def _allocate(
    amount: Decimal, producer_amounts: dict[int, Decimal], accepting: set[int]
) -> list[tuple[int, Decimal]]:
    """Spread `amount` over the accepting producers in the order given, each at most
    its lines' amount."""
    parts, left = [], amount
    for partner_id, line_amount in producer_amounts.items():
        if left <= 0:
            break
        if partner_id not in accepting:
            continue
        part = min(left, to_cents(Decimal(line_amount)))
        if part > 0:
            parts.append((partner_id, part))
            left -= part
    return parts


def wallet_pay_local(
    *,
    user: Any,
    currency: str,
    amount: Decimal,
    producer_amounts: dict[int, Decimal],
    key: str,
    reference: str,
    by: Any = None,
) -> Transfer:
    """Pay `amount` of a basket in a local currency, to the producers accepting it.

    Refused when the balance does not cover it (no overdraft in local currencies) or
    when it is more than the accepting producers' lines. Idempotent by `key`."""
    amount = _positive(amount)
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        local = _active_currency(currency)
        account = member_account(user=user, currency=local.code, lock=True)
        balance = account_balance(account)
        if amount > balance:
            raise LocalCurrencyError(
                _("Your %(name)s balance is %(balance)s: not enough to pay %(amount)s.")
                % {"name": local.name, "balance": max(balance, ZERO), "amount": amount}
            )
        accepting = accepting_partner_ids(currency=local.code)
        parts = _allocate(amount, producer_amounts, accepting)
        allowed = sum((part for _pk, part in parts), ZERO)
        if allowed < amount:
            raise LocalCurrencyError(
                _(
                    "Only %(allowed)s of this basket can be paid in %(name)s: the "
                    "producers who accept it."
                )
                % {"allowed": allowed, "name": local.name}
            )
        partners = {
            a.partner_id: a.partner
            for a in ProducerAcceptance.objects.filter(
                currency=local, partner_id__in=[pk for pk, _part in parts]
            ).select_related("partner")
        }
        legs = [(account, -amount)] + [
            (producer_account(partner=partners[pk], currency=local.code), part)
            for pk, part in parts
        ]
        return _write(
            kind=TransferKind.PAYMENT,
            key=key,
            legs=legs,
            reference=reference,
            label=_("Payment %(reference)s in %(name)s")
            % {"reference": reference, "name": local.name},
            by=by,
        )


def wallet_refund_local(*, transfer_key: str, key: str, by: Any = None) -> Transfer | None:
    """Reverse a local-currency payment: the member gets it back, each producer's part is
    taken back. None when there is no such payment. Idempotent by `key`."""
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        payment = (
            Transfer.objects.filter(key=transfer_key, kind=TransferKind.PAYMENT)
            .prefetch_related("postings__account")
            .first()
        )
        if payment is None or not LocalCurrency.objects.filter(code=payment.currency).exists():
            return None
        postings = list(payment.postings.all())
        member = next(p.account for p in postings if p.account.kind == AccountKind.MEMBER)
        Account.objects.select_for_update().get(pk=member.pk)
        return _write(
            kind=TransferKind.REFUND,
            key=key,
            legs=[(p.account, -p.amount) for p in postings],
            reference=payment.reference,
            label=_("Refund %(reference)s") % {"reference": payment.reference},
            note=_("Reverses the payment %(key)s.") % {"key": transfer_key},
            by=by,
        )


def currency_settle(
    *, partner: Any, currency: str, amount: Decimal, by: Any, note: str = "", key: str
) -> Transfer:
    """The cooperative paid a producer `amount` of what it owes them in `currency`
    (notes handed over at a desk, or a transfer at the operator)."""
    amount = _positive(amount)
    with transaction.atomic():
        existing = _existing(key)
        if existing is not None:
            return existing
        local = LocalCurrency.objects.filter(code=currency).first()
        if local is None:
            raise LocalCurrencyError(_("%(code)s is not a local currency.") % {"code": currency})
        account = producer_account(partner=partner, currency=local.code, lock=True)
        owed = account_balance(account)
        if amount > owed:
            raise LocalCurrencyError(
                _("%(partner)s is owed %(owed)s %(symbol)s: a settlement cannot exceed it.")
                % {"partner": partner, "owed": owed, "symbol": local.symbol}
            )
        source = AccountKind.OPERATOR if local.adapter == Adapter.DIGITAL else AccountKind.EXCHANGE
        return _write(
            kind=TransferKind.SETTLEMENT,
            key=key,
            legs=[(account, -amount), (system_account(source, local.code), amount)],
            reference=str(partner)[:120],
            label=_("Settlement in %(name)s") % {"name": local.name},
            note=note,
            by=by,
        )


def acceptance_set(
    *, partner: Any, currencies: list[LocalCurrency] | Any, by: Any
) -> list[ProducerAcceptance]:
    """The producer accepts exactly `currencies` from now on (the others are switched
    off, their history kept)."""
    wanted = {c.pk for c in currencies}
    today = timezone.localdate()
    with transaction.atomic():
        current = {a.currency_id: a for a in ProducerAcceptance.objects.filter(partner=partner)}
        for currency_id, acceptance in current.items():
            if acceptance.active and currency_id not in wanted:
                acceptance.active = False
                acceptance.updated_by = by if getattr(by, "pk", None) else None
                acceptance.save(update_fields=["active", "updated_by", "updated_at"])
        for currency_id in wanted:
            acceptance = current.get(currency_id)
            if acceptance is None:
                ProducerAcceptance.objects.create(
                    partner=partner,
                    currency_id=currency_id,
                    since=today,
                    updated_by=by if getattr(by, "pk", None) else None,
                )
            elif not acceptance.active:
                acceptance.active, acceptance.since = True, today
                acceptance.updated_by = by if getattr(by, "pk", None) else None
                acceptance.save(update_fields=["active", "since", "updated_by", "updated_at"])
    return list(ProducerAcceptance.objects.filter(partner=partner, active=True))


def member_for_reference(reference: str) -> Any | None:
    """The member whose wallet reference ("PM-<account>-<check>", the one they quote for
    euro top-ups) is written in `reference`, or None."""
    found = find_reference(REFERENCE_PREFIX, reference or "")
    number = parse_reference(REFERENCE_PREFIX, found) if found else None
    if not number or not number.isdigit():
        return None
    account = (
        Account.objects.filter(pk=int(number), kind=AccountKind.MEMBER)
        .select_related("user")
        .first()
    )
    return account.user if account else None


def _record_incoming(local: LocalCurrency, incoming: IncomingTransfer) -> OperatorTransfer:
    """Keep one incoming transfer and credit its member, once (the key and the unique
    (currency, operator id) make a second pull a no-op)."""
    with transaction.atomic():
        record, _created = OperatorTransfer.objects.select_for_update().get_or_create(
            currency=local,
            operator_id=incoming.id,
            defaults={
                "member_reference": incoming.member_reference[:200],
                "amount": incoming.amount,
                "made_at": incoming.date,
                "status": OperatorTransferStatus.UNMATCHED,
            },
        )
        if record.status == OperatorTransferStatus.CREDITED:
            return record
        member = member_for_reference(incoming.member_reference)
        if member is None or incoming.amount <= 0:
            return record
        record.transfer = currency_credit_from_operator(
            user=member, currency=local.code, amount=incoming.amount, operator_id=incoming.id
        )
        record.status = OperatorTransferStatus.CREDITED
        record.save(update_fields=["transfer", "status"])
    return record


def operator_transfers_pull(*, operator: CurrencyOperator | None = None) -> dict[str, int]:
    """Fetch every active currency's new transfers from its operator and credit the
    members they name; those naming nobody wait for staff. Returns, per currency code,
    how many transfers were credited. An operator that fails is logged and retried at
    the next run (nothing is marked as fetched)."""
    credited: dict[str, int] = {}
    for local in LocalCurrency.objects.filter(active=True, adapter=Adapter.DIGITAL):
        started = timezone.now()
        try:
            incoming = (operator or operator_for(local)).fetch_transfers(local.pulled_until)
        except OperatorError:
            logger.exception("Transfers of %s could not be fetched", local.code)
            continue
        records = [_record_incoming(local, item) for item in incoming]
        credited[local.code] = sum(r.status == OperatorTransferStatus.CREDITED for r in records)
        # Fetch again from a little before the latest transfer seen: the operator's
        # clock may lag; already-kept transfers are skipped by their id.
        latest = max((item.date for item in incoming), default=None)
        local.pulled_until = min(latest, started) if latest else local.pulled_until
        local.save(update_fields=["pulled_until"])
    return credited


def operator_transfer_assign(*, record: OperatorTransfer, user: Any, by: Any) -> OperatorTransfer:
    """Staff credit an unmatched operator transfer to the member it was meant for."""
    with transaction.atomic():
        record = OperatorTransfer.objects.select_for_update().get(pk=record.pk)
        if record.status == OperatorTransferStatus.CREDITED:
            raise LocalCurrencyError(_("This transfer has already been credited."))
        if record.amount <= 0:
            raise LocalCurrencyError(_("Only a positive amount can be credited."))
        record.transfer = currency_credit_from_operator(
            user=user,
            currency=record.currency.code,
            amount=record.amount,
            operator_id=record.operator_id,
            by=by,
        )
        record.status = OperatorTransferStatus.CREDITED
        record.save(update_fields=["transfer", "status"])
    return record
