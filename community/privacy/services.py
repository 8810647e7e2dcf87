"""Members' data rights (RGPD): the export of everything held about a member, and the
erasure of their account. Both are logged (PrivacyLogEntry), whether the member acts
on their own account or staff act on a member's request.

Erasure keeps what the law or the community needs and cuts it from the person:
* orders stay for accounting (commercial records are kept 10 years), detached from the
  account, with the billing name and e-mail written on the order itself (a billing
  address and Oscar's `guest_email`);
* posts, comments, needs, reviews and opinions on claims stay, signed "Former member"
  ("Ancien membre"): threads other members answered keep their sense, and the
  guarantee's quorums do not change after the fact;
* the account row stays, emptied (no name, a dead e-mail address, no password, inactive),
  so that group order history and those posts point to it; everything else personal
  (addresses, e-mail addresses, sessions, baskets, memberships, saved cards...) is
  deleted.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from dataclasses import dataclass, field
from typing import IO, TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.apps import apps
from django.conf import settings
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from oscar.core.loading import get_model

from community.models import CollegeMembership
from groupbuy.models import Membership, StripeCustomer
from shop.checkout.forms import france

from . import inventory, selectors, tasks
from .models import PrivacyLogEntry

if TYPE_CHECKING:
    from community.models import User

Order = get_model("order", "Order")
BillingAddress = get_model("order", "BillingAddress")

#: Where erased accounts' e-mail addresses point: `.invalid` can never be delivered.
ERASED_EMAIL_DOMAIN = "anonyme.invalid"
ARCHIVE_JSON = "donnees.json"
ARCHIVE_README = "LISEZMOI.txt"


# --- export ----------------------------------------------------------------------------


@dataclass
class DataExport:
    """A ZIP archive of the member's data, in a temporary file open at its start."""

    file: IO[bytes]
    filename: str
    counts: dict[str, int] = field(default_factory=dict)


def _csv_bytes(columns: tuple[str, ...], rows: list[inventory.Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if row[c] is None else inventory.plain(row[c]) for c in columns])
    # With a byte order mark, spreadsheets open the accents right.
    return buffer.getvalue().encode("utf-8-sig")


def _readme(member: User, generated_at: str) -> str:
    lines = [
        _("Panier Commun: the data we hold about member no. %(number)s, on %(date)s.")
        % {"number": member.pk, "date": generated_at},
        "",
        _("%(file)s holds everything; each CSV file holds one kind of data:")
        % {"file": ARCHIVE_JSON},
        "",
    ]
    lines += [f"- {kind.name}.csv: {kind.description}" for kind in inventory.KINDS]
    return "\n".join(lines) + "\n"


def member_data_export(*, member: User, actor: User, reason: str = "") -> DataExport:
    """Everything held about `member` as a ZIP (one JSON file with all of it, one CSV per
    kind), and the log entry saying who asked for it."""
    with transaction.atomic():
        data = inventory.member_data(member)
        now = timezone.now()
        document = {
            "member_number": member.pk,
            "generated_at": now.isoformat(),
            "data": {
                name: [{k: inventory.plain(v) for k, v in row.items()} for row in rows]
                for name, rows in data.items()
            },
        }
        # Closed by whoever streams it (FileResponse closes it once sent).
        archive = tempfile.TemporaryFile()  # noqa: SIM115
        with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            zipped.writestr(ARCHIVE_README, _readme(member, now.isoformat()))
            zipped.writestr(ARCHIVE_JSON, json.dumps(document, ensure_ascii=False, indent=2))
            for kind in inventory.KINDS:
                zipped.writestr(f"{kind.name}.csv", _csv_bytes(kind.columns, data[kind.name]))
        archive.seek(0)
        counts = {name: len(rows) for name, rows in data.items()}
        _log(
            PrivacyLogEntry.Action.EXPORT, member=member, actor=actor, reason=reason, details=counts
        )
    filename = f"panier-commun-donnees-{member.pk}-{timezone.localdate():%Y-%m-%d}.zip"
    return DataExport(file=archive, filename=filename, counts=counts)


def _log(action: str, *, member: User, actor: User, reason: str, details: dict) -> None:
    PrivacyLogEntry.objects.create(
        action=action,
        member=member,
        member_number=member.pk,
        actor=actor,
        by_staff=actor.pk != member.pk,
        reason=reason.strip(),
        details=details,
    )


# --- erasure ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Erasure:
    member: User
    already_erased: bool
    counts: dict[str, int] = field(default_factory=dict)


def _billing_name(member: User) -> tuple[str, str]:
    if member.first_name or member.last_name:
        return member.first_name, member.last_name
    return "", member.display_name


def _keep_orders_for_accounting(member: User) -> int:
    """Detach the member's orders from the account, keeping on each order the name and
    e-mail it was billed to. Returns how many orders were kept."""
    first_name, last_name = _billing_name(member)
    orders = list(
        Order.objects.filter(user=member).select_related("billing_address", "shipping_address")
    )
    for order in orders:
        if order.billing_address is None:
            shipping = order.shipping_address
            order.billing_address = BillingAddress.objects.create(
                first_name=first_name,
                last_name=last_name,
                country=shipping.country if shipping is not None else france(),
            )
        order.guest_email = order.guest_email or member.email
        order.user = None
        order.save(update_fields=["billing_address", "guest_email", "user"])
    return len(orders)


def _personal_rows(member: User) -> dict[str, QuerySet]:
    """What is deleted outright, by kind: it identifies the person and nobody else
    needs it once they have left."""
    oscar = {
        "addresses": ("address", "UserAddress", "user"),
        "baskets": ("basket", "Basket", "owner"),
        "wishlists": ("wishlists", "WishList", "owner"),
        "bank_cards": ("payment", "Bankcard", "user"),
        "sent_emails": ("communication", "Email", "user"),
        "notifications": ("communication", "Notification", "recipient"),
        "browsing_history": ("analytics", "UserProductView", "user"),
        "search_history": ("analytics", "UserSearch", "user"),
        "shop_statistics": ("analytics", "UserRecord", "user"),
        "product_reviews": ("reviews", "ProductReview", "user"),
        "review_votes": ("reviews", "Vote", "user"),
        "wagtail_profile": ("wagtailusers", "UserProfile", "user"),
        "wagtail_subscriptions": ("wagtailcore", "PageSubscription", "user"),
        "wagtail_editing_sessions": ("wagtailadmin", "EditingSession", "user"),
    }
    rows = {
        name: apps.get_model(label, model).objects.filter(**{field: member})
        for name, (label, model, field) in oscar.items()
    }
    ProductAlert = get_model("customer", "ProductAlert")
    rows["product_alerts"] = ProductAlert.objects.filter(
        Q(user=member) | Q(email__iexact=member.email)
    )
    rows["email_addresses"] = EmailAddress.objects.filter(user=member)
    rows["college_memberships"] = CollegeMembership.objects.filter(user=member)
    rows["buying_group_memberships"] = Membership.objects.filter(user=member)
    rows["stripe_customers"] = StripeCustomer.objects.filter(user=member)
    return rows


def _delete_sessions(member: User) -> int:
    """Sign the member out everywhere (database sessions; other engines are already
    refused by the changed password hash and the inactive account)."""
    if settings.SESSION_ENGINE != "django.contrib.sessions.backends.db":
        return 0
    key = str(member.pk)
    live = Session.objects.filter(expire_date__gt=timezone.now())
    doomed = [s.pk for s in live.iterator() if s.get_decoded().get(SESSION_KEY) == key]
    Session.objects.filter(pk__in=doomed).delete()
    return len(doomed)


def _empty_account(member: User) -> None:
    member.email = f"ancien-membre-{member.pk}@{ERASED_EMAIL_DOMAIN}"
    member.first_name = member.last_name = member.display_name = ""
    member.set_unusable_password()
    member.is_active = member.is_staff = member.is_superuser = False
    member.last_login = None
    member.erased_at = timezone.now()
    member.save()
    member.groups.clear()
    member.user_permissions.clear()
    member.partners.clear()


def member_erase(*, member: User, actor: User, reason: str = "") -> Erasure:
    """Erase `member`'s account (see the module's docstring for what stays).

    Refused, with nothing changed, while an order awaits payment or a commitment is
    open (ValidationError with one French message per reason). Erasing an erased
    account does nothing (and is not logged again)."""
    with transaction.atomic():
        locked = get_user_model().objects.select_for_update().get(pk=member.pk)
        if locked.is_erased:
            return Erasure(member=locked, already_erased=True)
        blockers = selectors.erasure_blockers(locked)
        if blockers:
            raise ValidationError(blockers, code="erasure_blocked")
        counts = {"orders_kept": _keep_orders_for_accounting(locked)}
        personal = _personal_rows(locked)
        customer_ids = list(personal["stripe_customers"].values_list("customer_id", flat=True))
        for name, rows in personal.items():
            # Count the rows of the kind itself, not what cascaded with them.
            counts[name] = rows.delete()[1].get(rows.model._meta.label, 0)
        counts["sessions"] = _delete_sessions(locked)
        _empty_account(locked)
        _log(
            PrivacyLogEntry.Action.ERASE, member=locked, actor=actor, reason=reason, details=counts
        )
        if customer_ids:
            transaction.on_commit(lambda: tasks.stripe_customers_delete.enqueue(customer_ids))
    return Erasure(member=locked, already_erased=False, counts=counts)
