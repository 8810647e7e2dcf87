from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from oscar.apps.shipping.admin import *  # noqa: F403

from .models import HomeDelivery, OrderPickup, PickupPoint, PickupSlot


class PickupSlotInline(admin.TabularInline):
    model = PickupSlot
    extra = 1


@admin.register(PickupPoint)
class PickupPointAdmin(admin.ModelAdmin):
    list_display = ("name", "city", "postcode", "is_active", "slot_count")
    list_filter = ("is_active", "city")
    search_fields = ("name", "city", "postcode", "address_line")
    prepopulated_fields = {"slug": ("name",)}
    inlines = [PickupSlotInline]
    fieldsets = [
        (None, {"fields": ["name", "slug", "is_active", "instructions"]}),
        (_("Address"), {"fields": ["address_line", "postcode", "city", "latitude", "longitude"]}),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(num_slots=Count("slots"))

    @admin.display(description=_("opening slots"), ordering="num_slots")
    def slot_count(self, obj) -> int:
        return obj.num_slots


@admin.register(HomeDelivery)
class HomeDeliveryAdmin(admin.ModelAdmin):
    list_display = ("__str__", "is_enabled", "fee_incl_tax", "vat_rate")

    def has_add_permission(self, request):
        # One row: the checkout reads the first one (HomeDelivery.current()).
        return not HomeDelivery.objects.exists() and super().has_add_permission(request)


@admin.register(OrderPickup)
class OrderPickupAdmin(admin.ModelAdmin):
    list_display = ("order", "point", "day", "start_time", "end_time")
    list_filter = ("point", "day")
    date_hierarchy = "day"
    search_fields = ("order__number",)
    raw_id_fields = ("order",)
    list_select_related = ("order", "point")
