import pytest

DATABASE_TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.backend.DatabaseBackend",
        "OPTIONS": {"id_function": "config.taskqueue.ids.next_task_id"},
    }
}


@pytest.fixture
def database_tasks(settings):
    """The production task backend: tasks are queued in the database, a worker runs them."""
    settings.TASKS = DATABASE_TASKS
    return settings


@pytest.fixture
def queued_email(database_tasks):
    """E-mails go through the queue, as in production; delivered into mail.outbox."""
    database_tasks.EMAIL_BACKEND = "config.taskqueue.mail.TaskEmailBackend"
    database_tasks.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    return database_tasks
