"""Close every open group order whose deadline has passed, and allocate it.

Run it every few minutes from cron (e.g. ``*/5 * * * * manage.py close_due_group_orders``).
It is idempotent: a group order is closed once, under its row lock, so a second run, or
two runs at the same time, close nothing more.
"""

from django.core.management.base import BaseCommand
from django.utils import timezone

from groupbuy.orders import services


class Command(BaseCommand):
    help = (
        "Close and allocate the open group orders whose deadline has passed. Run every few "
        "minutes by cron; running it again closes nothing more (idempotent)."
    )

    def handle(self, *args, **options):
        closed = services.group_orders_close_due(now=timezone.now())
        for group_order in closed:
            self.stdout.write(
                f"Closed group order #{group_order.pk} “{group_order.title}” "
                f"({group_order.group.name}), deadline {group_order.closes_at:%Y-%m-%d %H:%M %Z}"
            )
        if closed:
            self.stdout.write(self.style.SUCCESS(f"{len(closed)} group order(s) closed."))
        elif options["verbosity"] >= 2:
            self.stdout.write("Nothing to close.")
