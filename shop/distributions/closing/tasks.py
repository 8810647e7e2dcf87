"""Background tasks of closing (see config/schedule.py). Each is idempotent: closing
skips what is closed, sending skips what was sent (a unique row per sending)."""

from django_tasks import task
from oscar.core.loading import get_model

from ..models import Distribution
from . import services

Partner = get_model("partner", "Partner")


@task()
def close_due_distributions() -> list[int]:
    """Close every distribution whose ordering window has ended; queue its e-mails."""
    return services.distributions_close_due()


@task()
def send_purchase_order(distribution_id: int, partner_id: int) -> bool:
    distribution = Distribution.objects.filter(pk=distribution_id).first()
    producer = Partner.objects.filter(pk=partner_id).first()
    if distribution is None or producer is None:
        return False
    return services.purchase_order_send(distribution=distribution, producer=producer)


@task()
def send_distribution_sheet(distribution_id: int) -> bool:
    distribution = Distribution.objects.filter(pk=distribution_id).first()
    if distribution is None:
        return False
    return services.distribution_sheet_send(distribution=distribution)
