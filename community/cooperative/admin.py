"""Django admin (superusers): the cooperative's colleges. Everything else has its staff
screen in the Oscar dashboard, through the services (audited)."""

from django.contrib import admin

from .models import College


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "vote_weight", "guarantee_college", "is_active", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"code": ["name"]}
