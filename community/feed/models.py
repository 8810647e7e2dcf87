"""The community feed: posts, comments, reactions, reports and the moderation log.

Imported by community/models.py, so Django finds these models in the `community` app.
Posts of kind "event" are written by community/feed/receivers.py from signals other apps
send (they never import community).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

__all__ = ["Comment", "ModerationAction", "Post", "Reaction", "Report"]

USER = settings.AUTH_USER_MODEL

POST_IMAGE_EXTENSIONS = ("jpg", "jpeg", "png", "webp", "gif")
POST_IMAGE_MAX_BYTES = 5 * 1024 * 1024
POST_IMAGE_MAX_PIXELS = 40_000_000


def validate_post_image(image) -> None:
    """Only common web formats, at most 5 MB and 40 megapixels (decompression bombs)."""
    extension = Path(image.name or "").suffix.lower().lstrip(".")
    if extension not in POST_IMAGE_EXTENSIONS:
        raise ValidationError(_("Use a JPEG, PNG, WebP or GIF image."), code="invalid_extension")
    if image.size and image.size > POST_IMAGE_MAX_BYTES:
        raise ValidationError(_("The image must be 5 MB at most."), code="too_large")
    width, height = getattr(image, "width", None), getattr(image, "height", None)
    if width and height and width * height > POST_IMAGE_MAX_PIXELS:
        raise ValidationError(_("The image is too large (in pixels)."), code="too_many_pixels")


class Hideable(models.Model):
    """Hidden by a facilitator: who, when and why (the full log is ModerationAction)."""

    hidden_at = models.DateTimeField(_("hidden at"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("hidden by"),
    )
    hidden_reason = models.TextField(_("reason for hiding"), blank=True)

    class Meta:
        abstract = True

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class PostQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Hidden posts disappear for everyone but their author and facilitators."""
        if user is not None and user.is_authenticated:
            from .moderation import is_facilitator

            if is_facilitator(user):
                return self
            return self.filter(models.Q(hidden_at__isnull=True) | models.Q(author=user))
        return self.filter(hidden_at__isnull=True)


class Post(Hideable):
    class Kind(models.TextChoices):
        TEXT = "text", _("Post")
        EVENT = "event", _("Event")

    class EventType(models.TextChoices):
        PRODUCER_ADMITTED = "producer_admitted", _("Producer admitted")
        CLAIM_VALIDATED = "claim_validated", _("Claim validated by the community")
        GROUP_ORDER_MINIMUM = "group_order_minimum", _("Group order reached its minimum")
        GROUP_ORDER_CONFIRMED = "group_order_confirmed", _("Group order confirmed")
        PAGE_PUBLISHED = "page_published", _("Education page published")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.TEXT)
    author = models.ForeignKey(
        USER,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="feed_posts",
        verbose_name=_("author"),
    )
    body = models.TextField(_("text"), max_length=5000, blank=True)
    image = models.ImageField(
        _("image"), upload_to="communaute/%Y/%m/", blank=True, validators=[validate_post_image]
    )
    producer = models.ForeignKey(
        "partner.Partner",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("producer"),
    )
    product = models.ForeignKey(
        "catalogue.Product",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("product"),
    )
    group_order = models.ForeignKey(
        "groupbuy.GroupOrder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("group order"),
    )
    event_type = models.CharField(
        _("event type"), max_length=30, choices=EventType.choices, blank=True
    )
    #: Makes event posts idempotent: one post per event, however often the signal fires.
    event_key = models.CharField(max_length=120, null=True, blank=True, unique=True)
    payload = models.JSONField(_("event data"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True, db_index=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    objects = PostQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("post")
        verbose_name_plural = _("posts")
        permissions = [("moderate", "Can moderate the community feed")]
        indexes = [models.Index(fields=["hidden_at", "-created_at"], name="post_visible_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="text") | models.Q(author__isnull=False),
                name="text_post_has_author",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.body[:40] or self.event_type}"

    def get_absolute_url(self) -> str:
        return reverse("community:post-detail", kwargs={"pk": self.pk})


class Comment(Hideable):
    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, related_name="comments", verbose_name=_("post")
    )
    author = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="feed_comments", verbose_name=_("author")
    )
    body = models.TextField(_("comment"), max_length=2000)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    edited_at = models.DateTimeField(_("edited at"), null=True, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.body[:40]

    def get_absolute_url(self) -> str:
        return f"{self.post.get_absolute_url()}#commentaire-{self.pk}"


class Reaction(models.Model):
    class Kind(models.TextChoices):
        THANKS = "merci", _("Thanks")
        USEFUL = "utile", _("Useful")
        SUPPORT = "soutien", _("Support")

    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="reactions")
    user = models.ForeignKey(USER, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("reaction"), max_length=10, choices=Kind.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reaction")
        verbose_name_plural = _("reactions")
        constraints = [
            models.UniqueConstraint(fields=["post", "user", "kind"], name="one_reaction_per_kind")
        ]

    def __str__(self) -> str:
        return f"{self.kind} #{self.post_id}"


class Report(models.Model):
    """A member's report (signalement) of a post or a comment: the moderation queue."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        CLOSED = "closed", _("Closed")

    class Decision(models.TextChoices):
        HIDDEN = "hidden", _("Hidden")
        KEPT = "kept", _("Kept")
        RESTORED = "restored", _("Restored")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="reports"
    )
    reporter = models.ForeignKey(
        USER, on_delete=models.CASCADE, related_name="+", verbose_name=_("reported by")
    )
    reason = models.TextField(_("reason"), max_length=1000)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    handled_by = models.ForeignKey(
        USER,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )
    handled_at = models.DateTimeField(_("handled at"), null=True, blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices, blank=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(post__isnull=False, comment__isnull=True)
                    | models.Q(post__isnull=True, comment__isnull=False)
                ),
                name="report_has_one_target",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()} #{self.pk}"

    @property
    def target(self):
        return self.post if self.post_id else self.comment


class ModerationAction(models.Model):
    """Audit log: every hide and restore, with who, when and why."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hidden")
        RESTORE = "restore", _("Restored")

    post = models.ForeignKey(
        Post, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_log"
    )
    comment = models.ForeignKey(
        Comment, on_delete=models.CASCADE, null=True, blank=True, related_name="moderation_log"
    )
    action = models.CharField(_("action"), max_length=10, choices=Action.choices)
    actor = models.ForeignKey(
        USER, on_delete=models.SET_NULL, null=True, related_name="+", verbose_name=_("by")
    )
    reason = models.TextField(_("reason"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("moderation action")
        verbose_name_plural = _("moderation actions")

    def __str__(self) -> str:
        return f"{self.action} {self.post_id or self.comment_id}"
