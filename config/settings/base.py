"""Panier Commun settings.

Everything lives here and is driven by environment variables read through one
reader (django-environ). Production is this file with the environment set; the
embedded defaults (SQLite, in-memory channel layer and cache, console e-mail,
offline payments) make `make run` work on a fresh machine.
"""

from decimal import Decimal
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from oscar.defaults import *

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

# --- Core -----------------------------------------------------------------------------

DEBUG = env.bool("DEBUG", default=False)

_DEV_SECRET_KEY = "django-insecure-dev-only-panier-commun-not-for-production"
SECRET_KEY = env.str("SECRET_KEY", default=_DEV_SECRET_KEY if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set when DEBUG is off (export SECRET_KEY=... or set DEBUG=true)."
    )

ALLOWED_HOSTS = env.list(
    "ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else []
)
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
# A refused form (expired page, cookies blocked) explained in the site's layout.
CSRF_FAILURE_VIEW = "config.views.csrf_failure"

SITE_ID = 1
ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "community.User"

INSTALLED_APPS = [
    # daphne first: its runserver serves http and websockets (ASGI).
    "daphne",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.flatpages",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    "channels",
    # django-csp: its system checks (the header comes from config.middleware).
    "csp",
    # Django's task API (backport) on the database backend; the worker is ours (config).
    "django_tasks",
    "django_tasks_db",
    # The project's own app: task worker and scheduler, deployment checks.
    "config.apps.ProjectConfig",
    # Our apps, before the libraries whose templates they override.
    "community.apps.CommunityConfig",
    "community.cooperative.apps.CooperativeConfig",
    "groupbuy.apps.GroupbuyConfig",
    "cms.apps.CmsConfig",
    # Oscar: forks (shop.*) replace Oscar's entries, labels unchanged.
    "shop.config.PanierShop",
    "oscar.apps.analytics.apps.AnalyticsConfig",
    "shop.checkout.apps.CheckoutConfig",
    "oscar.apps.address.apps.AddressConfig",
    "shop.shipping.apps.ShippingConfig",
    "shop.catalogue.apps.CatalogueConfig",
    "oscar.apps.catalogue.reviews.apps.CatalogueReviewsConfig",
    "oscar.apps.communication.apps.CommunicationConfig",
    "shop.partner.apps.PartnerConfig",
    "shop.impact.apps.ImpactConfig",
    "shop.producer_orders.apps.ProducerOrdersConfig",
    "shop.payments.apps.PaymentsConfig",
    "shop.legal.apps.LegalConfig",
    "shop.payments.bank_statements.apps.BankStatementsConfig",
    "shop.wallet.apps.WalletConfig",
    "shop.wallet.currencies.apps.CurrenciesConfig",
    "shop.distributions.apps.DistributionsConfig",
    "shop.contracts.apps.ContractsConfig",
    "shop.invoicing.apps.InvoicingConfig",
    "shop.pricing.apps.PricingConfig",
    "shop.members_only.apps.BasketConfig",  # Oscar's, add view members-only
    "oscar.apps.payment.apps.PaymentConfig",
    "oscar.apps.offer.apps.OfferConfig",
    "oscar.apps.order.apps.OrderConfig",
    "oscar.apps.customer.apps.CustomerConfig",
    "oscar.apps.search.apps.SearchConfig",
    "oscar.apps.voucher.apps.VoucherConfig",
    "oscar.apps.wishlists.apps.WishlistsConfig",
    "oscar.apps.dashboard.apps.DashboardConfig",
    "oscar.apps.dashboard.reports.apps.ReportsDashboardConfig",
    "oscar.apps.dashboard.users.apps.UsersDashboardConfig",
    # Orders dashboard for staff only: producers see their own lines in producer_orders.
    "shop.producer_orders.oscar_orders.StaffOnlyOrdersDashboardConfig",
    "oscar.apps.dashboard.catalogue.apps.CatalogueDashboardConfig",
    "oscar.apps.dashboard.offers.apps.OffersDashboardConfig",
    "oscar.apps.dashboard.partners.apps.PartnersDashboardConfig",
    "oscar.apps.dashboard.pages.apps.PagesDashboardConfig",
    "oscar.apps.dashboard.ranges.apps.RangesDashboardConfig",
    "oscar.apps.dashboard.reviews.apps.ReviewsDashboardConfig",
    "oscar.apps.dashboard.vouchers.apps.VouchersDashboardConfig",
    "oscar.apps.dashboard.communications.apps.CommunicationsDashboardConfig",
    "oscar.apps.dashboard.shipping.apps.ShippingDashboardConfig",
    "widget_tweaks",
    "haystack",
    "treebeard",
    "sorl.thumbnail",
    "django_tables2",
    # Accounts: one sign-in for the whole site.
    "allauth",
    "allauth.account",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy (settings under "Security").
    "config.middleware.ContentSecurityPolicyMiddleware",
    "config.middleware.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "config.middleware.SwitcherLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # A RateLimited escaping a view becomes the French 429 (shop/ratelimit.py).
    "shop.ratelimit.RateLimitMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # Oscar's basket needs the authenticated user.
    "oscar.apps.basket.middleware.BasketMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.template.context_processors.i18n",
                "django.contrib.messages.context_processors.messages",
                "oscar.apps.search.context_processors.search_form",
                "oscar.apps.communication.notifications.context_processors.notifications",
                "oscar.apps.checkout.context_processors.checkout",
                "oscar.core.context_processors.metadata",
                "wagtail.contrib.settings.context_processors.settings",
            ],
            # `shop` is not an installed app (Oscar's root app stands for it): its panel
            # slots library is named here. The project's `seo` tags live in the `config`
            # app's templatetags.
            "libraries": {
                "panels": "shop.templatetags.panels",
                "members_only": "shop.templatetags.members_only",
                "distributions": "shop.templatetags.distributions",
            },
        },
    },
]

# --- Data stores ----------------------------------------------------------------------

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=0)
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the dev server read while a request writes.
    DATABASES["default"].setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL;"

REDIS_URL = env.str("REDIS_URL", default="")

if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.str("CACHE_KEY_PREFIX", default="panier"),
        }
    }
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {
                "hosts": [REDIS_URL],
                "prefix": env.str("CHANNEL_LAYER_PREFIX", default="panier-asgi"),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer"}}

# --- Task queue -----------------------------------------------------------------------

# Deferred work (e-mails, search index, closing group orders, reminders...) is queued in
# the database (django-tasks-db: enqueued in the caller's transaction, so a rolled-back
# request queues nothing) and run by `manage.py run_worker` processes on any machine;
# `manage.py run_scheduler` enqueues the periodic jobs of config/schedule.py.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.backend.DatabaseBackend",
        "OPTIONS": {"id_function": "config.taskqueue.ids.next_task_id"},
    }
}
# A failed task is tried again after 30 s, 2 min, 8 min, 32 min, then marked failed
# (staff see it in the dashboard's "Tasks" page and can retry it).
TASKS_MAX_ATTEMPTS = env.int("TASKS_MAX_ATTEMPTS", default=5)
TASKS_RETRY_BACKOFF_SECONDS = env.float("TASKS_RETRY_BACKOFF_SECONDS", default=30.0)
# Successful tasks are deleted after this many days (a daily scheduled task).
TASKS_KEEP_SUCCESSFUL_DAYS = env.int("TASKS_KEEP_SUCCESSFUL_DAYS", default=7)

# --- Authentication (allauth for everyone, e-mail only) -------------------------------

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "customer:summary"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_LOGOUT_REDIRECT_URL = "/"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Panier Commun] "
# ACCOUNT_RATE_LIMITS keeps allauth's defaults (on); they count in the cache above.

# --- Internationalisation -------------------------------------------------------------

LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
# `shop` itself is not an app (its forks are), so its catalogue is listed here.
# config/locale comes first: it overrides Oscar's and allauth's wording too.
LOCALE_PATHS = [BASE_DIR / "config" / "locale", BASE_DIR / "shop" / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# --- Static and media -----------------------------------------------------------------

STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# config is an app: its static/ folder is found like every app's.
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Media are served by Django itself unless a deployment puts a web server in front.
SERVE_MEDIA = env.bool("SERVE_MEDIA", default=True)
# Uploads only ever handed out by their own views, as attachments (the evidence of claims
# and opinions): their raw media URLs answer 404. A web server serving MEDIA_ROOT in
# production must deny these folders too (README, "Deploying").
PRIVATE_MEDIA_FOLDERS = ["impact/evidence/", "community/evidence/", "cooperative/assemblies/"]

# --- E-mail ---------------------------------------------------------------------------

EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
# Every e-mail goes through the task queue: the site's backend enqueues, the
# `deliver_email` task sends with the backend EMAIL_URL chose.
EMAIL_DELIVERY_BACKEND = EMAIL_CONFIG["EMAIL_BACKEND"]
EMAIL_BACKEND = "config.taskqueue.mail.TaskEmailBackend"
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Panier Commun <bonjour@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security (`manage.py check --deploy` is clean with DEBUG off) --------------------

# Behind a TLS-terminating proxy, trust its X-Forwarded-Proto header.
if env.bool("BEHIND_HTTPS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Which client address the rate limits count (allauth's engine, shop/ratelimit.py): by
# default the connection's; behind N proxies of ours, the N-th address from the right of
# X-Forwarded-For, or the header a proxy sets (X-Real-IP). Never trust a client's header.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
ALLAUTH_TRUSTED_CLIENT_IP_HEADER = env.str("TRUSTED_CLIENT_IP_HEADER", default=None)
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"  # Wagtail marks its own preview views SAMEORIGIN.
# Only strictly necessary cookies (shop/legal/cookies.py): flash messages ride in the
# session rather than in a cookie of their own.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"

# --- Payments -------------------------------------------------------------------------

# Without keys the shop offers the offline methods only (pay at pickup, bank transfer).
STRIPE_SECRET_KEY = env.str("STRIPE_SECRET_KEY", default="")
STRIPE_PUBLISHABLE_KEY = env.str("STRIPE_PUBLISHABLE_KEY", default="")
STRIPE_WEBHOOK_SECRET = env.str("STRIPE_WEBHOOK_SECRET", default="")
# Point the stripe library at another server (localstripe in tests).
STRIPE_API_BASE = env.str("STRIPE_API_BASE", default="")
STRIPE_TIMEOUT = env.int("STRIPE_TIMEOUT", default=20)  # seconds per request
STRIPE_MAX_NETWORK_RETRIES = env.int("STRIPE_MAX_NETWORK_RETRIES", default=2)
STRIPE_WEBHOOK_TOLERANCE = env.int("STRIPE_WEBHOOK_TOLERANCE", default=300)  # seconds
# Bank transfers: shown to customers with their order's reference.
BANK_TRANSFER_ACCOUNT_HOLDER = env.str("BANK_TRANSFER_ACCOUNT_HOLDER", default="")
BANK_TRANSFER_IBAN = env.str("BANK_TRANSFER_IBAN", default="")
BANK_TRANSFER_BIC = env.str("BANK_TRANSFER_BIC", default="")
# Card orders are authorised at checkout; capture them at once (True) or leave the
# capture to staff or to the group order settlement (False).
STRIPE_CAPTURE_AT_CHECKOUT = env.bool("STRIPE_CAPTURE_AT_CHECKOUT", default=True)
# Stripe.js, the one third-party script of the site, loaded on the card payment step
# only (tests point it at localstripe's copy).
STRIPE_JS_URL = env.str("STRIPE_JS_URL", default="https://js.stripe.com/v3/")

# Order statuses (labels in shop/payments/statuses.py). Offline orders wait in
# pending_payment until staff mark them paid; card orders become paid on capture.
OSCAR_INITIAL_ORDER_STATUS = "pending_payment"
OSCAR_ORDER_STATUS_PIPELINE = {
    "pending_payment": ("paid", "cancelled"),
    "paid": ("preparing", "refunded"),
    "preparing": ("ready", "refunded"),
    "ready": ("collected", "refunded"),
    "collected": ("refunded",),
    "cancelled": (),
    "refunded": (),
}

# --- Terms of sale --------------------------------------------------------------------

# The version recorded with an order when no terms-of-sale page is published (the
# checkout and group orders still ask for acceptance; see shop/legal/terms.py).
TERMS_OF_SALE_FALLBACK_VERSION = env.str("TERMS_OF_SALE_FALLBACK_VERSION", default="unpublished")

# --- Group buying ----------------------------------------------------------------------

# A member whose card charge fails at confirmation has this long to pay before their
# lines are offered to the next members in the queue.
GROUPBUY_PAYMENT_GRACE_HOURS = env.int("GROUPBUY_PAYMENT_GRACE_HOURS", default=48)
# Card authorisation at commitment when the closing is at most this many days away
# (Stripe authorisations expire after about 7 days); otherwise the card is saved.
GROUPBUY_AUTHORIZATION_MAX_DAYS = env.int("GROUPBUY_AUTHORIZATION_MAX_DAYS", default=4)
# groupbuy_renew_authorizations acts on authorisations expiring within this many hours.
GROUPBUY_RENEW_WITHIN_HOURS = env.int("GROUPBUY_RENEW_WITHIN_HOURS", default=24)

# --- Oscar ----------------------------------------------------------------------------

OSCAR_SHOP_NAME = "Panier Commun"
OSCAR_SHOP_TAGLINE = _("The cooperative basket of the social and solidarity economy")
OSCAR_HOMEPAGE = reverse_lazy("catalogue:index")
OSCAR_DEFAULT_CURRENCY = "EUR"
OSCAR_FROM_EMAIL = DEFAULT_FROM_EMAIL
OSCAR_PRODUCTS_PER_PAGE = 24
# The cooperative's commission (% of the price excl. tax) where no rate is set for the
# product's producer or class (shop.pricing; staff set rates in the dashboard).
PRICING_DEFAULT_COMMISSION_PERCENT = Decimal(
    env.str("PRICING_DEFAULT_COMMISSION_PERCENT", default="15")
)
# Oscar's default, restated: our producer pages read it, and mypy cannot see names that
# come from `from oscar.defaults import *` (Oscar ships no type hints).
OSCAR_DASHBOARD_ITEMS_PER_PAGE = 20
# Restated too: the privacy page's cookie table reads them (shop/legal/cookies.py).
OSCAR_BASKET_COOKIE_OPEN = "oscar_open_basket"
OSCAR_BASKET_COOKIE_LIFETIME = 7 * 24 * 60 * 60
# Our own placeholder, in French (Oscar looks it up under static oscar/img/).
OSCAR_MISSING_IMAGE_URL = "photo-a-venir.png"
OSCAR_ALLOW_ANON_CHECKOUT = False
OSCAR_ALLOW_ANON_REVIEWS = False
OSCAR_MODERATE_REVIEWS = True
# One review system: the community's verified-purchase feedback (community/feedback/).
# Oscar's product reviews are hidden: no URLs (404), no stars, links or sections.
OSCAR_HIDDEN_FEATURES = ["reviews"]
# Catalogue browsing reads the database (see shop/catalogue/views.py); Haystack stays
# installed only because Oscar's apps import it.
HAYSTACK_CONNECTIONS = {"default": {"ENGINE": "haystack.backends.simple_backend.SimpleEngine"}}
HAYSTACK_SIGNAL_PROCESSOR = "haystack.signals.BaseSignalProcessor"


def _is_staff(user, *args, **kwargs) -> bool:
    return user.is_staff


def _is_superuser(user, *args, **kwargs) -> bool:
    return user.is_superuser


def _can_manage_producers(user, *args, **kwargs) -> bool:
    return user.is_staff or user.has_perm("partner.dashboard_access")


def _can_manage_distributions(user, *args, **kwargs) -> bool:
    from shop.distributions.access import may_manage_distributions

    return may_manage_distributions(user)


def _can_credit_at_desk(user, *args, **kwargs) -> bool:
    return user.is_staff or user.has_perm("currencies.credit_at_desk")


# Oscar's flatpages entry is hidden (content pages belong to Wagtail); the three back
# offices link to each other instead.
OSCAR_DASHBOARD_NAVIGATION: list[dict] = [
    item for item in OSCAR_DASHBOARD_NAVIGATION if item.get("icon") != "fas fa-folder"
] + [
    {
        "label": _("My producers"),
        "icon": "fas fa-seedling",
        "url_name": "impact-dashboard:producer-list",
        "access_fn": _can_manage_producers,
    },
    {
        "label": _("Producer orders"),
        "icon": "fas fa-clipboard-list",
        "url_name": "producer-orders:index",
        "access_fn": _can_manage_producers,
    },
    {
        "label": _("Distributions"),
        "icon": "fas fa-calendar-alt",
        "url_name": "distributions-dashboard:index",
        "access_fn": _can_manage_distributions,
    },
    {
        "label": _("Invoices"),
        "icon": "fas fa-file-invoice",
        "url_name": "invoicing:invoice-list",
        "access_fn": _is_staff,
    },
    {
        "label": _("Charter"),
        "icon": "fas fa-balance-scale",
        "url_name": "impact-dashboard:charter",
        "access_fn": _is_staff,
    },
    {
        "label": _("Cooperative"),
        "icon": "fas fa-hands-helping",
        "access_fn": _is_staff,
        "children": [
            {
                "label": _("Register of members"),
                "url_name": "cooperative-dashboard:register",
                "access_fn": _is_staff,
            },
            {
                "label": _("Subscriptions awaiting payment"),
                "url_name": "cooperative-dashboard:subscriptions",
                "access_fn": _is_staff,
            },
            {
                "label": _("Bank statements"),
                "url_name": "bank-statements:index",
                "access_fn": _is_staff,
            },
            {
                "label": _("Redemptions"),
                "url_name": "cooperative-dashboard:redemptions",
                "access_fn": _is_staff,
            },
            {
                "label": _("General assemblies"),
                "url_name": "cooperative-dashboard:assemblies",
                "access_fn": _is_staff,
            },
            {
                "label": _("Rules"),
                "url_name": "cooperative-dashboard:rules",
                "access_fn": _is_staff,
            },
            {
                "label": _("Member benefits"),
                "url_name": "cooperative-dashboard:benefits",
                "access_fn": _is_staff,
            },
            {
                "label": _("Audit trail"),
                "url_name": "cooperative-dashboard:audit",
                "access_fn": _is_staff,
            },
            {
                "label": _("Commissions and logistics fees"),
                "url_name": "pricing-dashboard:index",
                "access_fn": _is_staff,
            },
            # The wallets belong to the shop, but a menu of their own would not fit.
            {
                "label": _("Member wallets"),
                "url_name": "wallet-dashboard:list",
                "access_fn": _is_staff,
            },
            {
                "label": _("Wallets' trial balance"),
                "url_name": "wallet-dashboard:trial-balance",
                "access_fn": _is_staff,
            },
        ],
    },
    {
        "label": _("Local currencies"),
        "icon": "fas fa-coins",
        "access_fn": _can_credit_at_desk,
        "children": [
            {
                "label": _("Currencies"),
                "url_name": "currencies-dashboard:index",
                "access_fn": _is_staff,
            },
            {
                "label": _("Accepted by producers"),
                "url_name": "currencies-dashboard:acceptances",
                "access_fn": _is_staff,
            },
            {
                "label": _("Exchange desk"),
                "url_name": "currencies-dashboard:desk",
                "access_fn": _can_credit_at_desk,
            },
            {
                "label": _("Operator transfers"),
                "url_name": "currencies-dashboard:operator-transfers",
                "access_fn": _is_staff,
            },
            {
                "label": _("Owed to producers"),
                "url_name": "currencies-dashboard:owed",
                "access_fn": _is_staff,
            },
        ],
    },
    {
        "label": _("Background tasks"),
        "icon": "fas fa-tasks",
        "url_name": "taskqueue:list",
        "access_fn": _is_staff,
    },
    {
        "label": _("Personal data"),
        "icon": "fas fa-user-shield",
        "url_name": "privacy-dashboard:index",
        "access_fn": _is_staff,
    },
    {
        "label": _("Content"),
        "icon": "fas fa-folder",
        "children": [
            {"label": _("Email templates"), "url_name": "dashboard:comms-list"},
            {
                "label": _("Pages (Wagtail admin)"),
                "url_name": "wagtailadmin_home",
                "access_fn": _is_staff,
            },
            {
                "label": _("Django admin"),
                "url_name": "admin:index",
                "access_fn": _is_superuser,
            },
        ],
    },
]

# --- Maps -----------------------------------------------------------------------------

# Leaflet is served by the project; tiles come from this server. Empty by default so a
# page makes no third-party request: the directory then shows markers without a
# background map. E.g. https://tile.openstreetmap.org/{z}/{x}/{y}.png (respect its usage
# policy) or a self-hosted tile server.
MAP_TILE_URL = env.str("MAP_TILE_URL", default="")
MAP_TILE_ATTRIBUTION = env.str("MAP_TILE_ATTRIBUTION", default="&copy; OpenStreetMap contributors")

# --- Content-Security-Policy (django-csp) ----------------------------------------------

# Public pages run no inline script or style (behaviours live in config/static/js, keyed
# on data attributes; styles in config/static/css): a script injected into a page cannot
# run. Stripe.js is allowed on the card payment step only (shop/payments/csp.py adds
# CSP_STRIPE_DIRECTIVES and the origin of STRIPE_JS_URL there); config.middleware adds
# the page's own ws:// or wss:// origin to connect-src for the live pages (Channels).
_tiles = urlsplit(MAP_TILE_URL)
# A Leaflet `{s}` subdomain ({s}.tile.example.org) becomes the wildcard *.tile.example.org.
_TILE_SOURCES = [f"{_tiles.scheme}://{_tiles.netloc.replace('{s}', '*')}"] if _tiles.netloc else []
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *_TILE_SOURCES],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    },
}
CSP_STRIPE_DIRECTIVES = {
    "script-src": ["https://js.stripe.com", "https://*.js.stripe.com"],
    "frame-src": ["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"],
    "connect-src": ["https://api.stripe.com"],
}
# The three back offices (Wagtail admin, Django admin, Oscar dashboard) are staff-only and
# built on inline scripts and styles they ship (Oscar's dashboard initialises every page
# inline, Wagtail and Django's admin use style attributes): they get this relaxed policy,
# still with no third-party source. Wagtail's preview panel frames its own pages.
CSP_BACK_OFFICE_URL_PREFIXES = ("/cms-admin/", "/django-admin/", "/boutique/dashboard/")
CSP_BACK_OFFICE_DIRECTIVES = {
    "default-src": [SELF],
    "script-src": [SELF, UNSAFE_INLINE],
    "style-src": [SELF, UNSAFE_INLINE],
    "img-src": [SELF, "data:", "blob:", *_TILE_SOURCES],
    "font-src": [SELF, "data:"],
    "connect-src": [SELF],
    "frame-src": [SELF],
    "object-src": [NONE],
    "base-uri": [SELF],
    "form-action": [SELF],
    "frame-ancestors": [SELF],
}
# Browser features no page of the site uses (the Payment Request API stays available to
# Stripe's frame on the card step).
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), usb=()"
)

# --- Wagtail --------------------------------------------------------------------------

WAGTAIL_SITE_NAME = "Panier Commun"
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAILADMIN_BASE_URL = env.str("WAGTAILADMIN_BASE_URL", default="http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_I18N_ENABLED = False
WAGTAIL_ALLOW_UNICODE_SLUGS = False
# The admin makes no third-party request: no Gravatar avatars, no check for a newer
# Wagtail release (a request from the editor's browser), no "what's new" banner linking
# out (tests/e2e/test_wagtail_admin_requests.py lists the hosts a session reaches).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False

# --- Logging --------------------------------------------------------------------------

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        # One INFO line per task start is noise; the worker logs what it runs.
        "django_tasks": {"level": "WARNING"},
    },
}

# Participatory guarantee: a claim is "validé par la communauté" with this many current
# confirmations, from at least this many colleges, including each required college.
COMMUNITY_QUORUM = {
    "confirmations": 3,
    "colleges": 2,
    "required_colleges": ["consumers", "peer_producers"],
}

# The site's one rate limiter (shop/ratelimit.py, allauth's engine): action -> allauth
# rate "amount/period/per", period in s, m, h or d ("10m" = ten minutes), per "user" (a
# member) or "ip" (a client address); several rates may be joined with ",".
RATE_LIMITS = {
    "post": "5/10m/user",  # 5 posts per 10 minutes
    "comment": "20/10m/user",
    "reaction": "30/m/user",  # 30 reactions per minute
    "report": "10/h/user",
    "need": "5/h/user",
    "need_support": "30/10m/user",
    "claim_opinion": "20/h/user",
    "feedback": "10/h/user",
    "producer_application": "5/d/user",
    "commitment": "60/10m/user",  # quantities are adjusted one product at a time
    "postcode": "30/10m/ip",
}
# Publishing one of these page models announces it in the feed ("app_label.Model").
COMMUNITY_EDUCATION_PAGE_MODELS = ("cms.ArticlePage",)

# --- Invoicing (shop/invoicing) -------------------------------------------------------

# The cooperative's legal identity, printed on its invoices and on the mandate mention
# (the legal notice page says the same; set them in production's environment).
COOPERATIVE_LEGAL_IDENTITY = {
    "name": env.str("COOP_LEGAL_NAME", default="Panier Commun"),
    "legal_form": env.str("COOP_LEGAL_FORM", default="SCIC SAS à capital variable"),
    "address": env.str("COOP_ADDRESS", default="1 place de la Coopération"),
    "postcode": env.str("COOP_POSTCODE", default="26150"),
    "city": env.str("COOP_CITY", default="Die"),
    "siret": env.str("COOP_SIRET", default=""),
    "vat_number": env.str("COOP_VAT_NUMBER", default=""),
    "registration": env.str("COOP_REGISTRATION", default=""),  # "RCS Romans 123 456 789"
    "share_capital": env.str("COOP_SHARE_CAPITAL", default=""),  # "variable, minimum 1 000 €"
}
# Invoice numbers: "<prefix>-<year>-<6 digits>" for the cooperative; a producer's
# invoices under mandate add its id ("PC-M12-2027-000001"): one gapless series per issuer.
INVOICE_NUMBER_PREFIX = env.str("INVOICE_NUMBER_PREFIX", default="PC")
