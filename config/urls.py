"""The one place where URL order is decided.

Fixed prefixes first; Wagtail owns `/` and the catch-all, so it comes last.
"""

import re

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.urls import URLPattern, URLResolver, include, path, re_path
from django.views.generic import RedirectView
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.sitemaps import sitemap
from cms.views import RobotsView, SearchView
from config.views import serve_media

urlpatterns: list[URLPattern | URLResolver] = [
    path("django-admin/", admin.site.urls),
    path("cms-admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    # The member's data rights (RGPD): export and erasure, beside allauth's pages.
    path("comptes/mes-donnees/", include("community.privacy.urls")),
    path("comptes/", include("allauth.urls")),
    # Oscar's "delete profile" would delete the user and their orders' link: it leads
    # to the erasure, which keeps orders for accounting.
    path(
        "boutique/accounts/profile/delete/",
        RedirectView.as_view(pattern_name="privacy:erase", permanent=False),
    ),
    # Staff pages in the Oscar dashboard's URL space: background tasks, personal data.
    path("boutique/dashboard/taches/", include("config.taskqueue.urls")),
    path("boutique/dashboard/donnees-personnelles/", include("community.privacy.dashboard.urls")),
    # The cooperative's and the wallet's staff screens, in the Oscar dashboard's URL space too.
    path("boutique/dashboard/cooperative/", include("community.cooperative.dashboard.urls")),
    path("boutique/dashboard/porte-monnaie/", include("shop.wallet.dashboard.urls")),
    path("boutique/", include(apps.get_app_config("oscar").urls[0])),  # type: ignore[attr-defined]
    path("groupes/", include("groupbuy.urls")),
    path("communaute/", include("community.urls")),
    path("cooperative/", include("community.cooperative.urls")),
    path("contrats/", include("shop.contracts.urls")),
]

if settings.SERVE_MEDIA:
    # Uploaded images; a deployment with a web server in front turns this off.
    media_prefix = re.escape(settings.MEDIA_URL.lstrip("/"))
    urlpatterns += [
        re_path(rf"^{media_prefix}(?P<path>.*)$", serve_media),
    ]

urlpatterns += [
    path("recherche/", SearchView.as_view(), name="site-search"),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", RobotsView.as_view(), name="robots"),
    path("", include(wagtail_urls)),
]
