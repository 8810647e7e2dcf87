from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    # Not "payment": that label belongs to Oscar's payment app.
    name = "shop.payments"
    label = "payments"
    verbose_name = _("Payments")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from .bank_statements.registry import register_matcher
        from .offline import REFERENCE_PREFIX
        from .transfers import apply_statement_line

        register_matcher(
            prefix=REFERENCE_PREFIX, label=_("Order paid by transfer"), apply=apply_statement_line
        )
