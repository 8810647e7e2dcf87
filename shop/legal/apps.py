from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LegalConfig(AppConfig):
    """Terms of sale accepted with each order, and the cookies the site sets."""

    name = "shop.legal"
    label = "legal"
    verbose_name = _("Terms of sale")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .cookies import switch_off_recently_viewed_history

        switch_off_recently_viewed_history()
