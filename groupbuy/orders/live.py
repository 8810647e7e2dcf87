"""Live progress of a group order, pushed to every open page over the channel layer.

What is sent
    One message shape for the websocket snapshot, every broadcast and the page's HTTP
    resync (``progress_message``)::

        {"type": "progress", "group_order": 12, "offers": {
            "34": {"firm": 7, "tolerance": 2, "cases": 1, "missing-case": 5,
                   "missing-minimum": 0, "price": "3.50",
                   "next-tier": {"missing": 5, "price": "3.20"}}}}

    Keys of an offer are the ``data-field`` names of the page (``#offer-<pk>
    [data-field=...]``); ``next-tier`` is null when no better price tier is left.
    Prices are decimal strings (the browser formats them in the page's language). The
    numbers are the page's: ``progress.group_order_progress`` (sums of firm units and
    tolerances per offer through ``allocation.offer_progress``) put in this shape by
    ``progress.live_fields``; ``/progression.json`` returns the same message with
    the page's texts added (``orders.views.progress_json``).

Coalescing (at most a few messages per second per group order)
    ``services.commitment_set`` sends ``group_order_commitments_changed`` from
    ``transaction.on_commit``, so only committed changes are broadcast. The receiver
    does not broadcast at once; it claims a short-lived key in the Django cache (Redis
    in production, so every ASGI worker sees it) with ``cache.add``:

    * the key was free: this commit schedules one broadcast ``COALESCE_SECONDS``
      later;
    * the key was taken: a broadcast is already scheduled and will carry this commit
      too, so nothing more is done.

    When the scheduled broadcast fires it first *deletes* the key, then reads the
    progress from the database, then sends it to the channel-layer group
    ``group-order.<pk>``. A commit whose signal came before the delete is already in
    the database when the progress is read; a commit whose signal comes after it
    claims the key again and schedules the next broadcast. So the last state is
    always delivered (trailing edge), with a delay of ``COALESCE_SECONDS`` plus one
    query, and a group order gets at most about ``1 / COALESCE_SECONDS`` broadcasts
    a second however many members commit, on however many workers. The key expires
    after ``CLAIM_TTL`` seconds, so a worker that dies while holding it only delays
    the next broadcast; a page that lost messages resyncs over HTTP when its socket
    reconnects.

Where the delayed broadcast runs
    In a request (an ASGI worker runs sync views in a thread under ``sync_to_async``)
    the broadcast is a task on the worker's event loop, the loop that also runs the
    consumers: no extra thread, and the in-memory channel layer of ``make run`` works.
    Outside a server (management command, shell) a non-daemon timer thread does it,
    so the message still leaves before the process exits.
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import threading

from asgiref.sync import async_to_sync
from channels.db import database_sync_to_async
from channels.layers import get_channel_layer
from django.core.cache import cache
from django.db import connections

from .models import GroupOrder
from .progress import progress_message as _progress_message

logger = logging.getLogger(__name__)

# A broadcast waits this long for more commits to the same group order.
COALESCE_SECONDS = 0.25
# Lifetime of the "a broadcast is scheduled" key: longer than the wait, short enough
# that a worker dying while holding it does not silence a group order for long.
CLAIM_TTL = 2

# Broadcast tasks scheduled on an event loop: a strong reference until they are done.
_pending: set[asyncio.Task] = set()


def group_name(group_order_pk: int) -> str:
    return f"group-order.{group_order_pk}"


def _claim_key(group_order_pk: int) -> str:
    return f"groupbuy:live:scheduled:{group_order_pk}"


# --- What is sent ---------------------------------------------------------------------


def progress_message(group_order_pk: int) -> dict:
    """The message a page receives: its snapshot and every update (see
    ``progress.progress_message``; ``/progression.json`` returns the same shape plus
    texts, so a resync after a reconnect runs the same code)."""
    return _progress_message(GroupOrder.objects.get(pk=group_order_pk))


# --- Coalesced broadcast --------------------------------------------------------------


async def broadcast_now(group_order_pk: int) -> None:
    """Release the claim, read the committed progress, send it to the open pages."""
    await cache.adelete(_claim_key(group_order_pk))
    message = await database_sync_to_async(progress_message)(group_order_pk)
    await get_channel_layer().group_send(
        group_name(group_order_pk), {"type": "progress.update", "message": message}
    )


async def _broadcast_later(group_order_pk: int) -> None:
    await asyncio.sleep(COALESCE_SECONDS)
    try:
        await broadcast_now(group_order_pk)
    except Exception:
        logger.exception("Live progress of group order %s was not broadcast", group_order_pk)


async def _running_loop() -> asyncio.AbstractEventLoop:
    return asyncio.get_running_loop()


def _server_loop() -> asyncio.AbstractEventLoop | None:
    """The event loop of the ASGI worker when called from one of its sync threads.

    ``async_to_sync`` runs a coroutine on the outer loop when there is one; otherwise
    on a temporary loop that is already closed when it returns."""
    loop = async_to_sync(_running_loop)()
    return None if loop.is_closed() else loop


def _start_on_loop(group_order_pk: int) -> None:
    task = asyncio.get_running_loop().create_task(_broadcast_later(group_order_pk))
    _pending.add(task)
    task.add_done_callback(_pending.discard)


def _broadcast_in_thread(group_order_pk: int) -> None:
    try:
        async_to_sync(broadcast_now)(group_order_pk)
    except Exception:
        logger.exception("Live progress of group order %s was not broadcast", group_order_pk)
    finally:
        connections.close_all()  # this thread's connections only


def schedule_broadcast(group_order_pk: int) -> bool:
    """Schedule one broadcast of a group order unless one is already scheduled.
    Returns whether this call scheduled it."""
    if not cache.add(_claim_key(group_order_pk), 1, CLAIM_TTL):
        return False
    loop = _server_loop()
    if loop is not None:
        # A fresh context: the task must not inherit the request thread's (asgiref's
        # thread-sensitive markers, the active language...).
        loop.call_soon_threadsafe(_start_on_loop, group_order_pk, context=contextvars.Context())
    else:
        timer = threading.Timer(COALESCE_SECONDS, _broadcast_in_thread, args=[group_order_pk])
        timer.start()  # not a daemon: the message leaves before the process exits
    return True


def on_commitments_changed(sender, group_order, **kwargs) -> None:
    """Receiver of ``events.group_order_commitments_changed`` (sent on commit).

    Never raises: the commit is done, a failed broadcast must not turn the member's
    request into an error; the pages catch up at their next update or reconnect."""
    try:
        schedule_broadcast(group_order.pk)
    except Exception:
        logger.exception("Live progress of group order %s was not scheduled", group_order.pk)
