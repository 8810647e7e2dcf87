"""Run callables at the same moment, each in its own thread and database connection: the
shape of every race test on PostgreSQL (row locks, unique constraints)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections


@dataclass
class Outcome:
    """What one callable returned, or the exception it raised."""

    value: Any = None
    error: BaseException | None = None


def run_together(calls: Sequence[Callable[[], Any]], *, timeout: float = 60) -> list[Outcome]:
    """Start all `calls` behind one barrier and wait for them; outcomes in call order.
    Close the caller's connections first: a thread must not share the test's one."""
    connections.close_all()
    barrier = threading.Barrier(len(calls))
    outcomes = [Outcome() for _ in calls]

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=10)
            outcomes[index].value = calls[index]()
        except BaseException as error:
            outcomes[index].error = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return outcomes
