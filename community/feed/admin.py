"""The feed in the Django admin: superusers only (facilitators moderate from
/communaute/moderation/)."""

from django.contrib import admin

from .models import Comment, ModerationAction, Post, Report


@admin.register(Post)
class PostAdmin(admin.ModelAdmin):
    list_display = ["pk", "kind", "event_type", "author", "created_at", "hidden_at"]
    list_filter = ["kind", "event_type", "hidden_at"]
    search_fields = ["body", "author__email", "author__display_name"]
    raw_id_fields = ["author", "producer", "product", "group_order", "hidden_by"]
    readonly_fields = ["created_at", "edited_at", "event_key"]
    date_hierarchy = "created_at"


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ["pk", "post", "author", "created_at", "hidden_at"]
    search_fields = ["body", "author__email"]
    raw_id_fields = ["post", "author", "hidden_by"]


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ["pk", "status", "decision", "reporter", "created_at", "handled_by"]
    list_filter = ["status", "decision"]
    raw_id_fields = ["post", "comment", "reporter", "handled_by"]


@admin.register(ModerationAction)
class ModerationActionAdmin(admin.ModelAdmin):
    list_display = ["created_at", "action", "actor", "post", "comment", "reason"]
    list_filter = ["action"]
    raw_id_fields = ["post", "comment", "actor"]

    def has_change_permission(self, request, obj=None) -> bool:
        return False  # the audit log is append-only
