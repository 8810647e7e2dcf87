from django.contrib import admin

from .models import (
    BasketDistribution,
    Distribution,
    DistributionEvent,
    DistributionOffer,
    OrderDistribution,
)


class OfferInline(admin.TabularInline):
    model = DistributionOffer
    extra = 0
    raw_id_fields = ["product"]
    readonly_fields = ["sold"]


class EventInline(admin.TabularInline):
    model = DistributionEvent
    extra = 0
    can_delete = False
    readonly_fields = ["action", "by", "at", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Distribution)
class DistributionAdmin(admin.ModelAdmin):
    list_display = ["title", "starts_at", "closes_at", "status", "closed_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "starts_at"
    filter_horizontal = ["pickup_points", "producers"]
    readonly_fields = ["series", "closed_at", "created_by", "created_at"]
    inlines = [OfferInline, EventInline]


@admin.register(DistributionOffer)
class DistributionOfferAdmin(admin.ModelAdmin):
    list_display = ["distribution", "product", "quantity", "sold"]
    raw_id_fields = ["distribution", "product"]
    readonly_fields = ["sold"]


@admin.register(OrderDistribution)
class OrderDistributionAdmin(admin.ModelAdmin):
    list_display = ["order", "distribution", "pickup_point", "released"]
    raw_id_fields = ["order", "distribution", "pickup_point"]
    list_filter = ["released"]


@admin.register(BasketDistribution)
class BasketDistributionAdmin(admin.ModelAdmin):
    list_display = ["basket", "distribution"]
    raw_id_fields = ["basket", "distribution"]


@admin.register(DistributionEvent)
class DistributionEventAdmin(admin.ModelAdmin):
    list_display = ["distribution", "action", "by", "at", "note"]
    list_filter = ["action"]
    raw_id_fields = ["distribution", "by"]


from .closing import admin as closing_admin  # noqa: E402, F401  (admin of its models)
from .shifts import admin as shifts_admin  # noqa: E402, F401  (admin of its models)
