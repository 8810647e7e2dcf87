"""The task worker: django-tasks-db's queue table, with retries and crash recovery.

django-tasks-db's own `db_worker` marks a task RUNNING and runs it outside any
transaction: a worker killed mid-task leaves it RUNNING for ever, and a failure is
final. This worker keeps the same table and claiming query, and adds:

- **One transaction per run.** After the claim (committed, so staff see RUNNING), the
  task runs inside a transaction that holds the task row's lock and writes its outcome.
  The task's own writes and its SUCCESSFUL mark commit together; a crash rolls both back.
- **Recovery.** A RUNNING row that nobody holds locked belongs to a dead worker
  (`SELECT ... FOR UPDATE SKIP LOCKED` finds exactly those on PostgreSQL): it goes back
  to READY, or to FAILED once its attempts are spent. On SQLite row locks do not exist,
  so recovery runs only when a worker starts (one worker per SQLite file).
- **Retries with backoff.** A failed attempt is retried after `backoff * 4^(n-1)`
  seconds until `TASKS_MAX_ATTEMPTS`; then the task is FAILED, shown to staff on the
  dashboard's task page, where they can retry it.

Attempts are counted by `worker_ids`, which gets one entry per claim.
"""

from __future__ import annotations

import datetime
import logging
import signal
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from types import FrameType

from django.conf import settings
from django.core.exceptions import SuspiciousOperation
from django.db import close_old_connections, connections, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks import TaskContext, TaskResultStatus
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import normalize_json
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

logger = logging.getLogger(__name__)

# Failures that another attempt cannot fix: the task's code is gone or is not a task.
PERMANENT_ERRORS = (ImportError, SuspiciousOperation)


class WorkerLost(Exception):
    """Recorded on a task whose worker stopped while running it."""


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    backoff_seconds: float

    @classmethod
    def from_settings(cls) -> RetryPolicy:
        return cls(
            max_attempts=settings.TASKS_MAX_ATTEMPTS,
            backoff_seconds=settings.TASKS_RETRY_BACKOFF_SECONDS,
        )

    def delay(self, attempt: int) -> datetime.timedelta:
        return datetime.timedelta(seconds=self.backoff_seconds * 4 ** (attempt - 1))


def _record_failure(
    row: DBTaskResult, exc: BaseException, policy: RetryPolicy, *, permanent: bool = False
) -> None:
    """Schedule another attempt, or mark the task FAILED once its attempts are spent."""
    now = timezone.now()
    attempts = len(row.worker_ids)
    row.exception_class_path = f"{type(exc).__module__}.{type(exc).__qualname__}"
    row.traceback = "".join(traceback.format_exception(exc))
    row.return_value = None
    if not permanent and attempts < policy.max_attempts:
        row.status = TaskResultStatus.READY
        row.run_after = now + policy.delay(attempts)
        row.finished_at = None
        logger.warning(
            "Task %s (%s) failed, attempt %s of %s; retry at %s: %r",
            row.id, row.task_path, attempts, policy.max_attempts, row.run_after, exc,
        )  # fmt: skip
    else:
        row.status = TaskResultStatus.FAILED
        row.finished_at = now
        logger.error(
            "Task %s (%s) failed after %s attempt(s): %r", row.id, row.task_path, attempts, exc
        )
    row.save(
        update_fields=[
            "status", "run_after", "finished_at", "return_value",
            "exception_class_path", "traceback",
        ]
    )  # fmt: skip


def recover_orphans(
    *, backend_name: str, older_than: datetime.timedelta, policy: RetryPolicy
) -> list[str]:
    """Put back the RUNNING tasks whose worker died; return their ids."""
    cutoff = timezone.now() - older_than
    recovered = []
    db = DBTaskResult.objects.db
    with transaction.atomic(using=db):
        orphans = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend_name, started_at__lt=cutoff)
            .select_for_update(skip_locked=True)
        )
        for row in orphans:
            lost = WorkerLost(f"worker {row.worker_ids[-1:]} stopped while running the task")
            _record_failure(row, lost, policy)
            if row.status == TaskResultStatus.READY:
                # Retry a lost task at once: it did not fail, its worker did.
                row.run_after = timezone.now()
                row.save(update_fields=["run_after"])
            recovered.append(str(row.id))
    if recovered:
        logger.warning("Recovered %s task(s) from stopped workers: %s", len(recovered), recovered)
    return recovered


class Worker:
    def __init__(
        self,
        *,
        worker_id: str,
        backend_name: str = "default",
        queue_names: list[str] | None = None,
        interval: float = 1.0,
        batch: bool = False,
        max_tasks: int | None = None,
        recover_after: datetime.timedelta = datetime.timedelta(seconds=30),
        each_loop: Callable[[], object] | None = None,
    ) -> None:
        self.worker_id = worker_id
        self.backend_name = backend_name
        self.queue_names = queue_names or []
        self.interval = interval
        self.batch = batch
        self.max_tasks = max_tasks
        self.recover_after = recover_after
        self.each_loop = each_loop
        self.policy = RetryPolicy.from_settings()
        self.running = True
        self.in_task = False
        self.tasks_run = 0
        self._last_recovery = 0.0

    # --- lifecycle ------------------------------------------------------------------

    def install_signal_handlers(self) -> None:
        for name in ("SIGINT", "SIGTERM", "SIGQUIT"):
            if hasattr(signal, name):
                signal.signal(getattr(signal, name), self._shutdown)

    def _shutdown(self, signum: int, frame: FrameType | None) -> None:
        logger.warning("Worker %s: %s, stopping after the current task.", self.worker_id,
                       signal.strsignal(signum))  # fmt: skip
        self.running = False
        if not self.in_task:
            raise SystemExit(0)

    def run(self) -> None:
        logger.info("Worker %s started (backend %s, queues %s)", self.worker_id,
                    self.backend_name, ",".join(self.queue_names) or "all")  # fmt: skip
        self._recover(startup=True)
        while self.running:
            self._refresh_connections()
            self._recover()
            if self.each_loop is not None:
                self.each_loop()  # e.g. the scheduler's tick, busy or not
            row = self.claim_next()
            if row is not None:
                self.run_claimed(row)
            elif self.batch:
                return
            else:
                time.sleep(self.interval)
            if self.max_tasks is not None and self.tasks_run >= self.max_tasks:
                return

    def _refresh_connections(self) -> None:
        # Drop broken or expired connections between tasks, as Django does per request;
        # not inside a transaction (a test's), which closing would break.
        if not connections[DBTaskResult.objects.db].in_atomic_block:
            close_old_connections()

    def _recover(self, *, startup: bool = False) -> None:
        vendor = connections[DBTaskResult.objects.db].vendor
        due = time.monotonic() - self._last_recovery >= self.recover_after.total_seconds()
        if startup or (vendor != "sqlite" and due):
            self._last_recovery = time.monotonic()
            # On SQLite nothing can tell a live worker's task from a dead one's: at
            # start-up every RUNNING task is an orphan (one worker per SQLite file).
            older_than = datetime.timedelta(0) if vendor == "sqlite" else self.recover_after
            recover_orphans(
                backend_name=self.backend_name, older_than=older_than, policy=self.policy
            )

    # --- one task ---------------------------------------------------------------------

    def claim_next(self) -> DBTaskResult | None:
        ready = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if self.queue_names:
            ready = ready.filter(queue_name__in=self.queue_names)
        try:
            with exclusive_transaction(ready.db):
                row = ready.get_locked()
                if row is not None:
                    row.claim(self.worker_id)
                return row
        except OperationalError as error:
            if is_locked_database_exception(error):
                return None  # SQLite busy: try again on the next loop
            raise

    def run_claimed(self, claimed: DBTaskResult) -> None:
        """Run a claimed task in one transaction holding its row lock."""
        self.in_task = True
        try:
            with transaction.atomic(using=claimed._state.db):
                row = (
                    DBTaskResult.objects.select_for_update()
                    .filter(pk=claimed.pk, status=TaskResultStatus.RUNNING)
                    .first()
                )
                if row is None or row.worker_ids[-1:] != [self.worker_id]:
                    return  # recovered and re-claimed elsewhere meanwhile
                self._execute(row)
        finally:
            self.in_task = False
            self.tasks_run += 1

    def _execute(self, row: DBTaskResult) -> None:
        try:
            task = row.task
            task_result = row.task_result
        except PERMANENT_ERRORS as error:
            _record_failure(row, error, self.policy, permanent=True)
            return
        backend_type = type(task.get_backend())
        task_started.send(sender=backend_type, task_result=task_result)
        try:
            # A savepoint: a failing attempt leaves none of its writes behind.
            with transaction.atomic(using=row._state.db):
                if task.takes_context:
                    value = task.call(
                        TaskContext(task_result=task_result),
                        *task_result.args,
                        **task_result.kwargs,
                    )
                else:
                    value = task.call(*task_result.args, **task_result.kwargs)
                value = normalize_json(value)
        except Exception as error:
            _record_failure(row, error, self.policy)
        else:
            row.status = TaskResultStatus.SUCCESSFUL
            row.finished_at = timezone.now()
            row.return_value = value
            row.exception_class_path = ""
            row.traceback = ""
            row.save(
                update_fields=[
                    "status", "finished_at", "return_value", "exception_class_path",
                    "traceback",
                ]
            )  # fmt: skip
            logger.debug("Task %s (%s) done", row.id, row.task_path)
        task_finished.send(sender=backend_type, task_result=row.task_result)
