"""What the cooperative holds about a member, kind by kind: the contents of their data
export (one CSV file per kind, one key per kind in the JSON file).

Each kind reads only rows that belong to the member (their own posts, comments,
orders...): nothing written by another member goes into their export. A reference to
someone else's content (the post commented on, the need supported) is its number only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.db.models import QuerySet, Sum
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy
from oscar.core.loading import get_model

from community.models import (
    ApplicationOpinion,
    ClaimOpinion,
    CollegeMembership,
    Comment,
    Need,
    NeedSupport,
    Post,
    ProducerFeedback,
    ProductFeedback,
    Reaction,
    Report,
)
from groupbuy.models import Commitment, Membership

if TYPE_CHECKING:
    from community.models import User

Order = get_model("order", "Order")
Line = get_model("order", "Line")
UserAddress = get_model("address", "UserAddress")

Row = dict[str, Any]


@dataclass(frozen=True)
class DataKind:
    """One kind of the member's data: a CSV file in the export, a key of its JSON."""

    name: str  # file name without extension, JSON key
    description: Promise
    columns: tuple[str, ...]
    rows: Callable[[User], list[Row]]


def _values(queryset: QuerySet, columns: Sequence[tuple[str, str]]) -> list[Row]:
    """Rows of `queryset` as {column: value}, read with `.values()` (one query)."""
    lookups = [lookup for _column, lookup in columns]
    return [
        {column: row[lookup] for column, lookup in columns} for row in queryset.values(*lookups)
    ]


def _kind(
    name: str,
    description: Promise,
    columns: Sequence[tuple[str, str]],
    queryset: Callable[[User], QuerySet],
) -> DataKind:
    return DataKind(
        name=name,
        description=description,
        columns=tuple(column for column, _lookup in columns),
        rows=lambda member: _values(queryset(member), columns),
    )


def _feedback_rows(member: User) -> list[Row]:
    columns = ("subject", "rating", "text", "verified_purchase", "created_at")
    rows = []
    for kind, model, subject in (
        ("product", ProductFeedback, "product__title"),
        ("producer", ProducerFeedback, "producer__name"),
    ):
        for row in model.objects.filter(author=member).values(subject, *columns[1:]):
            rows.append(
                {"about": kind, "subject": row[subject], **{c: row[c] for c in columns[1:]}}
            )
    return rows


KINDS: tuple[DataKind, ...] = (
    _kind(
        "profil",
        gettext_lazy("Your account: member number, names, e-mail, dates."),
        [
            ("member_number", "pk"),
            ("email", "email"),
            ("first_name", "first_name"),
            ("last_name", "last_name"),
            ("display_name", "display_name"),
            ("date_joined", "date_joined"),
            ("last_login", "last_login"),
        ],
        lambda member: get_user_model().objects.filter(pk=member.pk),
    ),
    _kind(
        "adresses_email",
        gettext_lazy("Your e-mail addresses and whether they are verified."),
        [("email", "email"), ("primary", "primary"), ("verified", "verified")],
        lambda member: EmailAddress.objects.filter(user=member).order_by("pk"),
    ),
    _kind(
        "adresses",
        gettext_lazy("Your address book."),
        [
            ("first_name", "first_name"),
            ("last_name", "last_name"),
            ("line1", "line1"),
            ("line2", "line2"),
            ("line3", "line3"),
            ("city", "line4"),
            ("postcode", "postcode"),
            ("country", "country__printable_name"),
            ("phone_number", "phone_number"),
            ("notes", "notes"),
            ("default_for_shipping", "is_default_for_shipping"),
            ("default_for_billing", "is_default_for_billing"),
            ("created_at", "date_created"),
        ],
        lambda member: UserAddress.objects.filter(user=member).order_by("pk"),
    ),
    _kind(
        "commandes",
        gettext_lazy("Your orders (the lines are in lignes_de_commande)."),
        [
            ("number", "number"),
            ("placed_at", "date_placed"),
            ("status", "status"),
            ("total_incl_tax", "total_incl_tax"),
            ("total_excl_tax", "total_excl_tax"),
            ("currency", "currency"),
            ("delivery", "shipping_method"),
            ("pickup_point", "pickup__point__name"),
            ("pickup_day", "pickup__day"),
            ("delivery_name_first", "shipping_address__first_name"),
            ("delivery_name_last", "shipping_address__last_name"),
            ("delivery_line1", "shipping_address__line1"),
            ("delivery_postcode", "shipping_address__postcode"),
            ("delivery_city", "shipping_address__line4"),
        ],
        lambda member: Order.objects.filter(user=member).order_by("date_placed", "pk"),
    ),
    _kind(
        "lignes_de_commande",
        gettext_lazy("The lines of your orders."),
        [
            ("order_number", "order__number"),
            ("product", "title"),
            ("producer", "partner_name"),
            ("quantity", "quantity"),
            ("unit_price_incl_tax", "unit_price_incl_tax"),
            ("line_price_incl_tax", "line_price_incl_tax"),
        ],
        lambda member: Line.objects.filter(order__user=member).order_by("order__pk", "pk"),
    ),
    _kind(
        "engagements",
        gettext_lazy("Your commitments in group orders."),
        [
            ("group", "offer__group_order__group__name"),
            ("group_order", "offer__group_order__title"),
            ("group_order_state", "offer__group_order__state"),
            ("product", "offer__product__title"),
            ("units", "units"),
            ("tolerance", "tolerance"),
            ("created_at", "created_at"),
            ("updated_at", "updated_at"),
        ],
        lambda member: (
            Commitment.objects.filter(member=member)
            .annotate(units=Sum("parts__quantity"))
            .order_by("created_at", "pk")
        ),
    ),
    _kind(
        "groupes_d_achat",
        gettext_lazy("The buying groups you belong to."),
        [
            ("group", "group__name"),
            ("role", "role"),
            ("status", "status"),
            ("joined_at", "joined_at"),
        ],
        lambda member: Membership.objects.filter(user=member).order_by("joined_at", "pk"),
    ),
    _kind(
        "publications",
        gettext_lazy("Your posts in the community feed."),
        [
            ("id", "pk"),
            ("created_at", "created_at"),
            ("edited_at", "edited_at"),
            ("text", "body"),
            ("image", "image"),
            ("producer", "producer__name"),
            ("product", "product__title"),
            ("group_order", "group_order__title"),
            ("hidden_at", "hidden_at"),
        ],
        lambda member: Post.objects.filter(author=member).order_by("created_at", "pk"),
    ),
    _kind(
        "commentaires",
        gettext_lazy("Your comments (the post commented on is named by its number)."),
        [
            ("id", "pk"),
            ("post", "post_id"),
            ("created_at", "created_at"),
            ("edited_at", "edited_at"),
            ("text", "body"),
            ("hidden_at", "hidden_at"),
        ],
        lambda member: Comment.objects.filter(author=member).order_by("created_at", "pk"),
    ),
    _kind(
        "reactions",
        gettext_lazy("Your reactions to posts."),
        [("post", "post_id"), ("reaction", "kind"), ("created_at", "created_at")],
        lambda member: Reaction.objects.filter(user=member).order_by("created_at", "pk"),
    ),
    _kind(
        "signalements",
        gettext_lazy("The posts and comments you reported."),
        [
            ("post", "post_id"),
            ("comment", "comment_id"),
            ("reason", "reason"),
            ("status", "status"),
            ("created_at", "created_at"),
        ],
        lambda member: Report.objects.filter(reporter=member).order_by("created_at", "pk"),
    ),
    _kind(
        "avis_allegations",
        gettext_lazy("Your opinions on producers' claims (participatory guarantee)."),
        [
            ("claim", "claim_id"),
            ("criterion", "claim__criterion__name"),
            ("producer", "claim__producer__name"),
            ("product", "claim__product__title"),
            ("college", "college__category"),
            ("verdict", "verdict"),
            ("comment", "comment"),
            ("evidence", "evidence"),
            ("visit_report", "visit_report"),
            ("created_at", "created_at"),
        ],
        lambda member: ClaimOpinion.objects.filter(member=member).order_by("created_at", "pk"),
    ),
    _kind(
        "avis_candidatures",
        gettext_lazy("Your opinions on producers' applications."),
        [
            ("producer", "application__producer__name"),
            ("college", "college__category"),
            ("recommendation", "recommendation"),
            ("opinion", "opinion"),
            ("visit_report", "visit_report"),
            ("created_at", "created_at"),
        ],
        lambda member: ApplicationOpinion.objects.filter(member=member).order_by(
            "created_at", "pk"
        ),
    ),
    DataKind(
        name="retours",
        description=gettext_lazy("Your reviews of products and producers."),
        columns=("about", "subject", "rating", "text", "verified_purchase", "created_at"),
        rows=_feedback_rows,
    ),
    _kind(
        "besoins",
        gettext_lazy("The needs you posted on the needs board."),
        [
            ("id", "pk"),
            ("title", "title"),
            ("details", "description"),
            ("status", "status"),
            ("created_at", "created_at"),
        ],
        lambda member: Need.objects.filter(author=member).order_by("created_at", "pk"),
    ),
    _kind(
        "soutiens_besoins",
        gettext_lazy("The needs you supported (named by their number)."),
        [("need", "need_id"), ("created_at", "created_at")],
        lambda member: NeedSupport.objects.filter(user=member).order_by("created_at", "pk"),
    ),
    _kind(
        "colleges",
        gettext_lazy("Your memberships of the guarantee's stakeholder colleges."),
        [
            ("college", "college__category"),
            ("status", "status"),
            ("motivation", "motivation"),
            ("requested_at", "requested_at"),
            ("confirmed_at", "confirmed_at"),
        ],
        lambda member: CollegeMembership.objects.filter(user=member).order_by("requested_at"),
    ),
)


def member_data(member: User) -> dict[str, list[Row]]:
    """Every kind of the member's data, by kind name, in the order of KINDS."""
    return {kind.name: kind.rows(member) for kind in KINDS}


def plain(value: Any) -> Any:
    """A value as JSON and CSV can hold it: dates in ISO 8601, amounts as strings."""
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, (datetime.datetime, datetime.date, datetime.time)):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)  # phone numbers, file names
