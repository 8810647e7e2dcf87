"""Release the group order lines still unpaid after their grace period.

Run it hourly from cron (``0 * * * * manage.py groupbuy_release_unpaid``). A member whose
card charge failed at confirmation has GROUPBUY_PAYMENT_GRACE_HOURS (48) to pay on the
group order's payment page; after that their order is cancelled and its units are
offered to the members still queued for them, in the allocation's order (a
supplementary order, paid at pickup). The cases ordered from the producer do not
change. Idempotent: a released order is not released again.
"""

from django.core.management.base import BaseCommand

from groupbuy.settlement import release


class Command(BaseCommand):
    help = "Release group order lines still unpaid after the grace period (cron, hourly)."

    def handle(self, *args, **options):
        released = release.settlements_release_unpaid()
        for row in released:
            self.stdout.write(f"Released order {row.order.number} ({row.member})")
        if released or options["verbosity"] >= 2:
            self.stdout.write(self.style.SUCCESS(f"{len(released)} order(s) released."))
