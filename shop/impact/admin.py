"""Django admin for the charter, claims and freshness reminders.

Day-to-day editing of the charter happens in the Oscar dashboard (Charter); this admin is
the superusers' fallback. Related objects use autocompletes so pages stay fast with many
producers and products (Oscar's Partner and Product admins define search_fields).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypedDict

from django.contrib import admin
from django.db import models
from django.db.models import Count, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from .models import Claim, Criterion, Dimension, FreshnessReminder

if TYPE_CHECKING:
    from django_stubs_ext import WithAnnotations

    class _CriteriaCount(TypedDict):
        num_criteria: int

    class _ClaimsCount(TypedDict):
        num_claims: int


class CriterionInline(admin.TabularInline):
    model = Criterion
    fields = ["position", "code", "name", "kind", "scope", "value_type", "is_active"]
    extra = 0
    show_change_link = True


@admin.register(Dimension)
class DimensionAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "position", "num_criteria"]
    list_editable = ["position"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}
    inlines = [CriterionInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(num_criteria=Count("criteria"))

    @admin.display(description=_("criteria"), ordering="num_criteria")
    def num_criteria(self, obj: WithAnnotations[Dimension, _CriteriaCount]) -> int:
        return obj.num_criteria


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = [
        "name",
        "code",
        "dimension",
        "kind",
        "scope",
        "value_type",
        "validity_months",
        "is_filter",
        "is_certification",
        "is_active",
        "num_claims",
    ]
    list_filter = ["dimension", "kind", "scope", "value_type", "is_active"]
    list_select_related = ["dimension"]
    search_fields = ["name", "code", "short_label"]
    fieldsets = [
        (None, {"fields": ["dimension", "code", "name", "short_label", "position", "is_active"]}),
        (
            _("Value"),
            {
                "fields": [
                    "kind",
                    "scope",
                    "value_type",
                    "unit",
                    "max_level",
                    "target_date",
                    "direction",
                    "reference_value",
                ]
            },
        ),
        (
            _("Evidence and display"),
            {
                "fields": [
                    "evidence_required",
                    "validity_months",
                    "explanation",
                    "is_certification",
                    "is_filter",
                ]
            },
        ),
    ]

    def get_queryset(self, request: HttpRequest) -> QuerySet:
        return super().get_queryset(request).annotate(num_claims=Count("claims"))

    @admin.display(description=_("claims"), ordering="num_claims")
    def num_claims(self, obj: WithAnnotations[Criterion, _ClaimsCount]) -> int:
        return obj.num_claims


@admin.register(Claim)
class ClaimAdmin(admin.ModelAdmin):
    list_display = ["criterion", "producer", "product", "state", "source", "valid_until"]
    list_filter = ["state", "source", "criterion__dimension"]
    list_select_related = ["criterion", "producer", "product"]
    search_fields = ["producer__name", "product__title", "criterion__name"]
    autocomplete_fields = ["criterion", "producer", "product"]
    raw_id_fields = ["created_by"]
    date_hierarchy = "valid_until"
    readonly_fields = ["created_at", "updated_at"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(FreshnessReminder)
class FreshnessReminderAdmin(admin.ModelAdmin):
    """A record of e-mails already sent: read only."""

    list_display = ["producer", "sent_on", "expires_at", "used_at"]
    list_filter = ["sent_on"]
    list_select_related = ["producer"]
    search_fields = ["producer__name"]
    date_hierarchy = "sent_on"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
