"""Act on group order card authorizations before Stripe lets them lapse.

Run it hourly from cron (``30 * * * * manage.py groupbuy_renew_authorizations``). An
authorization (manual capture) lasts about 7 days at Stripe (the charge's
``payment_method_details.card.capture_before``; creation + 7 days when Stripe does not
say). For every authorization less than GROUPBUY_RENEW_WITHIN_HOURS (24) from that
deadline:

* the group order is confirmed and the member's order awaits payment → capture it now
  (exactly the order total);
* the group order is still open or closed (not confirmed) → the authorization is
  cancelled and the member is switched to a saved card (SetupIntent), charged
  off-session at confirmation; they get an e-mail with the link to save their card;
* nothing to pay any more (cancelled group order, nothing allocated) → cancelled.
"""

import datetime

from django.core.management.base import BaseCommand

from groupbuy.settlement import collection


class Command(BaseCommand):
    help = "Capture, cancel or switch group order authorizations close to expiry (hourly)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--within-hours", type=float, default=None, help="default: settings, 24"
        )

    def handle(self, *args, **options):
        within = options["within_hours"]
        counts = collection.authorizations_renew(
            within=None if within is None else datetime.timedelta(hours=within)
        )
        if not counts:
            self.stdout.write("Card payments are not configured: nothing to do.")
            return
        summary = ", ".join(f"{count} {name}" for name, count in counts.items())
        self.stdout.write(self.style.SUCCESS(f"Authorizations: {summary}."))
