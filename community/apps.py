from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CommunityConfig(AppConfig):
    name = "community"
    verbose_name = _("Community")

    def ready(self) -> None:
        from . import panels
        from .feed import receivers

        receivers.connect()
        panels.register()  # the community's panels on shop pages (shop/panels.py)
