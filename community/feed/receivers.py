"""Events from other apps become feed posts of kind "event".

Those apps never import community: groupbuy and shop send Django signals (groupbuy.events,
shop.impact.signals), Wagtail sends page_published, and a producer's admission is seen on
the Partner model's own save signals. Connected in CommunityConfig.ready() (community/apps.py).
Every event post has an event_key, so a signal delivered twice makes one post.
"""

from __future__ import annotations

import functools
import logging

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.utils import timezone
from wagtail.signals import page_published

from groupbuy import events as groupbuy_events
from groupbuy.models import GroupOrder, GroupOrderState
from shop.impact.models import Claim
from shop.impact.signals import claim_state_changed

from . import services
from .models import Post

logger = logging.getLogger(__name__)
E = Post.EventType


def never_breaks_the_sender(receiver):
    """The feed is a courtesy: a failing announcement is logged, never raised into the
    group order, claim or page operation that sent the signal."""

    @functools.wraps(receiver)
    def wrapper(*args, **kwargs):
        try:
            return receiver(*args, **kwargs)
        except Exception:
            logger.exception("community feed: %s failed", getattr(receiver, "__name__", receiver))
            return None

    return wrapper


def _announce_on_commit(**kwargs) -> None:
    """Create the event post once the sender's transaction has committed."""
    transaction.on_commit(
        never_breaks_the_sender(functools.partial(services.event_post_create, **kwargs))
    )


ADMITTED = "membre"
#: Wagtail page models whose first publication is announced in the feed.


def _producer_payload(producer) -> dict:
    return {"producer_name": producer.name, "producer_city": producer.city or ""}


# --- producer admitted --------------------------------------------------------------


@never_breaks_the_sender
def remember_charter_status(sender, instance, raw=False, **kwargs) -> None:
    if raw or not instance.pk:
        instance._community_previous_status = None
        return
    instance._community_previous_status = (
        sender.objects.filter(pk=instance.pk).values_list("charter_status", flat=True).first()
    )


@never_breaks_the_sender
def announce_admission(sender, instance, created, raw=False, **kwargs) -> None:
    previous = getattr(instance, "_community_previous_status", None)
    if raw or created or previous in (None, ADMITTED) or instance.charter_status != ADMITTED:
        return
    services.producer_admission_announce(producer=instance)


# --- claims -------------------------------------------------------------------------


@never_breaks_the_sender
def announce_claim(sender, claim, from_state, to_state, **kwargs) -> None:
    if to_state != Claim.State.VALIDATED:
        return
    claim = Claim.objects.select_related("criterion", "producer", "product").get(pk=claim.pk)
    stamp = (claim.validated_at or timezone.now()).isoformat()
    services.event_post_create(
        event_type=E.CLAIM_VALIDATED,
        event_key=f"claim-validated:{claim.pk}:{stamp}"[:120],
        payload={
            **_producer_payload(claim.producer),
            "criterion": claim.criterion.name,
            "product_title": claim.product.get_title() if claim.product_id else "",
        },
        producer=claim.producer,
        product=claim.product,
    )


# --- group orders -------------------------------------------------------------------


def _group_order_payload(group_order: GroupOrder) -> dict:
    return {"group_name": group_order.group.name, "title": group_order.title}


@never_breaks_the_sender
def announce_group_order_state(sender, group_order, from_state, to_state, **kwargs) -> None:
    if to_state != GroupOrderState.CONFIRMED:
        return
    group_order = GroupOrder.objects.select_related("group").get(pk=group_order.pk)
    services.event_post_create(
        event_type=E.GROUP_ORDER_CONFIRMED,
        event_key=f"group-order-confirmed:{group_order.pk}",
        payload=_group_order_payload(group_order),
        group_order=group_order,
    )


@never_breaks_the_sender
def announce_minimum_reached(sender, group_order, offer=None, **kwargs) -> None:
    group_order = GroupOrder.objects.select_related("group").get(pk=group_order.pk)
    payload = _group_order_payload(group_order)
    product = None
    if offer is not None:
        product = offer.product
        payload["product_title"] = product.get_title()
    services.event_post_create(
        event_type=E.GROUP_ORDER_MINIMUM,
        event_key=f"group-order-minimum:{group_order.pk}:{getattr(offer, 'pk', '')}",
        payload=payload,
        group_order=group_order,
        product=product,
    )


# --- education pages ----------------------------------------------------------------


@never_breaks_the_sender
def announce_page(sender, instance, revision=None, **kwargs) -> None:
    labels = settings.COMMUNITY_EDUCATION_PAGE_MODELS
    page = instance.specific
    if page._meta.label not in labels:
        return
    payload = {
        "title": page.title,
        "url": page.get_url() or "",
        "intro": str(getattr(page, "intro", "") or "")[:300],
    }
    _announce_on_commit(
        event_type=E.PAGE_PUBLISHED, event_key=f"page-published:{page.pk}", payload=payload
    )


def connect() -> None:
    partner = apps.get_model("partner", "Partner")
    pre_save.connect(
        remember_charter_status, sender=partner, dispatch_uid="community-admission-pre"
    )
    post_save.connect(announce_admission, sender=partner, dispatch_uid="community-admission")
    claim_state_changed.connect(announce_claim, dispatch_uid="community-claim")
    groupbuy_events.group_order_state_changed.connect(
        announce_group_order_state, dispatch_uid="community-group-order-state"
    )
    groupbuy_events.group_order_minimum_reached.connect(
        announce_minimum_reached, dispatch_uid="community-group-order-minimum"
    )
    page_published.connect(announce_page, dispatch_uid="community-page-published")
