"""Django admin (superusers): the cooperative's colleges, and the general assemblies to
read (ballots are never changed). Everything else has its staff screen in the Oscar
dashboard, through the services (audited)."""

from django.contrib import admin

from .models import Assembly, AssemblyDocument, AssemblyNotice, Ballot, College, Proxy, Resolution


@admin.register(College)
class CollegeAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "vote_weight", "guarantee_college", "is_active", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"code": ["name"]}


class ResolutionInline(admin.TabularInline):
    model = Resolution
    extra = 0


class DocumentInline(admin.TabularInline):
    model = AssemblyDocument
    extra = 0


@admin.register(Assembly)
class AssemblyAdmin(admin.ModelAdmin):
    """Read-mostly: staff convene and publish in the dashboard, through the services."""

    list_display = ["title", "kind", "held_on", "opens_at", "closes_at", "published_at"]
    list_filter = ["kind"]
    inlines = [ResolutionInline, DocumentInline]


@admin.register(Proxy)
class ProxyAdmin(admin.ModelAdmin):
    list_display = ["assembly", "giver", "holder", "given_at", "revoked_at"]
    list_filter = ["assembly"]
    readonly_fields = ["assembly", "giver", "holder", "given_at", "revoked_at"]


@admin.register(Ballot)
class BallotAdmin(admin.ModelAdmin):
    """Ballots are never changed: read only."""

    list_display = ["resolution", "voter", "college", "choice", "proxy", "cast_at"]
    list_filter = ["assembly", "college", "choice"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AssemblyNotice)
class AssemblyNoticeAdmin(admin.ModelAdmin):
    list_display = ["assembly", "member", "sent_at"]
