"""Becoming a member: applying, subscribing shares, recording their payment.

    subscription_apply → (transfer matched on a bank statement | card through Stripe |
    cash at a pickup point) → subscription_record_payment → member admitted, number given,
    shares in the register.

Every function is keyword-only, runs in one transaction and writes an audit entry (who,
when, why). Refusals raise ValidationError or PermissionDenied with a French message.
Locks are taken in one order: the rules row (the cooperative's mutex for member numbers),
then the subscription.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from community.members import is_active_member
from shop.payments.methods import stripe_enabled
from shop.shipping.models import PickupPoint

from . import selectors
from .models import (
    AuditEntry,
    College,
    Member,
    Movement,
    PaymentMethod,
    Rules,
    SharePayment,
    Subscription,
)

# `user`, `by` are the project's user model (or None when Stripe or the bank did it).

Action = AuditEntry.Action


def euros(amount: Decimal) -> str:
    """An amount as the page's language writes it: "20,00 €" in French."""
    return f"{number_format(amount, decimal_pos=2)} €"


def audit(action: str, *, actor: Any = None, note: str = "", **subjects: Any) -> AuditEntry:
    """One line of the cooperative's audit trail."""
    return AuditEntry.objects.create(
        action=action,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        note=note,
        **subjects,
    )


def _locked_rules() -> Rules:
    rules = Rules.objects.select_for_update().filter(pk=1).first()
    if rules is None:
        raise ValidationError(_("The cooperative does not take new members yet."))
    return rules


# --- rules ----------------------------------------------------------------------------


@transaction.atomic
def rules_update(*, by: Any, note: str = "", **values: Any) -> Rules:
    """Staff set the statutes' rules (the row is created the first time)."""
    if not getattr(by, "is_staff", False):
        raise PermissionDenied(_("Only staff can change the cooperative's rules."))
    allowed = {field.name for field in Rules._meta.get_fields()} - {"id", "updated_at"}
    unknown = set(values) - allowed
    if unknown:
        raise ValueError(f"Unknown rules: {sorted(unknown)}")
    rules = Rules.objects.select_for_update().filter(pk=1).first() or Rules(pk=1)
    before = {name: getattr(rules, name, None) for name in values}
    for name, value in values.items():
        setattr(rules, name, value)
    rules.updated_by = by
    rules.full_clean()
    rules.save()
    changes = ", ".join(
        f"{name}: {before[name]} → {value}"
        for name, value in values.items()
        if before[name] != value
    )
    audit(Action.RULES_UPDATED, actor=by, note="; ".join(filter(None, [changes, note])))
    return rules


# --- applying and subscribing ---------------------------------------------------------


@transaction.atomic
def subscription_apply(
    *,
    user: Any,
    shares: int,
    method: str,
    college: College | None = None,
    pickup_point: PickupPoint | None = None,
) -> Subscription:
    """A signed-in person subscribes `shares`: as an application (they choose their
    college, at least the minimum number of shares) or, once a member, to add shares.
    The subscription awaits its payment."""
    if not is_active_member(user):
        raise PermissionDenied(_("Sign in with a verified e-mail address to subscribe shares."))
    rules = _locked_rules()
    member = Member.objects.filter(user=user).first()
    is_application = member is None or member.left_at is not None
    if shares < 1:
        raise ValidationError(_("Subscribe at least one share."))
    if is_application and shares < rules.minimum_shares:
        raise ValidationError(
            _("Becoming a member takes at least %(count)s shares.")
            % {"count": rules.minimum_shares}
        )
    if shares > 10_000:
        raise ValidationError(_("That is more shares than one subscription can hold."))
    if member is not None:
        college = member.college
    if college is None or not (college.is_active or member is not None):
        raise ValidationError(_("Choose your college."))
    if method not in PaymentMethod.values:
        raise ValidationError(_("Choose a payment method."))
    if method == PaymentMethod.PICKUP and pickup_point is None:
        raise ValidationError(_("Choose the pickup point where you will pay."))
    if method == PaymentMethod.CARD and not stripe_enabled():
        raise ValidationError(_("Card payments are not available: choose another method."))
    if selectors.pending_subscription(user) is not None:
        raise ValidationError(
            _("You already have a subscription awaiting payment: pay or cancel it first.")
        )
    value = rules.share_value
    subscription = Subscription.objects.create(
        user=user,
        college=college,
        is_application=is_application,
        shares=shares,
        share_value=value,
        amount=(value * shares).quantize(Decimal("0.01")),
        method=method,
        pickup_point=pickup_point if method == PaymentMethod.PICKUP else None,
    )
    audit(
        Action.APPLIED,
        actor=user,
        subscription=subscription,
        member=member,
        amount=subscription.amount,
        note=f"{shares} × {euros(value)} ({method})",
    )
    return subscription


@transaction.atomic
def subscription_cancel(*, subscription: Subscription, by: Any, note: str = "") -> Subscription:
    """The person (or staff) withdraws a subscription not paid yet."""
    locked = Subscription.objects.select_for_update().get(pk=subscription.pk)
    if locked.user_id != getattr(by, "pk", None) and not getattr(by, "is_staff", False):
        raise PermissionDenied(_("This subscription is not yours."))
    if locked.status != Subscription.Status.PENDING:
        raise ValidationError(_("Only a subscription awaiting payment can be cancelled."))
    locked.status = Subscription.Status.CANCELLED
    locked.cancelled_at = timezone.now()
    locked.save(update_fields=["status", "cancelled_at"])
    audit(Action.CANCELLED, actor=by, subscription=locked, note=note)
    return locked


# --- payment: the one way in ----------------------------------------------------------


@transaction.atomic
def subscription_record_payment(
    *,
    subscription: Subscription,
    amount: Decimal,
    method: str,
    by: Any,
    external_id: str | None = None,
    pickup_point: PickupPoint | None = None,
    received_on: datetime.date | None = None,
    note: str = "",
) -> Subscription:
    """The whole amount of a subscription was received: record it, admit the person if
    this is their application (member number), and write the shares in the register.

    Idempotent per `external_id` (a Stripe PaymentIntent, a bank statement line): the same
    payment recorded again changes nothing. Raises ValidationError if the subscription is
    not awaiting payment or the amount differs."""
    rules = _locked_rules()  # first: the mutex for member numbers
    locked = (
        Subscription.objects.select_for_update().select_related("college").get(pk=subscription.pk)
    )
    if external_id and SharePayment.objects.filter(external_id=external_id).exists():
        existing = SharePayment.objects.get(external_id=external_id)
        if existing.subscription_id == locked.pk:
            return locked  # the same payment, again
        raise ValidationError(_("This payment is already recorded for another subscription."))
    if locked.status != Subscription.Status.PENDING:
        raise ValidationError(
            _("Subscription %(reference)s is not awaiting payment (%(status)s).")
            % {"reference": locked.reference, "status": locked.get_status_display()}
        )
    amount = Decimal(amount).quantize(Decimal("0.01"))
    if amount != locked.amount:
        raise ValidationError(
            _("%(amount)s received, %(expected)s expected for subscription %(reference)s.")
            % {
                "amount": euros(amount),
                "expected": euros(locked.amount),
                "reference": locked.reference,
            }
        )
    now = timezone.now()
    received_on = received_on or timezone.localdate(now)
    SharePayment.objects.create(
        subscription=locked,
        method=method,
        amount=amount,
        received_at=now,
        external_id=external_id or None,
        pickup_point=pickup_point,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
        note=note,
    )
    locked.status = Subscription.Status.PAID
    locked.paid_at = now
    locked.save(update_fields=["status", "paid_at"])
    member = _admit(locked, rules, by=by, when=now)
    Movement.objects.create(
        member=member,
        kind=Movement.Kind.SUBSCRIPTION,
        shares=locked.shares,
        share_value=locked.share_value,
        amount=locked.amount,
        effective_on=received_on,
        subscription=locked,
        recorded_by=by if getattr(by, "is_authenticated", False) else None,
    )
    audit(
        Action.PAYMENT_RECORDED,
        actor=by,
        member=member,
        subscription=locked,
        amount=amount,
        note="; ".join(filter(None, [method, external_id or "", note])),
    )
    return locked


def _admit(subscription: Subscription, rules: Rules, *, by: Any, when: datetime.datetime) -> Member:
    """The member behind a paid subscription: admitted now (next number) if new, back
    in if they had left. The caller holds the rules row's lock."""
    member = Member.objects.select_for_update().filter(user_id=subscription.user_id).first()
    if member is None:
        last = Member.objects.aggregate(last=Max("number"))["last"] or 0
        member = Member.objects.create(
            user_id=subscription.user_id,
            number=last + 1,
            college=subscription.college,
            admitted_at=when,
        )
    elif member.left_at is not None:
        member.left_at = None
        member.college = subscription.college
        member.save(update_fields=["left_at", "college"])
    else:
        return member
    audit(
        Action.ADMITTED,
        actor=by,
        member=member,
        subscription=subscription,
        note=_("Member number %(number)s") % {"number": member.number},
    )
    return member


# --- payment at a pickup point --------------------------------------------------------


def subscription_record_pickup_payment(
    *, subscription: Subscription, by: Any, note: str = ""
) -> Subscription:
    """A coordinator of a buying group served by the subscription's pickup point (or
    staff) received the money there, in cash or by card on the spot."""
    if not selectors.can_take_payment_at(by, subscription.pickup_point):
        raise PermissionDenied(
            _("Only staff or a coordinator of this pickup point can record this payment.")
        )
    if subscription.method != PaymentMethod.PICKUP:
        raise ValidationError(_("This subscription is not paid at a pickup point."))
    return subscription_record_payment(
        subscription=subscription,
        amount=subscription.amount,
        method=PaymentMethod.PICKUP,
        by=by,
        pickup_point=subscription.pickup_point,
        note=note,
    )
