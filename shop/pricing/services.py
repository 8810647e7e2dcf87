"""Staff changes to commission rates, logistics fees and net quantities: each one write
in a transaction with its audit line (who, when, why)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from .models import CommissionRate, LogisticsFee, PricingChange, ProductNetQuantity, Unit


def _audit(*, by: Any, action: str, subject: str, note: str = "") -> None:
    PricingChange.objects.create(by=by, action=action, subject=subject[:255], note=note[:255])


def commission_rate_save(
    *,
    partner: Any = None,
    product_class: Any = None,
    percent: Decimal,
    by: Any,
    note: str = "",
    rate: CommissionRate | None = None,
) -> CommissionRate:
    """Create (or update `rate`) the commission for a producer and/or a product class."""
    if partner is None and product_class is None:
        raise ValidationError(_("Choose a producer, a product class or both."))
    clash = CommissionRate.objects.filter(partner=partner, product_class=product_class)
    if rate is not None:
        clash = clash.exclude(pk=rate.pk)
    if clash.exists():
        raise ValidationError(_("A commission rate already exists for this scope: edit it."))
    with transaction.atomic():
        rate = rate or CommissionRate()
        rate.partner, rate.product_class = partner, product_class
        rate.percent, rate.note, rate.updated_by = percent, note, by
        rate.full_clean()
        rate.save()
        _audit(by=by, action="commission_saved", subject=str(rate), note=note)
    return rate


def commission_rate_delete(*, rate: CommissionRate, by: Any, note: str = "") -> None:
    with transaction.atomic():
        subject = str(rate)
        rate.delete()
        _audit(by=by, action="commission_deleted", subject=subject, note=note)


def logistics_fee_save(*, fee: LogisticsFee, by: Any, note: str = "") -> LogisticsFee:
    """Create or update a fee (its fields set by the caller's form), checked whole."""
    if fee.scope != LogisticsFee.Scope.PRODUCER:
        fee.partner = None
    if fee.scope != LogisticsFee.Scope.PRODUCT_CLASS:
        fee.product_class = None
    with transaction.atomic():
        fee.note, fee.updated_by = note, by
        fee.full_clean()
        fee.save()
        _audit(by=by, action="fee_saved", subject=f"{fee.label} ({fee.amount})", note=note)
    return fee


def logistics_fee_delete(*, fee: LogisticsFee, by: Any, note: str = "") -> None:
    with transaction.atomic():
        subject = fee.label
        fee.delete()
        _audit(by=by, action="fee_deleted", subject=subject, note=note)


def net_quantity_set(
    *, product: Any, quantity: Decimal | None, unit: str = "", by: Any = None
) -> ProductNetQuantity | None:
    """Set a product's net quantity; no quantity removes it (not pre-packaged)."""
    with transaction.atomic():
        if quantity is None:
            ProductNetQuantity.objects.filter(product=product).delete()
            return None
        if unit not in Unit.values or quantity <= 0:
            raise ValidationError(_("A net quantity needs a positive number and a unit."))
        net, _created = ProductNetQuantity.objects.update_or_create(
            product=product, defaults={"quantity": quantity, "unit": unit}
        )
    return net
