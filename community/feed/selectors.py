"""Reads the feed pages share: a constant number of queries per page, whatever its size."""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

from django.contrib.auth.models import AnonymousUser
from django.db.models import Count, Prefetch, Q, QuerySet

from .models import Comment, Post, Reaction, Report
from .moderation import is_facilitator

if TYPE_CHECKING:
    from community.models import User

FEED_PAGE_SIZE = 20


def _visible_comments(user: User | AnonymousUser | None) -> QuerySet[Comment]:
    comments = Comment.objects.select_related("author")
    if user is None or not user.is_authenticated:
        return comments.filter(hidden_at__isnull=True)
    if is_facilitator(user):
        return comments
    return comments.filter(Q(hidden_at__isnull=True) | Q(author=cast("User", user)))


def feed_posts(*, user: User | AnonymousUser | None) -> QuerySet[Post]:
    """Posts the viewer may see, newest first, with what their cards show."""
    counts = {
        f"count_{kind}": Count("reactions", filter=Q(reactions__kind=kind), distinct=True)
        for kind in Reaction.Kind.values
    }
    posts = (
        Post.objects.visible_to(user)
        .select_related("author", "producer", "product", "group_order__group", "hidden_by")
        .annotate(**counts)
        .order_by("-created_at", "-pk")  # aggregate queries drop Meta.ordering
        .prefetch_related(Prefetch("comments", queryset=_visible_comments(user)))
    )
    if user is not None and user.is_authenticated:
        posts = posts.prefetch_related(
            Prefetch(
                "reactions",
                queryset=Reaction.objects.filter(user=cast("User", user)).only("post_id", "kind"),
                to_attr="my_reactions",
            )
        )
    return posts


def reaction_summary(post: Post) -> list[dict]:
    """[{kind, label, count, mine}] for a post fetched by feed_posts."""
    mine = {reaction.kind for reaction in getattr(post, "my_reactions", ())}
    return [
        {
            "kind": kind,
            "label": label,
            "count": getattr(post, f"count_{kind}", 0),
            "mine": kind in mine,
        }
        for kind, label in Reaction.Kind.choices
    ]


def moderation_queue() -> QuerySet[Report]:
    """Open reports, oldest first, with their target and its author."""
    return Report.objects.filter(status=Report.Status.OPEN).select_related(
        "reporter", "post__author", "comment__author", "comment__post"
    )


def recently_hidden(limit: int = 20) -> tuple[list[Post], list[Comment]]:
    posts = list(
        Post.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by")
        .order_by("-hidden_at")[:limit]
    )
    comments = list(
        Comment.objects.filter(hidden_at__isnull=False)
        .select_related("author", "hidden_by")
        .order_by("-hidden_at")[:limit]
    )
    return posts, comments
