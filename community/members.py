"""Who counts as an active member of the cooperative: the one definition.

An active member has an account that is switched on and a verified e-mail address
(allauth). Only active members write in the community (posts, comments, reactions,
reports); the feed counts them. Other rooms ask here rather than re-deriving the rule.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

if TYPE_CHECKING:
    from .models import User


def _has_verified_email(user: User) -> bool:
    # Cached on the instance: a page asks several times per request.
    cached = getattr(user, "_community_verified_email", None)
    if cached is None:
        cached = EmailAddress.objects.filter(user=user, verified=True).exists()
        user._community_verified_email = cached
    return cached


def is_active_member(user: User | None) -> bool:
    """Signed in, account active, e-mail address verified."""
    return bool(
        user is not None and user.is_authenticated and user.is_active and _has_verified_email(user)
    )


def ensure_active_member(user: User | None) -> None:
    if not is_active_member(user):
        raise PermissionDenied(
            _("Only members with a verified e-mail address may post, comment or react.")
        )


def active_members() -> QuerySet[User]:
    """The same rule as `is_active_member`, as a queryset (counts, lists)."""
    verified = EmailAddress.objects.filter(user=OuterRef("pk"), verified=True)
    return get_user_model().objects.filter(is_active=True).filter(Exists(verified))
