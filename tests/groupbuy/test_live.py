"""Live progress of a group order over websockets, through the real ASGI stack (origin
check, session auth, routing), on the in-memory layer and, with REDIS_URL, on Redis.

The database is transactional: the consumer reads from its own thread, and a
commitment is broadcast only once its transaction commits."""

import asyncio
import time
from decimal import Decimal

import pytest
from channels.db import database_sync_to_async
from channels.layers import channel_layers
from channels.testing import WebsocketCommunicator
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from config.asgi import application
from groupbuy.models import Commitment, CommitmentPart, Membership, PriceTier
from groupbuy.orders import live, services
from tests.factories import TERMS_VERSION, UserFactory, create_group_order

pytestmark = pytest.mark.django_db(transaction=True)

LOCAL_ORIGIN = b"http://localhost"


@pytest.fixture
def members(transactional_db):
    return [UserFactory(), UserFactory()]


@pytest.fixture
def group_order(members):
    """Cases of 6, a minimum of 12 units, 3.50 € from 12 units (4.00 € below)."""
    group_order = create_group_order(members=members, offers=[{"case_size": 6, "min_units": 12}])
    PriceTier.objects.create(
        offer=group_order.offers.get(), min_units=12, unit_price_incl_tax=Decimal("3.50")
    )
    return group_order


@pytest.fixture
def offer(group_order):
    return group_order.offers.get()


def _session_cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def _socket(group_order, user=None, origin=LOCAL_ORIGIN, pk=None) -> WebsocketCommunicator:
    headers = [(b"origin", origin)] if origin else []
    if user is not None:
        cookie = f"{settings.SESSION_COOKIE_NAME}={_session_cookie(user)}"
        headers.append((b"cookie", cookie.encode()))
    return WebsocketCommunicator(
        application, f"/ws/groupes/commandes/{pk or group_order.pk}/", headers=headers
    )


async def _open(group_order, user) -> WebsocketCommunicator:
    """A connected socket whose snapshot has been read."""
    communicator = await database_sync_to_async(_socket)(group_order, user)
    connected, _ = await communicator.connect(timeout=3)
    assert connected
    snapshot = await communicator.receive_json_from(timeout=3)
    assert snapshot["type"] == "progress"
    return communicator


async def _refused(communicator: WebsocketCommunicator):
    connected, code = await communicator.connect(timeout=3)
    await communicator.disconnect()
    return not connected, code


async def _messages_until_quiet(communicator, quiet=0.8) -> list[dict]:
    messages = []
    while not await communicator.receive_nothing(timeout=quiet):
        messages.append(await communicator.receive_json_from(timeout=1))
    return messages


commit = database_sync_to_async(services.commitment_set)


def _progress_json(group_order, user) -> dict:
    client = Client()
    client.force_login(user)
    response = client.get(
        reverse(
            "groupbuy:group-order-progress",
            kwargs={"slug": group_order.group.slug, "pk": group_order.pk},
        )
    )
    assert response.status_code == 200
    return response.json()


def _offer_progress(message, offer) -> dict:
    return message["offers"][str(offer.pk)]


# --- Who may listen -------------------------------------------------------------------


async def test_a_member_receives_the_snapshot_on_connect(
    channel_layer_backend, group_order, offer, members
):
    def commit_directly():  # state already there before the page opens
        commitment = Commitment.objects.create(offer=offer, member=members[1], tolerance=2)
        CommitmentPart.objects.create(commitment=commitment, quantity=4)

    await database_sync_to_async(commit_directly)()
    communicator = await database_sync_to_async(_socket)(group_order, members[0])
    connected, _ = await communicator.connect(timeout=3)
    assert connected
    snapshot = await communicator.receive_json_from(timeout=3)
    assert snapshot == {
        "type": "progress",
        "group_order": group_order.pk,
        "offers": {
            str(offer.pk): {
                "firm": 4,
                "tolerance": 2,
                "cases": 0,
                "missing-case": 2,
                "missing-minimum": 8,
                "price": "4.00",
                "next-tier": {"missing": 6, "price": "3.50"},  # 10 firm + 2 tolerance: 2 cases
            }
        },
    }
    await communicator.disconnect()


async def test_the_coordinator_may_listen(channel_layer_backend, group_order):
    coordinator = group_order.created_by
    communicator = await _open(group_order, coordinator)
    await communicator.disconnect()


async def test_a_non_member_is_refused(channel_layer_backend, group_order):
    outsider = await database_sync_to_async(UserFactory)()
    assert await _refused(await database_sync_to_async(_socket)(group_order, outsider)) == (
        True,
        4403,
    )


async def test_a_member_waiting_for_approval_is_refused(channel_layer_backend, group_order):
    def pending_member():
        user = UserFactory()
        Membership.objects.create(
            group=group_order.group, user=user, status=Membership.Status.PENDING
        )
        return user

    user = await database_sync_to_async(pending_member)()
    assert await _refused(await database_sync_to_async(_socket)(group_order, user)) == (
        True,
        4403,
    )


async def test_an_anonymous_socket_is_refused(channel_layer_backend, group_order):
    assert await _refused(_socket(group_order)) == (True, 4403)


async def test_an_unknown_group_order_is_refused(channel_layer_backend, group_order, members):
    communicator = await database_sync_to_async(_socket)(
        group_order, members[0], pk=group_order.pk + 1000
    )
    assert await _refused(communicator) == (True, 4403)


@pytest.mark.parametrize("origin", [b"https://evil.example.com", None], ids=["foreign", "none"])
async def test_a_foreign_origin_is_refused_even_for_a_member(
    channel_layer_backend, group_order, members, origin
):
    communicator = await database_sync_to_async(_socket)(group_order, members[0], origin)
    refused, _ = await _refused(communicator)
    assert refused


async def test_only_ping_is_answered(channel_layer_backend, group_order, members, offer):
    communicator = await _open(group_order, members[0])
    await communicator.send_json_to({"type": "commit", "offer": offer.pk, "quantity": 5})
    await communicator.send_to(text_data="not json")
    assert await communicator.receive_nothing(timeout=0.3)
    await communicator.send_json_to({"type": "ping"})
    assert await communicator.receive_json_from(timeout=3) == {"type": "pong"}
    assert await database_sync_to_async(Commitment.objects.count)() == 0
    await communicator.disconnect()


# --- Updates ----------------------------------------------------------------------------


async def test_a_commitment_updates_every_open_page_within_a_second(
    channel_layer_backend, group_order, offer, members
):
    sockets = [
        await _open(group_order, members[0]),
        await _open(group_order, members[1]),
        await _open(group_order, group_order.created_by),
    ]
    await commit(
        offer=offer, member=members[0], quantity=8, tolerance=4, terms_version=TERMS_VERSION
    )
    committed_at = time.monotonic()
    for communicator in sockets:
        message = await communicator.receive_json_from(timeout=1)
        assert _offer_progress(message, offer) == {
            "firm": 8,
            "tolerance": 4,
            "cases": 1,
            "missing-case": 4,
            "missing-minimum": 4,
            "price": "3.50",  # 8 firm + 4 tolerance complete a 2nd case: 12 units
            "next-tier": None,
        }
    assert time.monotonic() - committed_at < 1
    # The same numbers as the page's HTTP resync endpoint.
    page = await database_sync_to_async(_progress_json)(group_order, members[1])
    assert page["offers"] == message["offers"]
    for communicator in sockets:
        await communicator.disconnect()


async def test_rapid_commitments_are_coalesced_and_the_last_state_arrives(
    channel_layer_backend, group_order, offer, members
):
    communicator = await _open(group_order, members[0])
    for quantity in range(1, 21):
        await commit(
            offer=offer,
            member=members[quantity % 2],
            quantity=quantity,
            terms_version=TERMS_VERSION,
        )
    messages = await _messages_until_quiet(communicator)
    assert 1 <= len(messages) <= 5
    expected = await database_sync_to_async(live.progress_message)(group_order.pk)
    assert messages[-1] == expected
    assert _offer_progress(messages[-1], offer)["firm"] == 19 + 20
    await communicator.disconnect()


async def test_a_rolled_back_commitment_is_not_broadcast(
    channel_layer_backend, group_order, offer, members
):
    communicator = await _open(group_order, members[0])

    @database_sync_to_async
    def commit_then_roll_back():
        with pytest.raises(RuntimeError), transaction.atomic():
            services.commitment_set(
                offer=offer, member=members[0], quantity=6, terms_version=TERMS_VERSION
            )
            raise RuntimeError("payment refused")

    await commit_then_roll_back()
    assert await communicator.receive_nothing(timeout=live.COALESCE_SECONDS + 0.5)
    await communicator.disconnect()


async def test_a_broadcast_scheduled_by_another_worker_carries_later_commits(
    channel_layer_backend, group_order, offer, members
):
    """The claim lives in the shared cache: while another worker holds it, this one
    sends nothing, and the other worker's broadcast reads the committed state."""
    communicator = await _open(group_order, members[0])
    await cache.aset(live._claim_key(group_order.pk), 1, live.CLAIM_TTL)  # the other worker
    await commit(offer=offer, member=members[0], quantity=5, terms_version=TERMS_VERSION)
    assert await communicator.receive_nothing(timeout=live.COALESCE_SECONDS + 0.3)
    await live.broadcast_now(group_order.pk)  # the other worker's scheduled broadcast
    message = await communicator.receive_json_from(timeout=1)
    assert _offer_progress(message, offer)["firm"] == 5
    # The claim is released: the next commitment schedules its own broadcast.
    await commit(offer=offer, member=members[1], quantity=2, terms_version=TERMS_VERSION)
    message = await communicator.receive_json_from(timeout=1)
    assert _offer_progress(message, offer)["firm"] == 7
    await communicator.disconnect()


@pytest.mark.redis
async def test_a_commitment_made_outside_a_server_is_broadcast_too(
    group_order, offer, members, settings
):
    """A management command or shell has no worker event loop: a timer thread sends
    the broadcast through Redis to the workers' sockets."""
    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [settings.REDIS_URL], "prefix": "test-groupbuy-live"},
        }
    }
    channel_layers.backends.clear()
    communicator = await _open(group_order, members[0])

    def commit_in_a_plain_thread():
        services.commitment_set(
            offer=offer, member=members[1], quantity=3, terms_version=TERMS_VERSION
        )

    await asyncio.to_thread(commit_in_a_plain_thread)  # no sync_to_async around it
    message = await communicator.receive_json_from(timeout=1)
    assert _offer_progress(message, offer)["firm"] == 3
    await communicator.disconnect()
    channel_layers.backends.clear()
