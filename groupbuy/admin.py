"""Django admin of group buying. A group order's state is read-only here: states change
only through `services.group_order_transition` (the buttons on the group order page),
so every change is logged."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import (
    Allocation,
    BuyingGroup,
    Commitment,
    CommitmentPart,
    GroupOrder,
    GroupOrderProduct,
    Membership,
    PriceTier,
    StateTransition,
)


class MembershipInline(admin.TabularInline):
    model = Membership
    autocomplete_fields = ["user"]
    extra = 0


@admin.register(BuyingGroup)
class BuyingGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "city", "join_rule", "created_at"]
    list_filter = ["join_rule"]
    search_fields = ["name", "city"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["pickup_points"]
    inlines = [MembershipInline]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "group", "role", "status", "joined_at"]
    list_filter = ["status", "role", "group"]
    search_fields = ["user__email", "user__last_name", "group__name"]
    autocomplete_fields = ["user", "group"]
    list_select_related = ["user", "group"]


class GroupOrderProductInline(admin.TabularInline):
    model = GroupOrderProduct
    fields = ["product", "case_size", "min_units", "max_units", "unit_price_incl_tax", "position"]
    raw_id_fields = ["product"]
    show_change_link = True  # the price tiers are edited on the offer's own page
    extra = 0


class StateTransitionInline(admin.TabularInline):
    model = StateTransition
    fields = ("at", "from_state", "to_state", "user", "note")  # a tuple: also readonly_fields
    readonly_fields = fields
    can_delete = False
    extra = 0
    verbose_name_plural = _("state changes (who, when)")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(GroupOrder)
class GroupOrderAdmin(admin.ModelAdmin):
    list_display = ["title", "group", "state", "opens_at", "closes_at", "pickup_date"]
    list_filter = ["state", "group"]
    search_fields = ["title", "group__name"]
    date_hierarchy = "closes_at"
    list_select_related = ["group"]
    readonly_fields = ["state", "closed_at", "created_by", "created_at"]
    raw_id_fields = ["group", "pickup_point"]
    inlines = [GroupOrderProductInline, StateTransitionInline]

    def save_model(self, request, obj, form, change):
        if not change and obj.created_by_id is None:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)


class PriceTierInline(admin.TabularInline):
    model = PriceTier
    extra = 0


@admin.register(GroupOrderProduct)
class GroupOrderProductAdmin(admin.ModelAdmin):
    list_display = ["product", "group_order", "case_size", "min_units", "max_units"]
    list_filter = ["group_order__state"]
    search_fields = ["product__title", "group_order__title"]
    raw_id_fields = ["group_order", "product"]
    list_select_related = ["product", "group_order"]
    inlines = [PriceTierInline]


class CommitmentPartInline(admin.TabularInline):
    model = CommitmentPart
    fields = ("quantity", "created_at")  # a tuple: also readonly_fields
    readonly_fields = fields
    can_delete = False
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Commitment)
class CommitmentAdmin(admin.ModelAdmin):
    """Read-only: commitments change through `services.commitment_set` (the deadline)."""

    list_display = ["member", "offer", "tolerance", "updated_at"]
    list_filter = ["offer__group_order__state"]
    search_fields = ["member__email", "offer__product__title", "offer__group_order__title"]
    list_select_related = ["member", "offer__product", "offer__group_order"]
    readonly_fields = ["offer", "member", "tolerance", "tolerance_since", "created_at"]
    inlines = [CommitmentPartInline]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    """Read-only: written by the allocation when a group order closes."""

    list_display = ["member", "offer", "requested", "tolerance", "allocated", "reason"]
    list_filter = ["reason", "offer__group_order"]
    search_fields = ["member__email", "offer__product__title"]
    list_select_related = ["member", "offer__product"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
