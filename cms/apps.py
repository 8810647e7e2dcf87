from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from shop.panels import register_panel

        from . import signals  # noqa: F401  (connects receivers)
        from .navigation import education_nav_context

        register_panel(
            "site_nav",
            name="cms.education",
            template="cms/partials/nav_education.html",
            context=education_nav_context,
            order=30,
        )
