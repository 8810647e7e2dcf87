"""Tasks used by the task-queue tests (importable by a worker process too)."""

import os
import time
from pathlib import Path

from django.contrib.auth.models import Group
from django_tasks import task


@task()
def add_group(name: str) -> int:
    """A task that writes: one auth Group per run."""
    return Group.objects.create(name=name).pk


@task()
def write_then_fail(name: str) -> None:
    Group.objects.create(name=name)
    raise RuntimeError("the producer's server did not answer")


@task()
def write_then_wait(name: str, pause_file: str) -> int:
    """Write, then wait while `pause_file` exists (a test kills the worker meanwhile)."""
    group = Group.objects.create(name=name)
    Path(pause_file).with_suffix(".started").write_text(str(os.getpid()))
    while Path(pause_file).exists():
        time.sleep(0.05)
    return group.pk
