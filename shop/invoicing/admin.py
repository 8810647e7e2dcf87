"""Admin: producers' invoicing profiles are edited here; invoices are read-only (an
issued invoice is never changed nor deleted: a mistake is corrected by a credit note)."""

from django.contrib import admin

from .models import Invoice, InvoiceLine, InvoiceSequence, InvoicingProfile


@admin.register(InvoicingProfile)
class InvoicingProfileAdmin(admin.ModelAdmin):
    list_display = ["partner", "mode", "vat_number", "vat_franchise"]
    list_filter = ["mode", "vat_franchise"]
    search_fields = ["partner__name", "vat_number"]
    autocomplete_fields = ["partner"]
    readonly_fields = ["updated_at", "updated_by"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user  # who changed it (audit)
        super().save_model(request, obj, form, change)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class InvoiceLineInline(admin.TabularInline):
    model = InvoiceLine
    extra = 0
    fields = readonly_fields = (
        "description", "quantity", "unit_price_excl_tax", "vat_rate",
        "total_excl_tax", "vat_amount", "total_incl_tax", "partner",
    )  # fmt: skip

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Invoice)
class InvoiceAdmin(ReadOnlyAdmin):
    list_display = ["number", "issued_at", "issuer", "order", "total_incl_tax", "paid_at"]
    list_filter = ["issuer", "year"]
    search_fields = ["number", "order__number"]
    inlines = [InvoiceLineInline]


@admin.register(InvoiceSequence)
class InvoiceSequenceAdmin(ReadOnlyAdmin):
    list_display = ["issuer", "year", "last_number"]
