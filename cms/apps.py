from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Pages")

    def ready(self) -> None:
        from shop.legal.terms import register_terms_provider
        from shop.panels import register_panel

        from . import signals  # noqa: F401  (connects receivers)
        from .legal import legal_footer_context, terms_of_sale
        from .membership import membership_footer_context
        from .navigation import education_nav_context

        register_panel(
            "site_nav",
            name="cms.education",
            template="cms/partials/nav_education.html",
            context=education_nav_context,
            order=30,
        )
        register_panel(
            "site_footer",
            name="cms.membership",
            template="cms/partials/footer_membership.html",
            context=membership_footer_context,
            order=10,
        )
        register_panel(
            "site_footer_legal",
            name="cms.legal",
            template="cms/partials/footer_legal.html",
            context=legal_footer_context,
        )
        # The checkout and group orders ask for the terms of sale published here.
        register_terms_provider(terms_of_sale)
