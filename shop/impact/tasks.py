"""Background tasks of the impact passport (see config/schedule.py)."""

from django_tasks import task

from . import freshness


@task()
def send_freshness_reminders() -> int:
    """E-mail producers whose claims expire soon (at most one reminder a day each)."""
    return freshness.freshness_reminders_send()
