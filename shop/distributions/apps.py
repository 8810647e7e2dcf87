from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionsConfig(AppConfig):
    name = "shop.distributions"
    label = "distributions"
    verbose_name = _("Distributions")
    default_auto_field = "django.db.models.BigAutoField"
