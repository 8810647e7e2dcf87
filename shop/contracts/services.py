"""Writes of AMAP contracts, each one transaction, audited by a `ContractEvent` (who,
when, what, why)."""

from __future__ import annotations

import datetime
from decimal import ROUND_DOWN, Decimal
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from shop.distributions.models import Distribution
from shop.wallet.services import wallet_pay

from .models import (
    Absence,
    Contract,
    ContractEvent,
    ContractOption,
    ContractStatus,
    ContractSubscription,
    Instalment,
    PaymentMethod,
    SubscriptionStatus,
)

CENT = Decimal("0.01")
MAX_INSTALMENTS = 12
RENEWAL_PRIORITY = datetime.timedelta(days=14)


class ContractError(Exception):
    """A contract operation refused, with a message for the person who asked."""

    def __init__(self, message: str):
        self.message = message
        super().__init__(message)


def _audit(
    contract: Contract,
    action: str,
    by: Any,
    *,
    subscription: ContractSubscription | None = None,
    note: str = "",
) -> None:
    ContractEvent.objects.create(
        contract=contract,
        subscription=subscription,
        action=action,
        by=by if getattr(by, "pk", None) else None,
        note=note[:255],
    )


def contract_price(contract: Contract, option: ContractOption) -> Decimal:
    """The season's price: per distribution × distributions covered (absences are not
    refunded in an AMAP)."""
    return (option.price * contract.distributions.count()).quantize(CENT)


def instalment_schedule(
    total: Decimal, n: int, first_due: datetime.date
) -> list[tuple[datetime.date, Decimal]]:
    """`n` monthly instalments summing exactly to `total`; the cents that do not divide
    evenly go on the first one."""
    if n < 1:
        raise ContractError(_("At least one instalment is needed."))
    share = (total / n).quantize(CENT, rounding=ROUND_DOWN)
    amounts = [share] * n
    amounts[0] = total - share * (n - 1)
    return [(first_due + relativedelta(months=i), amount) for i, amount in enumerate(amounts)]


def _draw_schedule(subscription: ContractSubscription) -> None:
    contract = subscription.contract
    first_due = max(timezone.localdate(), contract.season_start)
    total = contract_price(contract, subscription.option)
    Instalment.objects.bulk_create(
        Instalment(
            subscription=subscription,
            due_on=due_on,
            amount=amount,
            method=subscription.payment_method,
        )
        for due_on, amount in instalment_schedule(total, subscription.instalment_count, first_due)
    )


def contract_publish(*, contract: Contract, by: Any, note: str = "") -> Contract:
    with transaction.atomic():
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status != ContractStatus.DRAFT:
            raise ContractError(_("Only a draft contract can be published."))
        if not locked.options.exists():
            raise ContractError(_("Add at least one option before publishing the contract."))
        if not locked.distributions.exists():
            raise ContractError(_("Choose the distributions the contract covers first."))
        locked.status = ContractStatus.PUBLISHED
        locked.save(update_fields=["status"])
        _audit(locked, ContractEvent.Action.PUBLISH, by, note=note)
    return locked


def _renewing(contract: Contract, user: Any) -> bool:
    """Whether `user` held the contract this one renews (shared households included)."""
    if contract.renewed_from_id is None:
        return False
    held = ContractSubscription.objects.filter(
        contract_id=contract.renewed_from_id, status=SubscriptionStatus.ACTIVE
    )
    return held.filter(user=user).exists() or held.filter(partner_user=user).exists()


def contract_subscribe(
    *,
    contract: Contract,
    user: Any,
    option: ContractOption,
    terms_version: int,
    instalments: int,
    method: str,
) -> ContractSubscription:
    """Subscribe `user`; once the contract is full, the subscription waits in line."""
    if not 1 <= instalments <= MAX_INSTALMENTS:
        raise ContractError(
            _("Choose between 1 and %(max)d instalments.") % {"max": MAX_INSTALMENTS}
        )
    if method not in PaymentMethod.values:
        raise ContractError(_("Unknown payment method."))
    with transaction.atomic():
        # The contract's row lock serialises subscriptions: capacity is never exceeded.
        locked = Contract.objects.select_for_update().get(pk=contract.pk)
        if locked.status != ContractStatus.PUBLISHED:
            raise ContractError(_("This contract is not open for subscriptions."))
        if option.contract_id != locked.pk:
            raise ContractError(_("This option does not belong to the contract."))
        if terms_version != locked.terms_version:
            raise ContractError(
                _("The terms of the contract have changed: read them again and accept them.")
            )
        live = locked.subscriptions.exclude(status=SubscriptionStatus.CANCELLED)
        if live.filter(user=user).exists():
            raise ContractError(_("You have already subscribed to this contract."))
        priority = locked.renewal_priority_until
        if priority and timezone.now() < priority and not _renewing(locked, user):
            raise ContractError(
                _("Until %(date)s, this renewal is reserved for last season's subscribers.")
                % {"date": timezone.localtime(priority).strftime("%d/%m/%Y")}
            )
        full = live.filter(status=SubscriptionStatus.ACTIVE).count() >= locked.capacity
        position = None
        if full:
            last = live.aggregate(last=Max("waiting_position"))["last"] or 0
            position = last + 1
        subscription = ContractSubscription.objects.create(
            contract=locked,
            user=user,
            option=option,
            terms_version=terms_version,
            accepted_at=timezone.now(),
            status=SubscriptionStatus.WAITING if full else SubscriptionStatus.ACTIVE,
            waiting_position=position,
            instalment_count=instalments,
            payment_method=method,
        )
        if full:
            _audit(locked, ContractEvent.Action.WAIT, user, subscription=subscription)
        else:
            _draw_schedule(subscription)
            _audit(locked, ContractEvent.Action.SUBSCRIBE, user, subscription=subscription)
    return subscription


def subscription_share(
    *, subscription: ContractSubscription, with_user: Any, by: Any = None
) -> ContractSubscription:
    """Share the basket with a second household, who sees it and may collect it."""
    with transaction.atomic():
        locked = ContractSubscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.status == SubscriptionStatus.CANCELLED:
            raise ContractError(_("This subscription is cancelled."))
        if with_user.pk == locked.user_id:
            raise ContractError(_("You cannot share a basket with yourself."))
        locked.partner_user = with_user
        locked.save(update_fields=["partner_user"])
        _audit(
            locked.contract,
            ContractEvent.Action.SHARE,
            by or locked.user,
            subscription=locked,
            note=str(with_user.pk),
        )
    return locked


def absences_left(subscription: ContractSubscription) -> int:
    return max(subscription.contract.max_absences - subscription.absences.count(), 0)


def absence_declare(
    *, subscription: ContractSubscription, distribution: Distribution, by: Any
) -> Absence:
    """Declare that nobody will collect the basket of `distribution`; either household
    may, up to the contract's allowance and before its deadline."""
    with transaction.atomic():
        locked = (
            ContractSubscription.objects.select_for_update()
            .select_related("contract")
            .get(pk=subscription.pk)
        )
        contract = locked.contract
        if not locked.is_held_by(by):
            raise ContractError(_("Only the households of this basket may declare an absence."))
        if locked.status != SubscriptionStatus.ACTIVE:
            raise ContractError(_("Only an active subscription can declare absences."))
        if not contract.distributions.filter(pk=distribution.pk).exists():
            raise ContractError(_("This distribution is not covered by the contract."))
        deadline = distribution.starts_at - datetime.timedelta(days=contract.absence_deadline_days)
        if timezone.now() > deadline:
            raise ContractError(
                ngettext(
                    "Absences must be declared at least %(days)d day before the distribution.",
                    "Absences must be declared at least %(days)d days before the distribution.",
                    contract.absence_deadline_days,
                )
                % {"days": contract.absence_deadline_days}
            )
        if locked.absences.filter(distribution=distribution).exists():
            raise ContractError(_("This absence is already declared."))
        if locked.absences.count() >= contract.max_absences:
            raise ContractError(
                ngettext(
                    "The contract allows %(count)d absence and it is used up.",
                    "The contract allows %(count)d absences and they are all used up.",
                    contract.max_absences,
                )
                % {"count": contract.max_absences}
            )
        absence = Absence.objects.create(
            subscription=locked, distribution=distribution, declared_by=by
        )
        _audit(
            contract, ContractEvent.Action.ABSENCE, by, subscription=locked, note=str(distribution)
        )
    return absence


def subscription_cancel(
    *, subscription: ContractSubscription, by: Any, note: str = ""
) -> ContractSubscription | None:
    """Cancel a subscription; an active one frees its place for the first in line, who
    is promoted (and returned)."""
    with transaction.atomic():
        contract = Contract.objects.select_for_update().get(pk=subscription.contract_id)
        locked = ContractSubscription.objects.select_for_update().get(pk=subscription.pk)
        if locked.status == SubscriptionStatus.CANCELLED:
            raise ContractError(_("This subscription is already cancelled."))
        was_active = locked.status == SubscriptionStatus.ACTIVE
        locked.status = SubscriptionStatus.CANCELLED
        locked.waiting_position = None
        locked.save(update_fields=["status", "waiting_position"])
        locked.instalments.filter(paid_at__isnull=True).delete()
        _audit(contract, ContractEvent.Action.CANCEL, by, subscription=locked, note=note)
        if not was_active:
            return None
        first = (
            contract.subscriptions.select_for_update()
            .filter(status=SubscriptionStatus.WAITING)
            .order_by("waiting_position", "pk")
            .first()
        )
        if first is None:
            return None
        first.status = SubscriptionStatus.ACTIVE
        first.waiting_position = None
        first.save(update_fields=["status", "waiting_position"])
        _draw_schedule(first)
        _audit(contract, ContractEvent.Action.PROMOTE, by, subscription=first)
        return first


def may_coordinate(contract: Contract, user: Any) -> bool:
    return bool(user.is_staff or user.pk == contract.coordinator_id)


def instalment_record_payment(*, instalment: Instalment, method: str, by: Any) -> Instalment:
    """Cheques and transfers are recorded by the coordinator; a wallet payment is paid
    from the member's wallet, once (keyed by the instalment)."""
    with transaction.atomic():
        locked = (
            Instalment.objects.select_for_update()
            .select_related("subscription__contract")
            .get(pk=instalment.pk)
        )
        subscription = locked.subscription
        contract = subscription.contract
        if locked.paid_at is not None:
            raise ContractError(_("This instalment is already paid."))
        if method in (PaymentMethod.CHEQUE, PaymentMethod.TRANSFER):
            if not may_coordinate(contract, by):
                raise ContractError(_("Only the contract's coordinator records this payment."))
        elif method == PaymentMethod.WALLET:
            if not (subscription.is_held_by(by) or may_coordinate(contract, by)):
                raise ContractError(_("You may not pay this instalment."))
            wallet_pay(
                user=subscription.user,
                amount=locked.amount,
                key=f"contract:{locked.pk}",
                reference=f"contract:{locked.pk}",
                label=_("Contract %(title)s, instalment of %(date)s")
                % {"title": contract.title, "date": locked.due_on.strftime("%d/%m/%Y")},
                by=by,
            )
        else:
            raise ContractError(_("This payment method cannot be recorded here."))
        locked.method = method
        locked.paid_at = timezone.now()
        locked.recorded_by = by
        locked.save(update_fields=["method", "paid_at", "recorded_by"])
        _audit(
            contract,
            ContractEvent.Action.PAYMENT,
            by,
            subscription=subscription,
            note=f"{locked.amount} € ({method})",
        )
    return locked


def contract_renew(
    *,
    contract: Contract,
    season_start: datetime.date,
    season_end: datetime.date,
    distributions: list[Distribution],
    by: Any,
    priority_until: datetime.datetime | None = None,
) -> Contract:
    """A draft copy of `contract` for the next season, with the same options; once it is
    published, last season's subscribers have priority until `priority_until` (two weeks
    from now by default)."""
    if season_end < season_start:
        raise ContractError(_("The season must end after it starts."))
    with transaction.atomic():
        renewal = Contract.objects.create(
            producer=contract.producer,
            coordinator=contract.coordinator,
            title=contract.title,
            kind=contract.kind,
            season_start=season_start,
            season_end=season_end,
            terms=contract.terms,
            terms_version=1,
            max_absences=contract.max_absences,
            absence_deadline_days=contract.absence_deadline_days,
            capacity=contract.capacity,
            renewed_from=contract,
            renewal_priority_until=priority_until or timezone.now() + RENEWAL_PRIORITY,
        )
        renewal.distributions.set(distributions)
        ContractOption.objects.bulk_create(
            ContractOption(
                contract=renewal,
                label=option.label,
                price=option.price,
                product=option.product,
                min_per_distribution=option.min_per_distribution,
                min_per_season=option.min_per_season,
                position=option.position,
            )
            for option in contract.options.all()
        )
        _audit(renewal, ContractEvent.Action.RENEW, by, note=f"renews {contract.pk}")
    return renewal
