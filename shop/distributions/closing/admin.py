"""Admin of what was sent at closing (imported by shop.distributions.admin): read-only,
since a row is what keeps an e-mail from going twice."""

from django.contrib import admin

from .models import DistributionSheetSent, PurchaseOrderSent


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


@admin.register(PurchaseOrderSent)
class PurchaseOrderSentAdmin(ReadOnlyAdmin):
    list_display = ["distribution", "partner", "sent_at", "recipients"]
    raw_id_fields = ["distribution", "partner"]
    search_fields = ["partner__name", "distribution__title"]


@admin.register(DistributionSheetSent)
class DistributionSheetSentAdmin(ReadOnlyAdmin):
    list_display = ["distribution", "sent_at", "recipients"]
    raw_id_fields = ["distribution"]
