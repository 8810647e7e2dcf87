"""E-mail producers whose impact claims expire soon (run daily by cron)."""

from __future__ import annotations

import argparse
import datetime

from django.core.management.base import BaseCommand

from shop.impact.freshness import REMINDER_WINDOW_DAYS, freshness_reminders_send


def parse_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"Invalid date {value!r}: expected YYYY-MM-DD.") from error


class Command(BaseCommand):
    help = (
        f"Send each producer whose claims expire within {REMINDER_WINDOW_DAYS} days a "
        "reminder e-mail with a one-click “toujours exact” link (at most one per producer "
        "and day, so running it twice is harmless). Meant to run daily from cron, e.g. "
        "`30 7 * * * manage.py remind_stale_data`."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--date",
            type=parse_date,
            default=None,
            help="Act as if today were this date (YYYY-MM-DD), for tests or a backfill.",
        )

    def handle(self, *args, **options):
        count = freshness_reminders_send(today=options["date"])
        self.stdout.write(self.style.SUCCESS(f"{count} producer(s) reminded."))
