"""Operations on the feed: posts, comments, reactions, event posts, live broadcast.

Every write checks the author may write (verified e-mail) and the rate limit, runs in a
transaction, and a new post is broadcast to connected feeds only once it has committed.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from asgiref.sync import async_to_sync
from channels.layers import get_channel_layer
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from community.members import ensure_active_member
from shop.ratelimit import rate_limit_hit

from .models import Comment, Post, Reaction

if TYPE_CHECKING:
    from django.core.files import File

    from community.models import User
    from groupbuy.models import GroupOrder
    from shop.catalogue.models import Product
    from shop.partner.models import Partner

logger = logging.getLogger(__name__)

#: Channel-layer group every open feed page listens to (community/feed/consumers.py).
FEED_GROUP = "community.feed"

POST_FIELDS = ("body", "image", "producer", "product", "group_order")


def _ensure_author(obj: Post | Comment, user: User) -> None:
    if obj.author_id != user.pk:
        raise PermissionDenied(_("You may only change your own posts and comments."))


@transaction.atomic
def post_create(
    *,
    author: User,
    body: str,
    image: File | None = None,
    producer: Partner | None = None,
    product: Product | None = None,
    group_order: GroupOrder | None = None,
) -> Post:
    ensure_active_member(author)
    rate_limit_hit(user=author, action="post")
    post = Post(
        kind=Post.Kind.TEXT,
        author=author,
        body=body.strip(),
        image=image or "",
        producer=producer,
        product=product,
        group_order=group_order,
    )
    post.full_clean()
    post.save()
    transaction.on_commit(lambda: post_broadcast(post_pk=post.pk))
    return post


@transaction.atomic
def post_update(*, post: Post, user: User, **fields: object) -> Post:
    ensure_active_member(user)
    _ensure_author(post, user)
    for name, value in fields.items():
        if name not in POST_FIELDS:
            raise TypeError(name)
        setattr(post, name, value)
    post.body = post.body.strip()
    post.edited_at = timezone.now()
    post.full_clean()
    post.save()
    return post


@transaction.atomic
def post_delete(*, post: Post, user: User) -> None:
    _ensure_author(post, user)
    if post.image:
        post.image.delete(save=False)
    post.delete()


@transaction.atomic
def comment_create(*, post: Post, author: User, body: str) -> Comment:
    ensure_active_member(author)
    if post.is_hidden:
        raise PermissionDenied(_("This post has been hidden by the moderation."))
    rate_limit_hit(user=author, action="comment")
    comment = Comment(post=post, author=author, body=body.strip())
    comment.full_clean()
    comment.save()
    return comment


@transaction.atomic
def comment_update(*, comment: Comment, user: User, body: str) -> Comment:
    ensure_active_member(user)
    _ensure_author(comment, user)
    comment.body = body.strip()
    comment.edited_at = timezone.now()
    comment.full_clean()
    comment.save(update_fields=["body", "edited_at"])
    return comment


@transaction.atomic
def comment_delete(*, comment: Comment, user: User) -> None:
    _ensure_author(comment, user)
    comment.delete()


@transaction.atomic
def reaction_toggle(*, post: Post, user: User, kind: str) -> bool:
    """Add the reaction, or take it back if it was there. Returns True when added."""
    ensure_active_member(user)
    if kind not in Reaction.Kind.values:
        raise ValueError(kind)
    if post.is_hidden:
        raise PermissionDenied(_("This post has been hidden by the moderation."))
    rate_limit_hit(user=user, action="reaction")
    deleted, _rows = Reaction.objects.filter(post=post, user=user, kind=kind).delete()
    if deleted:
        return False
    try:
        with transaction.atomic():
            Reaction.objects.create(post=post, user=user, kind=kind)
    except IntegrityError:  # a double click raced us: the reaction is there
        pass
    return True


def event_post_create(
    *,
    event_type: str,
    event_key: str | None,
    payload: dict,
    producer: Partner | None = None,
    product: Product | None = None,
    group_order: GroupOrder | None = None,
) -> Post | None:
    """A feed item for something that happened elsewhere; once per event_key."""
    with transaction.atomic():
        if event_key and Post.objects.filter(event_key=event_key).exists():
            return None
        try:
            with transaction.atomic():
                post = Post.objects.create(
                    kind=Post.Kind.EVENT,
                    event_type=event_type,
                    event_key=event_key,
                    payload=payload,
                    producer=producer,
                    product=product,
                    group_order=group_order,
                )
        except IntegrityError:  # the same event, delivered twice at once
            return None
        transaction.on_commit(lambda: post_broadcast(post_pk=post.pk))
    return post


def producer_admission_announce(*, producer: Partner) -> None:
    """Announce a producer admitted to the charter, once its transaction commits.

    Called by the Partner save receiver; code that admits with a queryset ``update()``
    (no save signal) calls it directly. At most one announcement per producer and day.
    """
    from .receivers import never_breaks_the_sender

    key = f"producer-admitted:{producer.pk}:{timezone.localdate().isoformat()}"
    payload = {"producer_name": producer.name, "producer_city": producer.city or ""}
    transaction.on_commit(
        never_breaks_the_sender(
            lambda: event_post_create(
                event_type=Post.EventType.PRODUCER_ADMITTED,
                event_key=key,
                payload=payload,
                producer=producer,
            )
        )
    )


def post_broadcast(*, post_pk: int) -> None:
    """Push a committed post to every open feed page (as HTML rendered for everyone)."""
    from . import selectors

    post = selectors.feed_posts(user=None).filter(pk=post_pk).first()
    if post is None:
        return
    html = render_to_string("community/_post_live.html", {"post": post})
    layer = get_channel_layer()
    if layer is None:
        return
    try:
        async_to_sync(layer.group_send)(
            FEED_GROUP, {"type": "feed.post", "id": post.pk, "html": html}
        )
    except Exception:  # the post is saved; a lost live update is not an error for the author
        logger.exception("could not broadcast post %s", post_pk)
