from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WalletConfig(AppConfig):
    name = "shop.wallet"
    label = "wallet"
    verbose_name = _("Wallet")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import hooks

        hooks.register()
