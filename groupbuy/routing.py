from django.urls import path

from .orders import consumers

websocket_urlpatterns = [
    path("ws/groupes/commandes/<int:pk>/", consumers.GroupOrderProgressConsumer.as_asgi()),
]
