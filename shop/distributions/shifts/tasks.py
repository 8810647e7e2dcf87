"""Background task of shifts (see config/schedule.py): idempotent, a sign-up is
reminded once (reminded_at)."""

from django_tasks import task

from . import services


@task()
def send_shift_reminders() -> int:
    return services.shift_reminders_send()
