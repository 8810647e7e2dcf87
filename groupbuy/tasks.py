"""Background tasks (django-tasks, which Wagtail already uses). A scheduler (cron, or a
task worker's periodic runner) enqueues them; each is safe to run again."""

from django_tasks import task

from .orders import services


@task()
def close_due_group_orders() -> list[int]:
    """Close and allocate every open group order past its deadline."""
    return [group_order.pk for group_order in services.group_orders_close_due()]
