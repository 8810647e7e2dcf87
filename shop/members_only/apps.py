"""Oscar's basket app (same name and label: nothing forked, no migration) with its
add-to-basket view asking the members-only gate first. Listed in INSTALLED_APPS in
place of `oscar.apps.basket.apps.BasketConfig`."""

from oscar.apps.basket.apps import BasketConfig as OscarBasketConfig


class BasketConfig(OscarBasketConfig):
    def ready(self):
        super().ready()
        from .views import BasketAddView

        self.add_view = BasketAddView
