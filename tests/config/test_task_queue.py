"""The task queue in one process: the worker's outcomes, retries with backoff, recovery
of tasks whose worker died, enqueue-once and the scheduler, e-mail through the queue,
and the staff page. Real worker processes are in test_task_worker_process.py."""

import datetime
import uuid
import zoneinfo

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from config.taskqueue import scheduler, services
from config.taskqueue.mail import TaskEmailBackend
from config.taskqueue.worker import Worker
from tests.config import task_probes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PARIS = zoneinfo.ZoneInfo("Europe/Paris")


def run_worker(**kwargs) -> Worker:
    worker = Worker(worker_id=kwargs.pop("worker_id", "test-worker"), batch=True, **kwargs)
    worker.run()
    return worker


def test_a_queued_task_waits_for_a_worker(database_tasks):
    result = task_probes.add_group.enqueue("cueilleurs")
    assert not Group.objects.filter(name="cueilleurs").exists()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.READY

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.return_value == Group.objects.get(name="cueilleurs").pk
    assert row.worker_ids == ["test-worker"]


def test_a_failed_attempt_leaves_no_write_and_is_retried_with_backoff(database_tasks, settings):
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_BACKOFF_SECONDS = 30
    result = task_probes.write_then_fail.enqueue("à moitié")
    before = timezone.now()

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert not Group.objects.filter(name="à moitié").exists()
    assert row.status == TaskResultStatus.READY
    assert row.exception_class_path == "builtins.RuntimeError"
    assert "did not answer" in row.traceback
    delay = row.run_after - before
    assert datetime.timedelta(seconds=29) < delay < datetime.timedelta(seconds=40)


def test_backoff_grows_and_the_task_fails_when_attempts_are_spent(database_tasks, settings):
    settings.TASKS_MAX_ATTEMPTS = 3
    settings.TASKS_RETRY_BACKOFF_SECONDS = 10
    result = task_probes.write_then_fail.enqueue("jamais")
    delays = []
    for attempt in range(3):
        DBTaskResult.objects.filter(pk=result.id).update(run_after=timezone.now())
        started = timezone.now()
        run_worker(worker_id=f"w{attempt}")
        row = DBTaskResult.objects.get(pk=result.id)
        if row.status == TaskResultStatus.READY:
            delays.append(round((row.run_after - started).total_seconds()))

    assert delays == [10, 40]
    assert row.status == TaskResultStatus.FAILED
    assert row.worker_ids == ["w0", "w1", "w2"]
    assert row.finished_at is not None
    assert not Group.objects.filter(name="jamais").exists()


def test_a_task_whose_code_is_gone_fails_at_once(database_tasks):
    result = task_probes.add_group.enqueue("disparu")
    DBTaskResult.objects.filter(pk=result.id).update(task_path="tests.config.nowhere.task")

    run_worker()

    row = DBTaskResult.objects.get(pk=result.id)
    assert row.status == TaskResultStatus.FAILED
    assert row.worker_ids == ["test-worker"]


def test_a_running_task_of_a_dead_worker_is_run_again(database_tasks):
    result = task_probes.add_group.enqueue("rescapés")
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("dead-worker")  # claimed, then the worker died before finishing

    run_worker(worker_id="new-worker", recover_after=datetime.timedelta(0))

    row.refresh_from_db()
    assert row.status == TaskResultStatus.SUCCESSFUL
    assert row.worker_ids == ["dead-worker", "new-worker"]
    assert Group.objects.filter(name="rescapés").count() == 1


def test_a_task_that_keeps_killing_its_worker_ends_failed(database_tasks, settings):
    settings.TASKS_MAX_ATTEMPTS = 2
    result = task_probes.add_group.enqueue("maudit")
    row = DBTaskResult.objects.get(pk=result.id)
    row.claim("dead-1")
    row.claim("dead-2")

    run_worker(recover_after=datetime.timedelta(0))

    row.refresh_from_db()
    assert row.status == TaskResultStatus.FAILED
    assert row.exception_class_path == "config.taskqueue.worker.WorkerLost"
    assert not Group.objects.filter(name="maudit").exists()


# --- enqueue once and the scheduler ---------------------------------------------------


def test_a_key_is_enqueued_once(database_tasks):
    first = services.task_enqueue_once(task=task_probes.add_group, key="k1", args=("a",))
    second = services.task_enqueue_once(task=task_probes.add_group, key="k1", args=("a",))
    other = services.task_enqueue_once(task=task_probes.add_group, key="k2", args=("b",))
    assert first is not None and other is not None
    assert second is None
    assert DBTaskResult.objects.count() == 2


def test_enqueue_once_needs_the_database_backend():
    from django.core.exceptions import ImproperlyConfigured

    with pytest.raises(ImproperlyConfigured):
        services.task_enqueue_once(task=task_probes.add_group, key="k", args=("a",))


def test_slots():
    now = datetime.datetime(2026, 12, 4, 10, 7, 31, tzinfo=PARIS)
    assert scheduler.Every(minutes=5).slot_start(now) == datetime.datetime(
        2026, 12, 4, 9, 5, tzinfo=datetime.UTC
    )
    assert scheduler.Every(hours=1).slot_start(now) == datetime.datetime(
        2026, 12, 4, 9, 0, tzinfo=datetime.UTC
    )
    daily = scheduler.DailyAt(hour=6, minute=30)
    assert daily.slot_start(now) == datetime.datetime(2026, 12, 4, 6, 30, tzinfo=PARIS)
    early = datetime.datetime(2026, 12, 4, 5, 0, tzinfo=PARIS)
    assert daily.slot_start(early) == datetime.datetime(2026, 12, 3, 6, 30, tzinfo=PARIS)
    with pytest.raises(ValueError):
        scheduler.Every()


def test_each_slot_is_enqueued_once_however_often_the_scheduler_ticks(database_tasks):
    periodic = [
        scheduler.PeriodicTask(
            "close", "groupbuy.tasks.close_due_group_orders", scheduler.Every(minutes=5)
        )
    ]
    t0 = datetime.datetime(2026, 12, 4, 9, 0, 10, tzinfo=datetime.UTC)
    assert scheduler.tick(periodic, now=t0) == ["periodic:close:2026-12-04T09:00Z"]
    assert scheduler.tick(periodic, now=t0 + datetime.timedelta(minutes=2)) == []
    assert scheduler.tick(periodic, now=t0 + datetime.timedelta(minutes=5)) == [
        "periodic:close:2026-12-04T09:05Z"
    ]
    assert (
        DBTaskResult.objects.filter(task_path="groupbuy.tasks.close_due_group_orders").count() == 2
    )


def test_the_declared_schedule_names_real_tasks(database_tasks):
    from config.schedule import PERIODIC_TASKS

    enqueued = scheduler.tick(PERIODIC_TASKS)
    assert len(enqueued) == len(PERIODIC_TASKS) == 9
    run_worker()
    rows = DBTaskResult.objects.all()
    assert {row.status for row in rows} == {TaskResultStatus.SUCCESSFUL}, [
        row.traceback for row in rows
    ]


# --- e-mail through the queue -----------------------------------------------------------


def test_an_email_is_queued_then_delivered_by_the_worker(queued_email):
    message = mail.EmailMultiAlternatives(
        "Votre commande groupée", "Texte", "bonjour@example.org", ["alice@example.org"]
    )
    message.attach_alternative("<p>Texte</p>", "text/html")
    message.attach("retrait.csv", "nom;quantité\nAlice;3\n", "text/csv")
    assert message.send() == 1
    assert mail.outbox == []
    row = DBTaskResult.objects.get()
    assert row.task_path == "config.taskqueue.tasks.deliver_email"

    run_worker()

    (sent,) = mail.outbox
    assert sent.subject == "Votre commande groupée"
    assert sent.to == ["alice@example.org"]
    assert sent.alternatives[0].content == "<p>Texte</p>"
    assert sent.attachments[0][0] == "retrait.csv"
    assert "Alice;3" in sent.attachments[0][1]
    assert sent.extra_headers["Message-ID"]


def test_a_message_without_recipients_is_not_queued(queued_email):
    assert TaskEmailBackend().send_messages([mail.EmailMessage("x", "y", "a@b.org", [])]) == 0
    assert not DBTaskResult.objects.exists()


def test_signing_up_queues_the_confirmation_email(client, queued_email):
    response = client.post(
        reverse("account_signup"),
        {
            "email": "nouvelle@example.org",
            "password1": "un-mot-de-passe-long",
            "password2": "un-mot-de-passe-long",
        },
    )
    assert response.status_code == 302
    assert mail.outbox == []

    run_worker()

    (sent,) = mail.outbox
    assert sent.to == ["nouvelle@example.org"]


def test_mail_sent_in_a_rolled_back_transaction_is_never_delivered(queued_email):
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        mail.send_mail("Annulé", "…", "a@example.org", ["b@example.org"])
        raise RuntimeError

    run_worker()
    assert mail.outbox == []


# --- the staff page ---------------------------------------------------------------------


@pytest.fixture
def failed_task(database_tasks, settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    result = task_probes.write_then_fail.enqueue("en échec")
    run_worker()
    return DBTaskResult.objects.get(pk=result.id)


def test_staff_see_failed_tasks_and_retry_them(client, failed_task):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("taskqueue:list"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "tests.config.task_probes.write_then_fail" in page
    assert "RuntimeError" in page

    response = client.post(reverse("taskqueue:retry", kwargs={"pk": failed_task.pk}))
    assert response.status_code == 302
    failed_task.refresh_from_db()
    assert failed_task.status == TaskResultStatus.READY
    assert failed_task.worker_ids == []

    # Retrying what is no longer failed says so and changes nothing.
    response = client.post(reverse("taskqueue:retry", kwargs={"pk": failed_task.pk}), follow=True)
    assert "Seule une tâche en échec peut être relancée." in response.content.decode()


def test_the_task_page_is_for_staff_only(client, failed_task):
    url = reverse("taskqueue:list")
    assert client.get(url).status_code == 302  # sign in first
    client.force_login(UserFactory())
    assert client.get(url).status_code == 403
    assert client.post(reverse("taskqueue:retry", kwargs={"pk": failed_task.pk})).status_code == 403
    failed_task.refresh_from_db()
    assert failed_task.status == TaskResultStatus.FAILED


def test_the_task_page_has_empty_states_and_rejects_unknown_lists(client, database_tasks):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(reverse("taskqueue:list"), {"liste": "running"})
    assert response.status_code == 200
    assert response.context["tasks"].count() == 0
    assert client.get(reverse("taskqueue:list"), {"liste": "tout"}).status_code == 404


# --- search index updates ---------------------------------------------------------------


def test_search_index_updates_go_through_the_queue(database_tasks):
    from cms import search
    from tests.factories import ProducerFactory, create_product

    producer = ProducerFactory(name="Vergers du Diois")
    product = create_product(title="Confiture de coings", producer=producer)
    product.save()  # an ordinary ORM save: Wagtail's handler queues the index update
    queued = DBTaskResult.objects.filter(task_path__startswith="modelsearch.tasks.")
    assert queued.exists()
    assert "Confiture de coings" not in {p.title for p in search.search_products("coings")}

    run_worker()

    assert {row.status for row in queued} == {TaskResultStatus.SUCCESSFUL}
    assert "Confiture de coings" in {p.title for p in search.search_products("coings")}


def test_old_successful_tasks_are_pruned_failed_ones_kept(database_tasks, settings):
    settings.TASKS_MAX_ATTEMPTS = 1
    old_ok = task_probes.add_group.enqueue("ancien")
    recent_ok = task_probes.add_group.enqueue("récent")
    old_failed = task_probes.write_then_fail.enqueue("raté")
    run_worker()
    long_ago = timezone.now() - datetime.timedelta(days=8)
    DBTaskResult.objects.filter(pk__in=[old_ok.id, old_failed.id]).update(finished_at=long_ago)

    assert services.task_results_prune(older_than=datetime.timedelta(days=7)) == 1

    assert set(DBTaskResult.objects.values_list("pk", flat=True)) == {
        uuid.UUID(recent_ok.id),
        uuid.UUID(old_failed.id),
    }
