from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CurrenciesConfig(AppConfig):
    name = "shop.wallet.currencies"
    label = "currencies"
    verbose_name = _("Local currencies")
    default_auto_field = "django.db.models.BigAutoField"
