"""Periodic tasks: schedules and the tick that enqueues what is due.

Each schedule cuts time into slots (every 5 minutes, every hour, every day at 06:30).
A tick enqueues, for each periodic task, the slot it is in, keyed by task name and slot
start: however many schedulers tick, each slot runs once (see `task_enqueue_once`). A
scheduler that starts mid-slot runs that slot's task at once; slots missed while no
scheduler ran are not caught up, only the current one.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone
from django.utils.module_loading import import_string

from .services import task_enqueue_once

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Every:
    """Slots of a fixed length, aligned on the Unix epoch (so on the hour for hours)."""

    minutes: int = 0
    hours: int = 0

    @property
    def seconds(self) -> int:
        return self.minutes * 60 + self.hours * 3600

    def __post_init__(self) -> None:
        if self.seconds <= 0:
            raise ValueError("a schedule needs a positive period")

    def slot_start(self, now: datetime.datetime) -> datetime.datetime:
        stamp = int(now.timestamp()) // self.seconds * self.seconds
        return datetime.datetime.fromtimestamp(stamp, tz=datetime.UTC)


@dataclass(frozen=True)
class DailyAt:
    """One slot a day, starting at this local time (settings.TIME_ZONE)."""

    hour: int
    minute: int = 0

    def slot_start(self, now: datetime.datetime) -> datetime.datetime:
        local = timezone.localtime(now)
        start = local.replace(hour=self.hour, minute=self.minute, second=0, microsecond=0)
        if start > local:
            start -= datetime.timedelta(days=1)
        return start


@dataclass(frozen=True)
class PeriodicTask:
    name: str
    task_path: str
    schedule: Every | DailyAt

    def slot_key(self, now: datetime.datetime) -> str:
        start = self.schedule.slot_start(now).astimezone(datetime.UTC)
        return f"periodic:{self.name}:{start:%Y-%m-%dT%H:%M}Z"


def tick(
    periodic_tasks: Iterable[PeriodicTask], *, now: datetime.datetime | None = None
) -> list[str]:
    """Enqueue each periodic task's current slot if nobody has; return the keys enqueued."""
    now = now or timezone.now()
    enqueued = []
    for periodic in periodic_tasks:
        key = periodic.slot_key(now)
        if task_enqueue_once(task=import_string(periodic.task_path), key=key) is not None:
            logger.info("Scheduled %s", key)
            enqueued.append(key)
    return enqueued
