"""Live presence: how many people have the site open, pushed to every open page.

The count lives in the cache (Redis in production, so it is shared by every ASGI
worker) and each change is broadcast to a channel-layer group.
"""

from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.core.cache import cache

PRESENCE_GROUP = "site.presence"
PRESENCE_KEY = "community:presence:count"
# A worker that dies never decrements: let the count fade out after a day.
PRESENCE_TTL = 24 * 3600


class PresenceConsumer(AsyncJsonWebsocketConsumer):
    async def connect(self) -> None:
        await self.accept()
        await self.channel_layer.group_add(PRESENCE_GROUP, self.channel_name)
        await cache.aadd(PRESENCE_KEY, 0, PRESENCE_TTL)
        count = await cache.aincr(PRESENCE_KEY)
        await self.channel_layer.group_send(
            PRESENCE_GROUP, {"type": "presence.changed", "online": count}
        )

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(PRESENCE_GROUP, self.channel_name)
        try:
            count = max(await cache.adecr(PRESENCE_KEY), 0)
        except ValueError:  # the key expired meanwhile
            return
        await self.channel_layer.group_send(
            PRESENCE_GROUP, {"type": "presence.changed", "online": count}
        )

    async def receive_json(self, content, **kwargs) -> None:
        if content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def presence_changed(self, event: dict) -> None:
        await self.send_json({"type": "presence", "online": event["online"]})
