from wagtail import hooks

from .choosers import (
    buying_group_chooser_viewset,
    producer_chooser_viewset,
    product_chooser_viewset,
)


@hooks.register("register_admin_viewset")
def register_choosers():
    return [product_chooser_viewset, producer_chooser_viewset, buying_group_chooser_viewset]
