"""Background tasks of group buying, enqueued by the scheduler (config/schedule.py) or by
pages. Each is idempotent: running it again, or after a worker died mid-way, does
nothing more (closing and releasing happen under row locks and skip what is done; Stripe
calls carry deterministic idempotency keys)."""

from django_tasks import task

from .orders import services
from .settlement import collection, release


@task()
def close_due_group_orders() -> list[int]:
    """Close and allocate every open group order past its deadline."""
    return [group_order.pk for group_order in services.group_orders_close_due()]


@task()
def release_unpaid_settlements() -> int:
    """Release the member orders still unpaid after the grace period."""
    return len(release.settlements_release_unpaid())


@task()
def renew_card_authorizations() -> dict[str, int]:
    """Capture, cancel or switch card authorizations before Stripe lets them lapse."""
    return collection.authorizations_renew()
