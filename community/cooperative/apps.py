from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooperativeConfig(AppConfig):
    """Its own label (not `community`): its tables and migrations stay apart from the
    community's rooms, and the shop reaches it only through registries."""

    name = "community.cooperative"
    label = "cooperative"
    verbose_name = _("Cooperative")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
