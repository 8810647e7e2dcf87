"""Run queued tasks (`make worker`): retries with backoff, recovery of dead workers."""

import datetime
import os
import socket
import time

from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django_tasks import task_backends
from django_tasks_db.backend import DatabaseBackend

from config.taskqueue.worker import Worker


class Command(BaseCommand):
    help = (
        "Run the tasks queued in the database: each in one transaction, failures retried "
        "with backoff (TASKS_MAX_ATTEMPTS), tasks of stopped workers recovered."
    )

    def add_arguments(self, parser):
        parser.add_argument("--backend", default="default", help="TASKS alias (default)")
        parser.add_argument(
            "--queue", action="append", dest="queues", help="queue to serve (repeatable)"
        )
        parser.add_argument("--interval", type=float, default=1.0, help="idle poll, seconds")
        parser.add_argument(
            "--batch", action="store_true", help="exit when no task is ready (tests, cron)"
        )
        parser.add_argument("--max-tasks", type=int, default=None, help="exit after N tasks")
        parser.add_argument("--worker-id", default=None, help="name shown on claimed tasks")
        parser.add_argument(
            "--recover-after",
            type=float,
            default=30.0,
            help="seconds before an unlocked RUNNING task counts as orphaned (30)",
        )
        parser.add_argument(
            "--scheduler",
            action="store_true",
            help="also enqueue the periodic tasks (config/schedule.py) between tasks",
        )

    def handle(self, *args, **options):
        backend = task_backends[options["backend"]]
        if not isinstance(backend, DatabaseBackend):
            raise CommandError(
                f"Task backend {options['backend']!r} is {type(backend).__name__}: "
                "run_worker serves the database backend only (see TASKS in settings)."
            )
        worker_id = (
            options["worker_id"]
            or (f"{socket.gethostname()}-{os.getpid()}-{get_random_string(4)}")[:64]
        )
        worker = Worker(
            worker_id=worker_id,
            backend_name=options["backend"],
            queue_names=options["queues"],
            interval=options["interval"],
            batch=options["batch"],
            max_tasks=options["max_tasks"],
            recover_after=datetime.timedelta(seconds=options["recover_after"]),
            each_loop=_scheduler_tick() if options["scheduler"] else None,
        )
        worker.install_signal_handlers()
        worker.run()


def _scheduler_tick(every: float = 15.0):
    from config.schedule import PERIODIC_TASKS
    from config.taskqueue.scheduler import tick

    last = 0.0

    def each_loop() -> None:
        nonlocal last
        if time.monotonic() - last >= every:
            last = time.monotonic()
            tick(PERIODIC_TASKS)

    return each_loop
