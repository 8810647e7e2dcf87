"""Background tasks of local currencies (see config/schedule.py)."""

from django_tasks import task

from . import services


@task()
def pull_operator_transfers() -> dict[str, int]:
    """Credit the members' transfers made at digital currencies' operators (idempotent:
    each operator transfer is credited once, by its key)."""
    return services.operator_transfers_pull()
