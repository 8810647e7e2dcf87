from django.contrib import admin

from .models import (
    Absence,
    Contract,
    ContractEvent,
    ContractOption,
    ContractSubscription,
    Instalment,
)


class OptionInline(admin.TabularInline):
    model = ContractOption
    extra = 0
    raw_id_fields = ["product"]


class EventInline(admin.TabularInline):
    model = ContractEvent
    extra = 0
    can_delete = False
    readonly_fields = ["subscription", "action", "by", "at", "note"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Contract)
class ContractAdmin(admin.ModelAdmin):
    list_display = ["title", "producer", "kind", "season_start", "season_end", "status"]
    list_filter = ["status", "kind"]
    search_fields = ["title", "producer__name"]
    raw_id_fields = ["coordinator", "renewed_from"]
    filter_horizontal = ["distributions"]
    inlines = [OptionInline, EventInline]


class InstalmentInline(admin.TabularInline):
    model = Instalment
    extra = 0
    readonly_fields = ["recorded_by"]


class AbsenceInline(admin.TabularInline):
    model = Absence
    extra = 0
    raw_id_fields = ["distribution", "declared_by"]


@admin.register(ContractSubscription)
class ContractSubscriptionAdmin(admin.ModelAdmin):
    list_display = ["contract", "user", "option", "status", "waiting_position", "partner_user"]
    list_filter = ["status"]
    search_fields = ["user__email", "partner_user__email", "contract__title"]
    raw_id_fields = ["contract", "user", "option", "partner_user"]
    inlines = [InstalmentInline, AbsenceInline]


@admin.register(ContractEvent)
class ContractEventAdmin(admin.ModelAdmin):
    list_display = ["contract", "subscription", "action", "by", "at"]
    list_filter = ["action"]
    readonly_fields = ["contract", "subscription", "action", "by", "at", "note"]
