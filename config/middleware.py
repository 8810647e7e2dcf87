"""Project-wide middleware."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.utils import translation
from django.utils.cache import patch_vary_headers


class SwitcherLocaleMiddleware:
    """French for everyone unless the visitor chose another language with the switcher.

    Django's LocaleMiddleware would follow the browser's Accept-Language; the cooperative
    is French first, so only the language cookie set by `set_language` counts.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.available else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's header with the site's two additions.

    The back offices get CSP_BACK_OFFICE_DIRECTIVES (their inline scripts and styles);
    every page may open a websocket to its own host (`'self'` covers ws:// and wss:// in
    CSP Level 3 only, so the origin is spelled out for older browsers).
    """

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only:
            return parts
        if parts.config is None and request.path_info.startswith(
            settings.CSP_BACK_OFFICE_URL_PREFIXES
        ):
            parts.config = settings.CSP_BACK_OFFICE_DIRECTIVES
        websocket = _websocket_origin(request)
        if websocket:
            update = dict(parts.update or {})
            update["connect-src"] = [*_as_list(update.get("connect-src")), websocket]
            parts.update = update
        return parts


def _websocket_origin(request) -> str:
    try:
        host = request.get_host()  # validated against ALLOWED_HOSTS: nothing injected
    except DisallowedHost:
        return ""
    return f"{'wss' if request.is_secure() else 'ws'}://{host}"


def _as_list(value) -> list:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if settings.PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response
