"""E-mails of the settlement, sent by the task queue: enqueued in the transaction that
confirms or releases, so they leave only if it commits. Taking ids, they read the
settlements afresh; sending twice after a crash is the only repeat possible (each message
keeps its Message-ID)."""

from django_tasks import task

from . import emails
from .models import GroupOrderSettlement


@task()
def send_settlement_emails(settlement_ids: list[int]) -> int:
    settlements = list(GroupOrderSettlement.objects.filter(pk__in=settlement_ids).order_by("pk"))
    return emails.send_settlement_emails(settlements)


@task()
def send_release_emails(released_ids: list[int], supplement_ids: list[int]) -> int:
    by_pk = GroupOrderSettlement.objects.in_bulk([*released_ids, *supplement_ids])
    return emails.send_release_emails(
        released=[by_pk[pk] for pk in released_ids if pk in by_pk],
        supplements=[by_pk[pk] for pk in supplement_ids if pk in by_pk],
    )
