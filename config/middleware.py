"""Project-wide middleware."""

from django.conf import settings
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
