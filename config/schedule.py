"""The periodic jobs, declared once. `manage.py run_scheduler` (or `run_worker
--scheduler`) enqueues each on its schedule; workers run them. Every task here is
idempotent: running one twice does nothing more."""

from config.taskqueue.scheduler import DailyAt, Every, PeriodicTask

PERIODIC_TASKS = [
    PeriodicTask(
        "close-due-group-orders",
        "groupbuy.tasks.close_due_group_orders",
        Every(minutes=5),
    ),
    PeriodicTask(
        "close-due-distributions",
        "shop.distributions.closing.tasks.close_due_distributions",
        Every(minutes=5),
    ),
    PeriodicTask(
        "release-unpaid-settlements",
        "groupbuy.tasks.release_unpaid_settlements",
        Every(hours=1),
    ),
    PeriodicTask(
        "renew-card-authorizations",
        "groupbuy.tasks.renew_card_authorizations",
        Every(hours=1),
    ),
    PeriodicTask(
        "freshness-reminders",
        "shop.impact.tasks.send_freshness_reminders",
        DailyAt(hour=6, minute=30),
    ),
    PeriodicTask(
        "pull-currency-operator-transfers",
        "shop.wallet.currencies.tasks.pull_operator_transfers",
        Every(minutes=15),
    ),
    PeriodicTask(
        "issue-missing-invoices",
        "shop.invoicing.tasks.issue_missing_invoices",
        Every(hours=1),
    ),
    PeriodicTask(
        "shift-reminders",
        "shop.distributions.shifts.tasks.send_shift_reminders",
        Every(hours=1),
    ),
    PeriodicTask(
        "prune-task-results",
        "config.taskqueue.tasks.prune_task_results",
        DailyAt(hour=3, minute=15),
    ),
]
