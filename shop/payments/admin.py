"""Read-only views of what the payments app stores (the staff pages act on payments)."""

from django.contrib import admin

from .models import PaymentAudit, StripeEvent, StripePaymentIntent, StripeRefund


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PaymentAudit)
class PaymentAuditAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "order", "action", "amount", "user", "note"]
    list_filter = ["action"]
    search_fields = ["order__number", "note", "user__email"]
    list_select_related = ["order", "user"]


@admin.register(StripeEvent)
class StripeEventAdmin(ReadOnlyAdmin):
    list_display = ["event_id", "type", "created", "received_at", "processed_at", "outcome"]
    list_filter = ["type"]
    search_fields = ["event_id"]


@admin.register(StripePaymentIntent)
class StripePaymentIntentAdmin(ReadOnlyAdmin):
    list_display = ["payment_intent_id", "order_number", "attempt", "amount", "currency"]
    search_fields = ["order_number", "payment_intent_id"]


@admin.register(StripeRefund)
class StripeRefundAdmin(ReadOnlyAdmin):
    list_display = ["idempotency_key", "refund_id", "order", "amount", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["order__number", "refund_id", "payment_intent_id"]
