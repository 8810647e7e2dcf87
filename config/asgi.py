"""ASGI entry point: http goes to Django, websockets to the apps' routing modules."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")

# Build the Django app first: it sets up the app registry the consumers import from.
django_asgi_app = get_asgi_application()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402

from community.routing import websocket_urlpatterns as community_websockets  # noqa: E402
from groupbuy.routing import websocket_urlpatterns as groupbuy_websockets  # noqa: E402

websocket_urlpatterns = [*community_websockets, *groupbuy_websockets]

application = ProtocolTypeRouter(
    {
        "http": django_asgi_app,
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter(websocket_urlpatterns))
        ),
    }
)
