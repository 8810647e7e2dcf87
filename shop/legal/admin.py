from django.contrib import admin

from .models import TermsAcceptance


@admin.register(TermsAcceptance)
class TermsAcceptanceAdmin(admin.ModelAdmin):
    """Read only: an acceptance is evidence, written with its order."""

    list_display = ["order", "version", "accepted_at", "channel"]
    list_filter = ["channel", "version"]
    search_fields = ["order__number", "version"]
    list_select_related = ["order"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
