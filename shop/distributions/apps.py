from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DistributionsConfig(AppConfig):
    name = "shop.distributions"
    label = "distributions"
    verbose_name = _("Distributions")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import post_save
        from oscar.apps.order.signals import order_status_changed

        from .models import Distribution
        from .receivers import release_cancelled_order
        from .shifts.services import create_default_roles

        order_status_changed.connect(
            release_cancelled_order, dispatch_uid="distributions.release_cancelled_order"
        )
        post_save.connect(
            create_default_roles, sender=Distribution, dispatch_uid="distributions.shift_roles"
        )
