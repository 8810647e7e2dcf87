"""Enqueue the periodic tasks of config/schedule.py on time (`make scheduler`)."""

import logging
import time

from django.core.management.base import BaseCommand

from config.schedule import PERIODIC_TASKS
from config.taskqueue.scheduler import tick

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Enqueue the periodic tasks (config/schedule.py) when their slot comes. Several "
        "schedulers may run at once: each slot is enqueued once."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--interval", type=float, default=15.0, help="seconds between ticks (15)"
        )
        parser.add_argument("--once", action="store_true", help="tick once and exit")

    def handle(self, *args, **options):
        while True:
            for key in tick(PERIODIC_TASKS):
                self.stdout.write(f"Enqueued {key}")
            if options["once"]:
                return
            time.sleep(options["interval"])
