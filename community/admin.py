from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import User


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    """Admin for e-mail users; search_fields is needed by Oscar's autocomplete fields."""

    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "date_joined"]
    list_filter = ["is_staff", "is_superuser", "is_active", "groups"]
    search_fields = ["email", "first_name", "last_name", "display_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name", "display_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]


# --- the feed (superusers only: facilitators moderate from /communaute/moderation/) ------

from .models_feed import Comment, ModerationAction, Post, Report  # noqa: E402


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
