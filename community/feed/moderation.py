"""Who may write, how often, and what facilitators do with reports.

- Writing (post, comment, reaction, report) is for active members
  (community/members.py: account active, e-mail address verified).
- Rate limits are the site's one limiter (shop/ratelimit.py, set by
  ``settings.RATE_LIMITS``): posting past them raises ``RateLimited``.
- Facilitators (the "community.moderate" permission, or the "Animateurs" group) hide and
  restore posts and comments with a written reason; each decision is logged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from community.members import ensure_active_member
from shop.ratelimit import rate_limit_hit

from .models import Comment, ModerationAction, Post, Report

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from community.models import User

FACILITATORS_GROUP = "Animateurs"
MODERATE_PERMISSION = "community.moderate"


def is_facilitator(user: User | AnonymousUser | None) -> bool:
    if user is None or not user.is_authenticated:
        return False
    cached = getattr(user, "_community_facilitator", None)
    if cached is None:
        cached = (
            user.has_perm(MODERATE_PERMISSION)
            or user.groups.filter(name=FACILITATORS_GROUP).exists()
        )
        # Cached on the user object: a page asks once per request, not once per post.
        setattr(user, "_community_facilitator", cached)  # noqa: B010
    return cached


def ensure_facilitator(user: User | None) -> None:
    if not is_facilitator(user):
        raise PermissionDenied(_("Only facilitators may moderate the community."))


def _clean_reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 3:
        raise ValidationError(_("Write the reason for this decision."), code="reason_required")
    return reason


@transaction.atomic
def report_create(
    *, reporter: User, reason: str, post: Post | None = None, comment: Comment | None = None
) -> Report:
    """A member reports a post or a comment: it goes to the moderation queue."""
    ensure_active_member(reporter)
    if (post is None) == (comment is None):
        raise ValueError("report exactly one post or one comment")
    reason = _clean_reason(reason)
    rate_limit_hit(user=reporter, action="report")
    existing = Report.objects.filter(
        post=post, comment=comment, reporter=reporter, status=Report.Status.OPEN
    ).first()
    if existing:
        return existing
    return Report.objects.create(post=post, comment=comment, reporter=reporter, reason=reason)


def _close_reports(target: Post | Comment, *, actor: User, decision: str) -> None:
    field = "post" if isinstance(target, Post) else "comment"
    Report.objects.filter(**{field: target}, status=Report.Status.OPEN).update(
        status=Report.Status.CLOSED,
        handled_by=actor,
        handled_at=timezone.now(),
        decision=decision,
    )


def _log(target: Post | Comment, *, actor: User, action: str, reason: str) -> ModerationAction:
    field = "post" if isinstance(target, Post) else "comment"
    return ModerationAction.objects.create(
        **{field: target}, actor=actor, action=action, reason=reason
    )


@transaction.atomic
def content_hide(*, target: Post | Comment, actor: User, reason: str) -> Post | Comment:
    """Hide a post or a comment: others no longer see it, its author sees why."""
    ensure_facilitator(actor)
    reason = _clean_reason(reason)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    target.hidden_at = timezone.now()
    target.hidden_by = actor
    target.hidden_reason = reason
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _log(target, actor=actor, action=ModerationAction.Action.HIDE, reason=reason)
    _close_reports(target, actor=actor, decision=Report.Decision.HIDDEN)
    return target


@transaction.atomic
def content_restore(*, target: Post | Comment, actor: User, reason: str) -> Post | Comment:
    """Show a hidden post or comment again (the hiding stays in the log)."""
    ensure_facilitator(actor)
    reason = _clean_reason(reason)
    target = type(target).objects.select_for_update().get(pk=target.pk)
    target.hidden_at = None
    target.hidden_by = None
    target.hidden_reason = ""
    target.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    _log(target, actor=actor, action=ModerationAction.Action.RESTORE, reason=reason)
    _close_reports(target, actor=actor, decision=Report.Decision.RESTORED)
    return target


@transaction.atomic
def report_dismiss(*, report: Report, actor: User) -> Report:
    """The facilitator keeps the content: the report is closed."""
    ensure_facilitator(actor)
    report = Report.objects.select_for_update().get(pk=report.pk)
    report.status = Report.Status.CLOSED
    report.handled_by = actor
    report.handled_at = timezone.now()
    report.decision = Report.Decision.KEPT
    report.save(update_fields=["status", "handled_by", "handled_at", "decision"])
    return report
