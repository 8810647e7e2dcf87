from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InvoicingConfig(AppConfig):
    """Invoices of orders (per issuer, gapless numbering), producer statements, journal."""

    name = "shop.invoicing"
    label = "invoicing"
    verbose_name = _("Invoicing")

    def ready(self) -> None:
        from . import receivers  # noqa: F401  (connects Oscar's order signals)
