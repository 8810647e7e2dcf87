"""The project's own tasks."""

import datetime
from typing import Any

from django.conf import settings
from django_tasks import task

from . import mail, services


@task()
def deliver_email(message: dict[str, Any]) -> None:
    """Send one queued message with the real backend (EMAIL_DELIVERY_BACKEND)."""
    mail.deliver(message)


@task()
def prune_task_results() -> int:
    """Delete successful tasks older than TASKS_KEEP_SUCCESSFUL_DAYS; failed ones stay
    until staff retry them."""
    return services.task_results_prune(
        older_than=datetime.timedelta(days=settings.TASKS_KEEP_SUCCESSFUL_DAYS)
    )
