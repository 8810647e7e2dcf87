"""Builders shared by the participatory guarantee tests (colleges, claims, facilitators)."""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from community.models import College, CollegeMembership
from tests.factories import ClaimFactory, ProducerFactory, UserFactory


def college(category: str) -> College:
    return College.objects.get(category=category)


def college_member(category: str, user=None):
    """A member confirmed in the college `category` (consumers, peer_producers, ...)."""
    user = user or UserFactory()
    CollegeMembership.objects.create(
        user=user,
        college=college(category),
        status=CollegeMembership.Status.CONFIRMED,
        confirmed_at=timezone.now(),
    )
    return user


def peer_producer():
    """A member of another producer, confirmed in the peer producers college."""
    user = college_member("peer_producers")
    ProducerFactory().users.add(user)
    return user


def facilitator():
    user = UserFactory()
    group, _created = Group.objects.get_or_create(name="Animateurs")
    group.permissions.add(
        Permission.objects.get(content_type__app_label="community", codename="facilitate")
    )
    user.groups.add(group)
    return user


def producer_claim(producer=None, **kwargs):
    return ClaimFactory(producer=producer or ProducerFactory(), **kwargs)
