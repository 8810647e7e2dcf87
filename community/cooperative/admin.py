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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Seen here, written only by the services (audited): convened and published in the
    dashboard, voted on the members' pages. Ballots are never changed."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    has_add_permission = ReadOnlyAdmin.has_add_permission
    has_change_permission = ReadOnlyAdmin.has_change_permission
    has_delete_permission = ReadOnlyAdmin.has_delete_permission


class ResolutionInline(ReadOnlyInline):
    model = Resolution


class DocumentInline(ReadOnlyInline):
    model = AssemblyDocument


@admin.register(Assembly)
class AssemblyAdmin(ReadOnlyAdmin):
    list_display = ["title", "kind", "held_on", "opens_at", "closes_at", "published_at"]
    list_filter = ["kind"]
    inlines = [ResolutionInline, DocumentInline]


@admin.register(Proxy)
class ProxyAdmin(ReadOnlyAdmin):
    list_display = ["assembly", "giver", "holder", "given_at", "revoked_at"]
    list_filter = ["assembly"]


@admin.register(Ballot)
class BallotAdmin(ReadOnlyAdmin):
    list_display = ["resolution", "voter", "college", "choice", "proxy", "cast_at"]
    list_filter = ["assembly", "college", "choice"]


@admin.register(AssemblyNotice)
class AssemblyNoticeAdmin(ReadOnlyAdmin):
    list_display = ["assembly", "member", "sent_at"]
