"""The project's own tasks."""

from typing import Any

from django_tasks import task

from . import mail


@task()
def deliver_email(message: dict[str, Any]) -> None:
    """Send one queued message with the real backend (EMAIL_DELIVERY_BACKEND)."""
    mail.deliver(message)
