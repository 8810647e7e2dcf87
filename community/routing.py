from django.urls import path

from . import consumers
from .feed import consumers as feed_consumers

websocket_urlpatterns = [
    path("ws/presence/", consumers.PresenceConsumer.as_asgi()),
    path("ws/communaute/fil/", feed_consumers.FeedConsumer.as_asgi()),
]
