from django.contrib import admin

from .models import ShiftRequirement, ShiftRole, ShiftSignup


class SignupInline(admin.TabularInline):
    model = ShiftSignup
    extra = 0
    raw_id_fields = ["user"]
    readonly_fields = ["created_at", "cancelled_at", "reminded_at"]


@admin.register(ShiftRole)
class ShiftRoleAdmin(admin.ModelAdmin):
    list_display = ["label", "distribution", "places", "starts_at", "ends_at"]
    raw_id_fields = ["distribution"]
    inlines = [SignupInline]


@admin.register(ShiftSignup)
class ShiftSignupAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "created_at", "cancelled_at", "reminded_at"]
    list_filter = ["cancelled_at"]
    raw_id_fields = ["role", "user"]
    readonly_fields = ["created_at", "reminded_at"]


@admin.register(ShiftRequirement)
class ShiftRequirementAdmin(admin.ModelAdmin):
    list_display = ["label", "starts_on", "ends_on", "shifts"]
