from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BankStatementsConfig(AppConfig):
    name = "shop.payments.bank_statements"
    label = "bank_statements"
    verbose_name = _("Bank statements")
    default_auto_field = "django.db.models.BigAutoField"
