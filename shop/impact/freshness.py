"""Data that stays fresh: remind producers of claims about to expire, and let them
confirm with one click ("toujours exact") that their self-declared claims still hold.

`freshness_reminders_send` runs daily (management command `remind_stale_data`). Each
reminder e-mail carries one signed link, valid for 14 days and usable once; following it
renews, for one more validity period, the reminder's self-declared claims that were not
renewed meanwhile. Third-party certified claims are listed for information only: they
need a new certificate.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from .models import Claim, FreshnessReminder
from .services import claim_renew

Partner = get_model("partner", "Partner")

REMINDER_WINDOW_DAYS = 30
REMINDER_INTERVAL_DAYS = 7
LINK_VALIDITY = datetime.timedelta(days=14)
TOKEN_SALT = "impact.freshness"
#: How old a signed token may be; a module constant so tests can shorten it.
TOKEN_MAX_AGE = LINK_VALIDITY
EMAIL_LANGUAGE = "fr"
EMAIL_TEMPLATE = "impact/email/freshness_reminder"


class FreshnessLinkError(Exception):
    """A "toujours exact" link that cannot be used; `code` is invalid, expired or used."""

    INVALID, EXPIRED, USED = "invalid", "expired", "used"

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


@dataclass(frozen=True)
class RenewalPlan:
    """What following a reminder's link renews, and what it leaves alone."""

    to_renew: list[Claim]
    already_renewed: list[Claim]
    third_party: list[Claim]


@dataclass(frozen=True)
class RenewalResult:
    reminder: FreshnessReminder
    renewed: list[Claim]
    already_renewed: list[Claim]
    third_party: list[Claim]


# --- Sending reminders -------------------------------------------------------------------


def freshness_reminders_send(
    *, today: datetime.date | None = None, within_days: int = REMINDER_WINDOW_DAYS
) -> int:
    """E-mail every producer whose current claims expire within `within_days` days.

    At most one reminder per producer and day, and none within a week of the previous
    one. Returns how many producers were reminded.
    """
    today = today or timezone.localdate()
    claims_by_producer = _expiring_claims_by_producer(today, within_days)
    # A producer reminded less than a week ago is left alone: daily cron, weekly e-mails.
    recently_reminded = set(
        FreshnessReminder.objects.filter(
            sent_on__gt=today - datetime.timedelta(days=REMINDER_INTERVAL_DAYS),
            sent_on__lt=today,
        ).values_list("producer_id", flat=True)
    )
    for producer_id in recently_reminded:
        claims_by_producer.pop(producer_id, None)
    producers = Partner.objects.in_bulk(list(claims_by_producer))
    return sum(
        _remind_producer(producers[pk], claims, today=today)
        for pk, claims in claims_by_producer.items()
    )


def _expiring_claims_by_producer(today: datetime.date, within_days: int) -> dict[int, list]:
    claims = (
        Claim.objects.expiring_within(within_days, today)
        # Producers who left the charter are no longer asked to keep their data fresh.
        .exclude(producer__charter_status="sorti")
        .select_related("criterion", "product__parent")
        .order_by("producer_id", "valid_until", "pk")
    )
    grouped: dict[int, list] = defaultdict(list)
    for claim in claims:
        grouped[claim.producer_id].append(claim)
    return grouped


def _remind_producer(producer, claims: list[Claim], *, today: datetime.date) -> bool:
    """Create today's reminder and send it; False if it already existed or nobody to
    write to. The e-mail goes out inside the transaction: if sending fails, the reminder
    is rolled back and the next run tries again."""
    recipients = reminder_recipients(producer)
    if not recipients:
        return False
    with transaction.atomic():
        reminder, created = FreshnessReminder.objects.get_or_create(
            producer=producer,
            sent_on=today,
            defaults={"expires_at": timezone.now() + LINK_VALIDITY},
        )
        if not created:
            return False
        reminder.claims.set(claims)
        build_reminder_email(reminder, claims, recipients).send()
    return True


def reminder_recipients(producer) -> list[str]:
    """The producer's active users, then its contact e-mail, without duplicates."""
    addresses = list(
        producer.users.filter(is_active=True).exclude(email="").values_list("email", flat=True)
    )
    if producer.email:
        addresses.append(producer.email)
    unique: dict[str, str] = {}
    for address in addresses:
        unique.setdefault(address.lower(), address)
    return list(unique.values())


def absolute_url(path: str) -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def make_token(reminder: FreshnessReminder) -> str:
    return signing.dumps({"reminder": reminder.pk}, salt=TOKEN_SALT)


def build_reminder_email(
    reminder: FreshnessReminder, claims: list[Claim], recipients: list[str]
) -> EmailMultiAlternatives:
    with translation.override(EMAIL_LANGUAGE):
        context = _email_context(reminder, claims)
        subject = render_to_string(f"{EMAIL_TEMPLATE}_subject.txt", context)
        body = render_to_string(f"{EMAIL_TEMPLATE}_body.txt", context)
        html = render_to_string(f"{EMAIL_TEMPLATE}_body.html", context)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=recipients,
    )
    message.attach_alternative(html, "text/html")
    return message


def _email_context(reminder: FreshnessReminder, claims: list[Claim]) -> dict:
    producer = reminder.producer
    rows: list[dict[str, Any]] = [
        {
            "claim": claim,
            "edit_url": absolute_url(
                reverse(
                    "impact-dashboard:claim-update",
                    kwargs={"pk": producer.pk, "claim_pk": claim.pk},
                )
            ),
        }
        for claim in claims
    ]
    token_path = reverse("impact:always-accurate", kwargs={"token": make_token(reminder)})
    return {
        "producer": producer,
        "reminder": reminder,
        "self_declared": [r for r in rows if r["claim"].source == Claim.Source.SELF_DECLARED],
        "third_party": [r for r in rows if r["claim"].source == Claim.Source.THIRD_PARTY],
        "confirm_url": absolute_url(token_path),
        "dashboard_url": absolute_url(reverse("impact-dashboard:producer-list")),
        "link_days": LINK_VALIDITY.days,
    }


# --- The one-click "toujours exact" link ---------------------------------------------------


def _reminder_pk(token: str) -> int:
    try:
        data = signing.loads(token, salt=TOKEN_SALT, max_age=TOKEN_MAX_AGE)
    except signing.SignatureExpired as error:
        raise FreshnessLinkError(FreshnessLinkError.EXPIRED, _("This link has expired.")) from error
    except signing.BadSignature as error:
        raise FreshnessLinkError(
            FreshnessLinkError.INVALID, _("This link is not valid.")
        ) from error
    if not isinstance(data, dict) or not isinstance(data.get("reminder"), int):
        raise FreshnessLinkError(FreshnessLinkError.INVALID, _("This link is not valid."))
    return data["reminder"]


def _check_usable(reminder: FreshnessReminder | None) -> FreshnessReminder:
    if reminder is None:
        raise FreshnessLinkError(FreshnessLinkError.INVALID, _("This link is not valid."))
    if reminder.used_at is not None:
        raise FreshnessLinkError(FreshnessLinkError.USED, _("This link has already been used."))
    if reminder.expires_at <= timezone.now():
        raise FreshnessLinkError(FreshnessLinkError.EXPIRED, _("This link has expired."))
    return reminder


def reminder_from_token(token: str) -> FreshnessReminder:
    """The usable reminder behind `token`, or FreshnessLinkError. Changes nothing."""
    pk = _reminder_pk(token)
    reminder = FreshnessReminder.objects.select_related("producer").filter(pk=pk).first()
    return _check_usable(reminder)


def plan_renewal(reminder: FreshnessReminder) -> RenewalPlan:
    """Split the reminder's claims: self-declared ones still to renew, self-declared ones
    renewed since the reminder was sent, and third-party ones (never renewed here).

    A claim counts as renewed once its validity reaches a full period counted from the
    day of the reminder (what renewing it that day would have given)."""
    claims = reminder.claims.select_related("criterion", "product__parent").order_by(
        "valid_until", "pk"
    )
    plan = RenewalPlan(to_renew=[], already_renewed=[], third_party=[])
    for claim in claims:
        if claim.source != Claim.Source.SELF_DECLARED:
            plan.third_party.append(claim)
        elif claim.valid_until < claim.criterion.default_valid_until(reminder.sent_on):
            plan.to_renew.append(claim)
        else:
            plan.already_renewed.append(claim)
    return plan


@transaction.atomic
def freshness_reminder_renew(*, token: str, today: datetime.date | None = None) -> RenewalResult:
    """Follow a "toujours exact" link: renew its self-declared claims, once.

    The reminder row is locked, so two simultaneous clicks renew only once.
    """
    pk = _reminder_pk(token)
    locked = FreshnessReminder.objects.select_for_update(of=("self",)).select_related("producer")
    reminder = _check_usable(locked.filter(pk=pk).first())
    reminder.used_at = timezone.now()
    reminder.save(update_fields=["used_at"])
    plan = plan_renewal(reminder)
    renewed = [claim_renew(claim=claim, today=today) for claim in plan.to_renew]
    return RenewalResult(
        reminder=reminder,
        renewed=renewed,
        already_renewed=plan.already_renewed,
        third_party=plan.third_party,
    )
