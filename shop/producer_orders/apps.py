from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProducerOrdersConfig(AppConfig):
    """Orders split by producer: each producer's lines, preparation lists, sales reports."""

    name = "shop.producer_orders"
    label = "producer_orders"
    verbose_name = _("Orders by producer")
