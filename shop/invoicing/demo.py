"""Demo invoices: the demo producer invoices under mandate, the demo member has two
orders (one paid), and every order of the demo gets its invoices.

Idempotent: the profile is upserted, the demo orders are placed once (by number), and
issuing skips the invoices already there."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING

from django.contrib.auth import get_user_model
from django.utils import timezone
from oscar.core.loading import get_model

from shop.checkout.order_writer import LineDraft, OrderDraft, PickupDraft, orders_place_bulk
from shop.payments.methods import PaymentMethod
from shop.payments.offline import mark_offline_paid
from shop.payments.statuses import PENDING_PAYMENT
from shop.shipping.methods import PickupMethod
from shop.shipping.models import PickupPoint

from . import services
from .models import InvoicingMode

if TYPE_CHECKING:
    from oscar.apps.order.models import Order
    from oscar.apps.partner.models import StockRecord

    from shop.partner.models import Partner
else:
    Order = get_model("order", "Order")
    Partner = get_model("partner", "Partner")
    StockRecord = get_model("partner", "StockRecord")

DEMO_ORDER_NUMBERS = ("DEMO-F1", "DEMO-F2")
DEMO_VAT_NUMBER = "FR00123456789"


def _stockrecords(*, mandate_producer: Partner) -> list[StockRecord]:
    """One product of the mandate producer and one of another producer."""
    records = StockRecord.objects.select_related("product__product_class", "partner")
    own = records.filter(partner=mandate_producer, product__is_public=True).order_by("pk")
    other = records.exclude(partner=mandate_producer).filter(product__is_public=True)
    return [r for r in (own.first(), other.order_by("pk").first()) if r is not None]


def _draft(number: str, *, user_id: int, records: list, point: PickupPoint) -> OrderDraft:
    method = PickupMethod(point)
    lines = [
        LineDraft(
            product_id=record.product_id,
            title=record.product.get_title(),
            upc=record.product.upc or "",
            partner_id=record.partner_id,
            partner_name=record.partner.name,
            partner_sku=record.partner_sku,
            stockrecord_id=record.pk,
            quantity=quantity,
            unit_price_incl_tax=(
                record.price * (1 + record.product.get_product_class().vat_rate)
            ).quantize(services.CENT),
            vat_rate=record.product.get_product_class().vat_rate,
        )
        for record, quantity in zip(records, (2, 1), strict=False)
    ]
    return OrderDraft(
        number=number,
        user_id=user_id,
        lines=lines,
        shipping_method=str(method.name),
        shipping_code=method.code,
        pickup=PickupDraft(
            point_id=point.pk, day=timezone.localdate() + datetime.timedelta(days=3)
        ),
        payment_method=PaymentMethod.PICKUP,
    )


def load_invoicing_demo(
    *, member_email: str, producer_slug: str, pickup_point: PickupPoint | None
) -> dict[str, int]:
    """Returns how many orders and invoices the demo has."""
    producer = Partner.objects.filter(slug=producer_slug).first()
    user = get_user_model().objects.filter(email=member_email).first()
    if producer is not None:
        services.invoicing_profile_set(
            partner=producer, mode=InvoicingMode.MANDATE, by=None, vat_number=DEMO_VAT_NUMBER
        )
    missing = set(DEMO_ORDER_NUMBERS) - set(
        Order.objects.filter(number__in=DEMO_ORDER_NUMBERS).values_list("number", flat=True)
    )
    records = _stockrecords(mandate_producer=producer) if producer is not None else []
    if user is not None and pickup_point is not None and records and missing:
        drafts = [
            _draft(number, user_id=user.pk, records=records, point=pickup_point)
            for number in sorted(missing)
        ]
        placed = orders_place_bulk(drafts=drafts)
        first = placed.get(DEMO_ORDER_NUMBERS[0])
        if first is not None and first.status == PENDING_PAYMENT:  # paid at the pickup
            mark_offline_paid(order=first, user=None, amount=first.total_incl_tax, note="démo")
    issued = 0
    for order in Order.objects.filter(invoices__isnull=True).order_by("date_placed", "pk"):
        issued += len(services.invoice_issue_for_order(order=order, reason="demo"))
    return {"orders": Order.objects.count(), "invoices issued": issued}
