"""Task ids: random, or derived from a key for enqueue-once (see `enqueue_once`).

django-tasks-db asks `TASKS[...]["OPTIONS"]["id_function"]` for every new task's
primary key. A key turned into a UUID makes a second enqueue of the same key collide on
the primary key, which the database refuses even across machines.
"""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_forced_id: ContextVar[uuid.UUID | None] = ContextVar("forced_task_id", default=None)

# Fixed namespace for keyed ids: the same key always gives the same task id.
TASK_KEY_NAMESPACE = uuid.UUID("6f1b7c1e-2d4a-4c55-9a1e-70616e696572")


def task_id_for_key(key: str) -> uuid.UUID:
    return uuid.uuid5(TASK_KEY_NAMESPACE, key)


def next_task_id() -> uuid.UUID:
    return _forced_id.get() or uuid.uuid4()


@contextmanager
def forced_task_id(task_id: uuid.UUID) -> Iterator[uuid.UUID]:
    """Tasks enqueued inside this block get `task_id` (one enqueue per block)."""
    token = _forced_id.set(task_id)
    try:
        yield task_id
    finally:
        _forced_id.reset(token)
