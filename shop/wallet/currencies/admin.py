from django.contrib import admin

from .models import LocalCurrency, OperatorTransfer, ProducerAcceptance


@admin.register(LocalCurrency)
class LocalCurrencyAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "symbol", "operator_name", "adapter", "active"]
    list_filter = ["active", "adapter"]
    search_fields = ["code", "name", "operator_name"]


@admin.register(ProducerAcceptance)
class ProducerAcceptanceAdmin(admin.ModelAdmin):
    list_display = ["partner", "currency", "since", "active", "updated_by"]
    list_filter = ["currency", "active"]
    search_fields = ["partner__name"]
    autocomplete_fields = ["partner"]
    readonly_fields = ["updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(OperatorTransfer)
class OperatorTransferAdmin(admin.ModelAdmin):
    """Pulled from operators: read-only, the wallet's ledger holds the money."""

    list_display = ["made_at", "currency", "operator_id", "member_reference", "amount", "status"]
    list_filter = ["currency", "status"]
    search_fields = ["operator_id", "member_reference"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
