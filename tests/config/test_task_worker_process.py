"""The task queue for real: worker and scheduler processes on PostgreSQL and Redis.

Each test starts `manage.py run_worker` / `run_scheduler` as separate processes on the
test database, acts through real pages, and waits for the work to be done.
"""

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.db import connection, connections
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from config.schedule import PERIODIC_TASKS
from config.taskqueue import scheduler
from tests.config import task_probes
from tests.factories import UserFactory, create_group_order

pytestmark = [pytest.mark.postgres, pytest.mark.redis, pytest.mark.django_db(transaction=True)]

BASE_DIR = Path(__file__).resolve().parents[2]


@pytest.fixture
def service_env(tmp_path, queued_email):
    """The environment of a production-like process on the test database."""
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    host = f"{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO")}
    env.update(
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DEBUG="true",
        DATABASE_URL=f"postgres://{auth}@{host}/{db['NAME']}",
        REDIS_URL=settings.REDIS_URL,
        # django-environ reads the path after "filemail://": "/" + an absolute path.
        EMAIL_URL=f"filemail:///{tmp_path / 'mail'}",
        LOG_LEVEL="INFO",
    )
    return env


class Process:
    def __init__(self, env: dict, *args: str) -> None:
        self.log = Path(env["EMAIL_URL"].removeprefix("filemail:///")).parent / f"{args[0]}.log"
        self.popen = subprocess.Popen(
            [sys.executable, "manage.py", *args],
            cwd=BASE_DIR,
            env=env,
            stdout=self.log.open("a"),
            stderr=subprocess.STDOUT,
        )

    def output(self) -> str:
        return self.log.read_text() if self.log.exists() else ""

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.popen.poll() is None:
            self.popen.send_signal(sig)
            self.popen.wait(timeout=30)


@pytest.fixture
def processes():
    started: list[Process] = []
    yield started
    for process in started:
        process.stop(signal.SIGKILL)


def start(processes, env, *args) -> Process:
    process = Process(env, *args)
    processes.append(process)
    return process


def wait_for(condition, *, timeout: float = 60, process: Process | None = None):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out; process output:\n{process.output() if process else ''}")


def sent_emails(env) -> str:
    folder = Path(env["EMAIL_URL"].removeprefix("filemail:///"))
    return "".join(p.read_text() for p in folder.glob("*")) if folder.exists() else ""


def test_a_worker_process_sends_the_sign_up_email(client, service_env, processes):
    worker = start(processes, service_env, "run_worker", "--interval", "0.2")
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nouvelle@example.org",
            "password1": "un-mot-de-passe-long",
            "password2": "un-mot-de-passe-long",
        },
    )
    assert response.status_code == 302

    wait_for(lambda: "nouvelle@example.org" in sent_emails(service_env), process=worker)
    (row,) = DBTaskResult.objects.all()
    assert row.task_path == "config.taskqueue.tasks.deliver_email"
    wait_for(lambda: DBTaskResult.objects.get(pk=row.pk).status == TaskResultStatus.SUCCESSFUL)
    worker.stop()
    assert worker.popen.returncode == 0, worker.output()


def test_the_scheduler_and_a_worker_close_a_group_order_past_its_deadline(
    client, service_env, processes
):
    from groupbuy.models import GroupOrder, GroupOrderProduct, GroupOrderState

    member = UserFactory()
    group_order = create_group_order(members=[member], offers=[{"case_size": 2}])
    offer = GroupOrderProduct.objects.get(group_order=group_order)
    client.force_login(member)
    response = client.post(
        reverse(
            "groupbuy:commitment-set",
            kwargs={"slug": group_order.group.slug, "pk": group_order.pk, "offer_pk": offer.pk},
        ),
        {
            f"offer-{offer.pk}-quantity": 4,
            f"offer-{offer.pk}-tolerance": 0,
            f"offer-{offer.pk}-accept_terms": "on",
        },
    )
    assert response.status_code == 302
    # The deadline passes.
    GroupOrder.objects.filter(pk=group_order.pk).update(
        closes_at=timezone.now() - timezone.timedelta(minutes=1)
    )

    worker = start(processes, service_env, "run_worker", "--interval", "0.2")
    scheduler_process = start(processes, service_env, "run_scheduler", "--once")
    assert scheduler_process.popen.wait(timeout=60) == 0, scheduler_process.output()

    wait_for(
        lambda: GroupOrder.objects.get(pk=group_order.pk).state != GroupOrderState.OPEN,
        process=worker,
    )
    close = DBTaskResult.objects.get(task_path="groupbuy.tasks.close_due_group_orders")
    wait_for(lambda: DBTaskResult.objects.get(pk=close.pk).status == TaskResultStatus.SUCCESSFUL)
    assert DBTaskResult.objects.get(pk=close.pk).return_value == [group_order.pk]


def test_a_task_killed_mid_way_runs_again_after_restart_and_writes_once(
    service_env, processes, tmp_path
):
    pause = tmp_path / "pause"
    pause.write_text("hold")
    result = task_probes.write_then_wait.enqueue("une seule fois", str(pause))

    worker = start(processes, service_env, "run_worker", "--interval", "0.2")
    wait_for(lambda: pause.with_suffix(".started").exists(), process=worker)
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    worker.stop(signal.SIGKILL)

    # The killed run's write is gone with its transaction; the task is still RUNNING.
    assert not Group.objects.filter(name="une seule fois").exists()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING

    pause.unlink()
    time.sleep(1.2)
    restarted = start(
        processes, service_env, "run_worker", "--interval", "0.2", "--recover-after", "1"
    )
    wait_for(
        lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
        process=restarted,
    )
    row = DBTaskResult.objects.get(pk=result.id)
    assert len(row.worker_ids) == 2
    assert Group.objects.filter(name="une seule fois").count() == 1
    assert row.return_value == Group.objects.get(name="une seule fois").pk


def test_a_live_workers_task_is_not_taken_by_another_worker(service_env, processes, tmp_path):
    pause = tmp_path / "pause"
    pause.write_text("hold")
    result = task_probes.write_then_wait.enqueue("pas deux fois", str(pause))
    first = start(processes, service_env, "run_worker", "--interval", "0.2")
    wait_for(lambda: pause.with_suffix(".started").exists(), process=first)
    time.sleep(1.2)
    # A second worker, eager to recover, must see the task's row lock and leave it be.
    second = start(
        processes, service_env, "run_worker", "--interval", "0.2", "--recover-after", "1"
    )
    time.sleep(4)
    assert DBTaskResult.objects.get(pk=result.id).worker_ids == [
        DBTaskResult.objects.get(pk=result.id).worker_ids[0]
    ]
    pause.unlink()
    wait_for(
        lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
        process=first,
    )
    assert len(DBTaskResult.objects.get(pk=result.id).worker_ids) == 1
    assert Group.objects.filter(name="pas deux fois").count() == 1
    assert "Recovered" not in second.output()


def test_two_scheduler_processes_at_once_enqueue_each_job_once(service_env, processes):
    schedulers = [start(processes, service_env, "run_scheduler", "--once") for _ in range(2)]
    for process in schedulers:
        assert process.popen.wait(timeout=60) == 0, process.output()
    paths = list(DBTaskResult.objects.values_list("task_path", flat=True))
    assert sorted(paths) == sorted(p.task_path for p in PERIODIC_TASKS)


def test_schedulers_racing_in_threads_enqueue_each_slot_once(database_tasks):
    now = timezone.now()
    barrier = threading.Barrier(6)
    errors = []

    def tick():
        try:
            barrier.wait()
            scheduler.tick(PERIODIC_TASKS, now=now)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=tick) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert DBTaskResult.objects.count() == len(PERIODIC_TASKS)
