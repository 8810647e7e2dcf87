"""Stakeholder colleges: the six ISO 26000 categories, a member asks, a facilitator
confirms; the pages and the facilitator's queue."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from community.guarantee import selectors, services
from community.models import College, CollegeMembership
from tests.factories import UserFactory

from .guarantee_helpers import facilitator

pytestmark = pytest.mark.django_db


def test_the_six_iso_26000_colleges_exist():
    assert set(College.objects.values_list("category", flat=True)) == {
        "consumers",
        "peer_producers",
        "workers",
        "public_bodies",
        "associations",
        "support_research",
    }


def test_member_asks_and_facilitator_confirms():
    member = UserFactory()
    consumers = College.objects.get(category="consumers")
    membership = services.college_membership_request(
        user=member, college=consumers, motivation="AMAP"
    )
    assert membership.status == CollegeMembership.Status.REQUESTED
    assert selectors.confirmed_memberships(member) == []
    with pytest.raises(ValidationError):
        services.college_membership_request(user=member, college=consumers)
    with pytest.raises(PermissionDenied):
        services.college_membership_confirm(membership=membership, facilitator=UserFactory())
    boss = facilitator()
    confirmed = services.college_membership_confirm(membership=membership, facilitator=boss)
    assert confirmed.status == CollegeMembership.Status.CONFIRMED
    assert confirmed.confirmed_by == boss and confirmed.confirmed_at
    assert [m.college for m in selectors.confirmed_memberships(member)] == [consumers]
    with pytest.raises(ValidationError):
        services.college_membership_confirm(membership=membership, facilitator=boss)


def test_colleges_page_and_facilitator_queue(client):
    member = UserFactory()
    client.force_login(member)
    response = client.get("/communaute/colleges/")
    assert response.status_code == 200
    assert "Pouvoirs publics" in response.content.decode() or "Public bodies" in (
        response.content.decode()
    )
    workers = College.objects.get(category="workers")
    response = client.post("/communaute/colleges/", {"college": workers.pk, "motivation": "SCOP"})
    assert response.status_code == 302
    membership = CollegeMembership.objects.get(user=member, college=workers)

    assert client.get("/communaute/animation/").status_code == 403
    client.force_login(facilitator())
    page = client.get("/communaute/animation/").content.decode()
    assert member.email in page
    client.post(f"/communaute/colleges/adhesions/{membership.pk}/", {"action": "confirm"})
    membership.refresh_from_db()
    assert membership.status == CollegeMembership.Status.CONFIRMED


def test_facilitator_declines_a_request(client):
    membership = services.college_membership_request(
        user=UserFactory(), college=College.objects.get(category="associations")
    )
    client.force_login(facilitator())
    client.post(f"/communaute/colleges/adhesions/{membership.pk}/", {"action": "decline"})
    assert not CollegeMembership.objects.filter(pk=membership.pk).exists()


def test_anonymous_visitor_is_sent_to_log_in_by_the_queue(client):
    response = client.get("/communaute/animation/")
    assert response.status_code == 302 and "/comptes/" in response["Location"]
