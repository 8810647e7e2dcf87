"""The live presence websocket, through the real ASGI stack (origin check, auth, routing)."""

import pytest
from channels.testing import WebsocketCommunicator
from django.conf import settings

from config.asgi import application

LOCAL_ORIGIN = [(b"origin", b"http://localhost")]


def _connect(headers=LOCAL_ORIGIN) -> WebsocketCommunicator:
    return WebsocketCommunicator(application, "/ws/presence/", headers=headers)


async def test_connect_receives_the_online_count(channel_layer_backend):
    communicator = _connect()
    connected, _ = await communicator.connect()
    assert connected
    message = await communicator.receive_json_from(timeout=3)
    assert message == {"type": "presence", "online": 1}
    await communicator.disconnect()


async def test_a_second_visitor_is_announced_to_the_first(channel_layer_backend):
    first, second = _connect(), _connect()
    await first.connect()
    assert (await first.receive_json_from(timeout=3))["online"] == 1
    await second.connect()
    assert (await second.receive_json_from(timeout=3))["online"] == 2
    # The first page hears about the second visitor through the channel layer.
    assert (await first.receive_json_from(timeout=3)) == {"type": "presence", "online": 2}
    await second.disconnect()
    assert (await first.receive_json_from(timeout=3))["online"] == 1
    await first.disconnect()


async def test_ping_gets_a_pong(channel_layer_backend):
    communicator = _connect()
    await communicator.connect()
    await communicator.receive_json_from(timeout=3)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=3) == {"type": "pong"}
    await communicator.disconnect()


@pytest.mark.parametrize(
    "headers",
    [
        [(b"origin", b"https://evil.example.com")],
        [],  # no Origin header at all
    ],
    ids=["foreign-origin", "no-origin"],
)
async def test_foreign_origin_is_refused(headers):
    communicator = _connect(headers)
    connected, _ = await communicator.connect()
    assert not connected
    await communicator.disconnect()


def test_redis_layer_is_used_when_redis_url_is_set():
    backend = settings.CHANNEL_LAYERS["default"]["BACKEND"]
    if settings.REDIS_URL:
        assert backend == "channels_redis.core.RedisChannelLayer"
    else:
        assert backend == "channels.layers.InMemoryChannelLayer"
