"""Member benefits: a discount per product class, which the shop's pricing strategy gives
members (shop.partner.strategy.MemberBenefit, told who is a member by hooks.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import AuditEntry
from .services import audit

ProductClass = get_model("catalogue", "ProductClass")

CENT = Decimal("0.01")


def product_classes() -> QuerySet:
    """Every product class with its member discount, the discounted ones first."""
    return ProductClass.objects.order_by("-member_discount_percent", "name", "pk")


@transaction.atomic
def member_discount_set(*, product_class: Any, percent: Decimal, by: Any, note: str = "") -> Any:
    """Staff set what members pay less on a product class (0 to 100 %), audited."""
    if not getattr(by, "is_staff", False):
        raise PermissionDenied(_("Only staff can change member benefits."))
    percent = Decimal(percent).quantize(CENT)
    if not Decimal(0) <= percent <= Decimal(100):
        raise ValidationError(_("A member discount is between 0 and 100 %."))
    locked = ProductClass.objects.select_for_update().get(pk=product_class.pk)
    before = locked.member_discount_percent
    if before == percent:
        return locked
    locked.member_discount_percent = percent
    locked.save(update_fields=["member_discount_percent"])
    change = f"{locked.name}: member discount {before} % → {percent} %"
    audit(AuditEntry.Action.RULES_UPDATED, actor=by, note="; ".join(filter(None, [change, note])))
    return locked
