from django.contrib import admin

from .models import CommissionRate, LogisticsFee, PricingChange, ProductNetQuantity


@admin.register(CommissionRate)
class CommissionRateAdmin(admin.ModelAdmin):
    list_display = ["__str__", "partner", "product_class", "percent", "updated_at"]
    list_select_related = ["partner", "product_class"]
    raw_id_fields = ["partner"]


@admin.register(LogisticsFee)
class LogisticsFeeAdmin(admin.ModelAdmin):
    list_display = ["label", "kind", "amount", "scope", "is_active"]
    list_filter = ["kind", "scope", "is_active"]
    raw_id_fields = ["partner"]


@admin.register(ProductNetQuantity)
class ProductNetQuantityAdmin(admin.ModelAdmin):
    list_display = ["product", "quantity", "unit"]
    raw_id_fields = ["product"]
    list_select_related = ["product"]


@admin.register(PricingChange)
class PricingChangeAdmin(admin.ModelAdmin):
    """Append-only: read here, written by shop.pricing.services."""

    list_display = ["at", "by", "action", "subject", "note"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
