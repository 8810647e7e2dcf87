"""Closing a distribution's ordering: mark it closed, then send each producer its
purchase order and the coordinators the distribution sheet, each once.

Sending is idempotent: a `PurchaseOrderSent` / `DistributionSheetSent` row is created in
the transaction that enqueues the e-mail (the site's e-mail backend enqueues a task in
the caller's transaction), and its unique constraint lets only one of two racing
workers through; the other rolls back and sends nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from shop.impact.freshness import reminder_recipients

from .. import services as distribution_services
from ..models import Distribution, DistributionStatus
from . import documents, recipients, selectors
from .models import DistributionSheetSent, PurchaseOrderSent

EMAIL_LANGUAGE = "fr"
CSV = "text/csv"
PDF = "application/pdf"


class OffersClosed(distribution_services.DistributionError):
    """The quantities of a closed distribution cannot change any more."""

    def __init__(self, distribution: Distribution):
        closed_at = timezone.localtime(distribution.closed_at or distribution.closes_at)
        super().__init__(
            _(
                "Ordering for this distribution closed on %(date)s and the purchase orders "
                "have been sent: its quantities can no longer be changed."
            )
            % {"date": date_format(closed_at, "DATETIME_FORMAT")}
        )


def is_closed(distribution: Distribution) -> bool:
    return distribution.status == DistributionStatus.CLOSED or distribution.closed_at is not None


def due_distributions(at: datetime.datetime | None = None) -> QuerySet[Distribution]:
    """Published distributions whose ordering window has ended."""
    return Distribution.objects.filter(
        status=DistributionStatus.PUBLISHED,
        closed_at__isnull=True,
        closes_at__lte=at or timezone.now(),
    ).order_by("closes_at", "pk")


def producer_ids_to_send(distribution: Distribution) -> list[int]:
    """The producers taking part, and any other with lines in the distribution."""
    ids = set(distribution.producers.values_list("pk", flat=True))
    ids.update(
        selectors.distribution_lines(distribution)
        .exclude(partner__isnull=True)
        .values_list("partner_id", flat=True)
    )
    return sorted(ids)


def distribution_close_and_dispatch(
    *, distribution: Distribution, at: datetime.datetime | None = None, by: Any = None
) -> bool:
    """Close ordering and, in the same transaction, enqueue one purchase-order task per
    producer and the sheet's task (so a closed distribution always has them queued).
    False when it was already closed."""
    from .tasks import send_distribution_sheet, send_purchase_order

    with transaction.atomic():
        if not distribution_services.distribution_close(distribution=distribution, at=at, by=by):
            return False
        for partner_id in producer_ids_to_send(distribution):
            send_purchase_order.enqueue(distribution.pk, partner_id)
        send_distribution_sheet.enqueue(distribution.pk)
    return True


def distributions_close_due(*, at: datetime.datetime | None = None) -> list[int]:
    """Close every distribution past its closing time; the pks of those closed now."""
    return [
        distribution.pk
        for distribution in due_distributions(at)
        if distribution_close_and_dispatch(distribution=distribution, at=at)
    ]


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _message(
    *, template: str, context: dict, to: list[str], attachments: list[tuple[str, bytes, str]]
) -> EmailMultiAlternatives:
    with translation.override(EMAIL_LANGUAGE):
        subject = render_to_string(f"distributions/closing/email/{template}_subject.txt", context)
        body = render_to_string(f"distributions/closing/email/{template}_body.txt", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=to,
    )
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    return message


def purchase_order_send(*, distribution: Distribution, producer: Any) -> bool:
    """E-mail `producer` its purchase order (CSV and PDF), once. False when it was already
    sent, or when the producer has no address (nothing recorded: a later run retries)."""
    to = reminder_recipients(producer)
    if not to:
        return False
    order = selectors.purchase_order(distribution, producer)
    try:
        with transaction.atomic():
            _, created = PurchaseOrderSent.objects.get_or_create(
                distribution=distribution,
                partner=producer,
                defaults={"recipients": ", ".join(to)},
            )
            if not created:
                return False
            _message(
                template="purchase_order",
                context={
                    "order": order,
                    "distribution": distribution,
                    "producer": producer,
                    "dashboard_url": absolute_url(
                        reverse(
                            "producer-orders:distributions",
                            kwargs={"producer_pk": producer.pk},
                        )
                    ),
                },
                to=to,
                attachments=[
                    (
                        documents.purchase_order_filename(order, "csv"),
                        documents.purchase_order_csv(order),
                        CSV,
                    ),
                    (
                        documents.purchase_order_filename(order, "pdf"),
                        documents.purchase_order_pdf(order),
                        PDF,
                    ),
                ],
            ).send()
    except IntegrityError:  # another worker sent it at the same moment
        return False
    return True


def sheet_recipients(distribution: Distribution) -> list[str]:
    """The coordinators of its pickup points, and whoever created it."""
    points = distribution.pickup_points.values_list("pk", flat=True)
    creator = distribution.created_by
    return recipients.unique(
        [
            *recipients.coordinator_emails(points),
            creator.email if creator is not None and creator.is_active else "",
        ]
    )


def distribution_sheet_send(*, distribution: Distribution) -> bool:
    """E-mail the distribution sheet (CSV) to its coordinators, once."""
    to = sheet_recipients(distribution)
    if not to:
        return False
    sheet = selectors.distribution_sheet(distribution)
    try:
        with transaction.atomic():
            _, created = DistributionSheetSent.objects.get_or_create(
                distribution=distribution, defaults={"recipients": ", ".join(to)}
            )
            if not created:
                return False
            _message(
                template="sheet",
                context={
                    "sheet": sheet,
                    "distribution": distribution,
                    "sheet_url": absolute_url(
                        reverse(
                            "distributions-dashboard:closing:sheet", kwargs={"pk": distribution.pk}
                        )
                    ),
                },
                to=to,
                attachments=[(documents.sheet_filename(sheet), documents.sheet_csv(sheet), CSV)],
            ).send()
    except IntegrityError:
        return False
    return True
