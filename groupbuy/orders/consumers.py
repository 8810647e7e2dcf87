"""Live progress of a group order: one websocket per open page, read-only.

The page's socket joins the channel-layer group ``group-order.<pk>`` and receives the
progress snapshot at once, then every coalesced update (see ``groupbuy/orders/live.py``).
Only active members of the group may listen; members change their commitments over
HTTP, never over the socket.
"""

from __future__ import annotations

import json

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer

from groupbuy.groups.models import Membership

from . import live
from .models import GroupOrder, GroupOrderState

# Close code of a refused socket (4000-4999 are for applications; 403 as in HTTP).
REFUSED = 4403


@database_sync_to_async
def may_watch(user, group_order_pk: int) -> bool:
    """An active member of the group; a draft is shown to its coordinators only."""
    if user is None or not user.is_authenticated:
        return False
    group_order = GroupOrder.objects.filter(pk=group_order_pk).only("group_id", "state").first()
    if group_order is None:
        return False
    memberships = Membership.objects.filter(
        group_id=group_order.group_id, user=user, status=Membership.Status.ACTIVE
    )
    if group_order.state == GroupOrderState.DRAFT:
        memberships = memberships.filter(role=Membership.Role.COORDINATOR)
    return memberships.exists()


class GroupOrderProgressConsumer(AsyncJsonWebsocketConsumer):
    group_name: str | None = None

    async def connect(self) -> None:
        pk = self.scope["url_route"]["kwargs"]["pk"]
        if not await may_watch(self.scope.get("user"), pk):
            await self.close(code=REFUSED)  # before accept: the handshake is refused
            return
        # Join before reading the snapshot so no update falls between the two.
        self.group_name = live.group_name(pk)
        await self.channel_layer.group_add(self.group_name, self.channel_name)
        await self.accept()
        await self.send_json(await database_sync_to_async(live.progress_message)(pk))

    async def disconnect(self, code: int) -> None:
        if self.group_name:
            await self.channel_layer.group_discard(self.group_name, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None, **kwargs) -> None:
        """Only {"type": "ping"} is answered; anything else is ignored (no writes here)."""
        try:
            content = json.loads(text_data) if text_data else None
        except ValueError:
            return
        if isinstance(content, dict) and content.get("type") == "ping":
            await self.send_json({"type": "pong"})

    async def progress_update(self, event: dict) -> None:
        await self.send_json(event["message"])
