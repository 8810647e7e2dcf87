"""Reads for the staff page of tasks."""

from __future__ import annotations

from django.db.models import QuerySet
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

# Tabs of the staff page, each a filter on the queue table.
TASK_LISTS = ("failed", "retrying", "running")


def task_list(kind: str) -> QuerySet[DBTaskResult]:
    """Failed tasks (attempts spent), tasks waiting for another attempt, running tasks."""
    tasks = DBTaskResult.objects.all()
    if kind == "failed":
        tasks = tasks.filter(status=TaskResultStatus.FAILED).order_by("-finished_at")
    elif kind == "retrying":
        # A READY task with an error recorded has failed at least once.
        tasks = tasks.filter(status=TaskResultStatus.READY).exclude(exception_class_path="")
        tasks = tasks.order_by("run_after")
    elif kind == "running":
        tasks = tasks.filter(status=TaskResultStatus.RUNNING).order_by("started_at")
    else:
        raise ValueError(f"unknown task list {kind!r}")
    return tasks.defer("args_kwargs", "return_value")


def task_counts() -> dict[str, int]:
    return {kind: task_list(kind).count() for kind in TASK_LISTS}
