"""Oscar's root app, with its sign-in pages handed over to allauth.

One sign-in for the whole site: Oscar's login, registration, logout and password pages
redirect to allauth's, keeping their URL names so Oscar's templates still reverse them.
"""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.urls import include, path, re_path, reverse_lazy
from django.views.generic import RedirectView
from oscar import config

# Oscar URL (relative to /boutique/) -> allauth URL name.
_ALLAUTH_REDIRECTS = {
    "accounts/login/": "account_login",
    "accounts/register/": "account_signup",
    "accounts/logout/": "account_logout",
    "accounts/change-password/": "account_change_password",
    "dashboard/login/": "account_login",
}
_OSCAR_PASSWORD_RESET_NAMES = {
    "password-reset": "account_reset_password",
    "password-reset-done": "account_reset_password_done",
    "password-reset-confirm": "account_reset_password",
    "password-reset-complete": "account_reset_password",
}


def _redirect_to(url_name: str):
    return RedirectView.as_view(url=reverse_lazy(url_name), query_string=True, permanent=False)


def _not_found(request, *args, **kwargs):
    raise Http404


class PanierShop(config.Shop):
    def get_urls(self):
        redirects = [
            path(route, _redirect_to(target)) for route, target in _ALLAUTH_REDIRECTS.items()
        ]
        # Oscar's Haystack search gives way to the site search (pages, products,
        # producers), ?q=… kept; {% url "search:search" %} still resolves to here.
        redirects.append(path("search/", _redirect_to("site-search")))
        kept = []
        for pattern in super().get_urls():
            target = _OSCAR_PASSWORD_RESET_NAMES.get(getattr(pattern, "name", None))
            if target:
                # Same route and name, so {% url "password-reset" %} still works.
                kept.append(path(str(pattern.pattern), _redirect_to(target), name=pattern.name))
            else:
                kept.append(pattern)
        from shop.views import OrderLineView

        redirects += [
            # Oscar's view of one line of an order had no template (a server error).
            path(
                "accounts/orders/<str:order_number>/<int:line_id>/",
                login_required(OrderLineView.as_view()),
            ),
            # One review system: the community's verified feedback. Oscar's product
            # reviews are a hidden feature (OSCAR_HIDDEN_FEATURES), their moderation too.
            re_path(r"^dashboard/reviews/", _not_found),
        ]
        impact = [
            path("", include("shop.impact.urls")),
            # Before Oscar's dashboard include, which would otherwise claim the prefix.
            path("dashboard/impact/", include("shop.impact.dashboard.urls")),
            path("distributions/", include("shop.distributions.urls")),
            path("dashboard/distributions/", include("shop.distributions.dashboard.urls")),
            path("dashboard/commandes-producteur/", include("shop.producer_orders.urls")),
            path("", include("shop.invoicing.urls")),
            path("paiement/", include("shop.payments.urls")),
            path("dashboard/paiements/", include("shop.payments.dashboard.urls")),
            path(
                "dashboard/releves-bancaires/",
                include("shop.payments.bank_statements.urls"),
            ),
            path("dashboard/tarification/", include("shop.pricing.dashboard.urls")),
            path(
                "dashboard/monnaies-locales/",
                include("shop.wallet.currencies.dashboard.urls"),
            ),
        ]
        return redirects + impact + kept
