"""The live feed over websockets, through the real ASGI stack (origin check, session auth,
routing), on the in-memory layer and, with REDIS_URL, on Redis.

Transactional database: a post is broadcast only once its transaction has committed."""

import pytest
from channels.db import database_sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.test import Client

from community.feed import services
from community.models import Post
from config.asgi import application
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

URL = "/ws/communaute/fil/"
LOCAL_ORIGIN = b"http://localhost"


def _socket(user=None, origin=LOCAL_ORIGIN) -> WebsocketCommunicator:
    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        client = Client()
        client.force_login(user)
        name = settings.SESSION_COOKIE_NAME
        headers.append((b"cookie", f"{name}={client.cookies[name].value}".encode()))
    return WebsocketCommunicator(application, URL, headers=headers)


async def _open(user=None) -> WebsocketCommunicator:
    communicator = await database_sync_to_async(_socket)(user)
    connected, _ = await communicator.connect(timeout=3)
    assert connected
    return communicator


async def test_a_new_post_reaches_connected_viewers(channel_layer_backend):
    author = await database_sync_to_async(UserFactory)(display_name="Nadia")
    anonymous_viewer = await _open()
    member_viewer = await _open(await database_sync_to_async(UserFactory)())
    post = await database_sync_to_async(services.post_create)(
        author=author, body="Livraison **jeudi** <script>alert(1)</script>"
    )
    for viewer in (anonymous_viewer, member_viewer):
        message = await viewer.receive_json_from(timeout=3)
        assert message["type"] == "post" and message["id"] == post.pk
        assert "Nadia" in message["html"] and "<strong>jeudi</strong>" in message["html"]
        assert "<script>" not in message["html"]
        await viewer.disconnect()


async def test_an_event_post_is_pushed_too(channel_layer_backend):
    viewer = await _open()
    post = await database_sync_to_async(services.event_post_create)(
        event_type=Post.EventType.GROUP_ORDER_CONFIRMED,
        event_key="test-event",
        payload={"title": "Commande de mars", "group_name": "Les Paniers"},
    )
    message = await viewer.receive_json_from(timeout=3)
    assert message["id"] == post.pk and "Commande de mars" in message["html"]
    await viewer.disconnect()


async def test_a_post_rolled_back_is_never_broadcast(channel_layer_backend):
    from django.db import transaction

    author = await database_sync_to_async(UserFactory)()
    viewer = await _open()

    def create_then_fail():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.post_create(author=author, body="Annulé")
            raise RuntimeError

    await database_sync_to_async(create_then_fail)()
    assert await viewer.receive_nothing(timeout=0.5)
    await viewer.disconnect()


async def test_an_anonymous_write_is_refused(channel_layer_backend):
    viewer = await _open()
    await viewer.send_json_to({"type": "post", "body": "spam anonyme"})
    assert await viewer.receive_json_from(timeout=3) == {
        "type": "error",
        "error": "anonymous-write-refused",
    }
    output = await viewer.receive_output(timeout=3)
    assert output == {"type": "websocket.close", "code": 4403}
    assert await database_sync_to_async(Post.objects.count)() == 0


async def test_the_socket_is_read_only_for_members_too(channel_layer_backend):
    viewer = await _open(await database_sync_to_async(UserFactory)())
    await viewer.send_json_to({"type": "post", "body": "par le socket"})
    assert await viewer.receive_json_from(timeout=3) == {"type": "error", "error": "read-only"}
    await viewer.send_json_to({"type": "ping"})
    assert await viewer.receive_json_from(timeout=3) == {"type": "pong"}
    assert await database_sync_to_async(Post.objects.count)() == 0
    await viewer.disconnect()


@pytest.mark.parametrize(
    "origin",
    [b"https://evil.example.com", b"http://localhost.evil.example", None],
    ids=["foreign", "lookalike", "none"],
)
async def test_a_foreign_origin_is_refused(channel_layer_backend, origin):
    user = await database_sync_to_async(UserFactory)()
    communicator = await database_sync_to_async(_socket)(user, origin)
    connected, _ = await communicator.connect(timeout=3)
    assert not connected
    await communicator.disconnect()
