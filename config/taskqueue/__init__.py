"""The task queue runtime: Django's task API on django-tasks-db, run by our worker.

- `worker`: claims ready tasks, runs each in one transaction holding its row lock, so
  a task's writes and its SUCCESSFUL mark commit together; a killed worker's task rolls
  back and is recovered; failures are retried with backoff, then marked FAILED.
- `scheduler`: enqueues the periodic tasks of `config/schedule.py` once per slot, whatever
  the number of schedulers running (the slot is the task's primary key).
- `mail`: an e-mail backend that enqueues each message; a task delivers it.
- `services`/`selectors`/`views`: the staff page of failed tasks, with retry.
"""
