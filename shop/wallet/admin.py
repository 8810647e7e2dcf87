"""Read-only admin of the ledger: it is append-only, corrections are new transfers."""

from django.contrib import admin

from .models import Account, OverdraftChange, Posting, Transfer


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PostingInline(admin.TabularInline):
    model = Posting
    extra = 0
    can_delete = False
    readonly_fields = ["account", "amount"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Account)
class AccountAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "kind", "currency", "overdraft_limit", "created_at"]
    list_filter = ["kind", "currency"]
    search_fields = ["user__email", "user__last_name"]


@admin.register(Transfer)
class TransferAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "kind", "currency", "reference", "label", "created_by"]
    list_filter = ["kind", "currency"]
    search_fields = ["reference", "key", "label"]
    inlines = [PostingInline]


@admin.register(OverdraftChange)
class OverdraftChangeAdmin(ReadOnlyAdmin):
    list_display = ["account", "limit", "changed_at", "changed_by"]
