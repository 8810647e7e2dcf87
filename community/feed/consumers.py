"""The live feed: new posts pushed to every open feed page."""

import json

from channels.generic.websocket import AsyncJsonWebsocketConsumer

from .services import FEED_GROUP

#: Close code of a refused socket (4000-4999 are for applications; 403 as in HTTP).
REFUSED = 4403


class FeedConsumer(AsyncJsonWebsocketConsumer):
    """New posts pushed to every open feed page, as HTML rendered for everyone.

    Read-only: members write over HTTP (verified e-mail, rate limits, CSRF). Anyone may
    listen, as anyone may read the feed; a write attempt from an anonymous socket closes
    it, and a signed-in member is told to use the page. Foreign origins are refused
    before this consumer runs (AllowedHostsOriginValidator in config/asgi.py).
    """

    async def connect(self) -> None:
        await self.channel_layer.group_add(FEED_GROUP, self.channel_name)
        await self.accept()

    async def disconnect(self, code: int) -> None:
        await self.channel_layer.group_discard(FEED_GROUP, self.channel_name)

    async def receive_json(self, content, **kwargs) -> None:
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})
            return
        user = self.scope.get("user")
        if user is None or not user.is_authenticated:
            await self.send_json({"type": "error", "error": "anonymous-write-refused"})
            await self.close(code=REFUSED)
            return
        await self.send_json({"type": "error", "error": "read-only"})

    async def decode_json(self, text_data):
        try:
            return json.loads(text_data)
        except ValueError:
            return None

    async def feed_post(self, event: dict) -> None:
        await self.send_json({"type": "post", "id": event["id"], "html": event["html"]})
