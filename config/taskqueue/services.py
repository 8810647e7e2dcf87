"""Operations on the task queue that are not running a task."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import TaskResult, TaskResultStatus
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult, get_date_max

from .ids import forced_task_id, task_id_for_key


def task_enqueue_once(
    *, task: Task, key: str, args: tuple = (), kwargs: dict[str, Any] | None = None
) -> TaskResult | None:
    """Enqueue `task` unless a task with this key was ever enqueued; None if it was.

    The key becomes the task's primary key, so two processes racing on one key (two
    schedulers on two machines) insert one row: the database refuses the second.
    """
    if not isinstance(task.get_backend(), DatabaseBackend):
        raise ImproperlyConfigured(
            "Enqueueing once needs the database task backend (TASKS in settings)."
        )
    try:
        with (
            transaction.atomic(using=DBTaskResult.objects.db),
            forced_task_id(task_id_for_key(key)),
        ):
            return task.enqueue(*args, **(kwargs or {}))
    except IntegrityError:
        return None


def task_retry(*, task_result: DBTaskResult) -> DBTaskResult:
    """Give a FAILED task a fresh set of attempts, to run as soon as a worker is free."""
    with transaction.atomic(using=DBTaskResult.objects.db):
        row = DBTaskResult.objects.select_for_update().get(pk=task_result.pk)
        if row.status != TaskResultStatus.FAILED:
            raise ValueError("only a failed task can be retried")
        row.status = TaskResultStatus.READY
        row.run_after = get_date_max()
        row.started_at = None
        row.finished_at = None
        row.worker_ids = []
        row.save(update_fields=["status", "run_after", "started_at", "finished_at", "worker_ids"])
    return row


def task_results_prune(*, older_than: datetime.timedelta) -> int:
    """Delete the successful tasks finished before `older_than` ago; return how many."""
    cutoff = timezone.now() - older_than
    deleted, _ = DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=cutoff
    ).delete()
    return deleted
