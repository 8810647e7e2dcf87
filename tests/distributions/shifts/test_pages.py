"""Shift pages: sign up and cancel as a member, edit roles and see who is short as
staff or coordinator; others are kept out."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from shop.distributions.models import DistributionStatus
from shop.distributions.shifts import services
from shop.distributions.shifts.models import ShiftRequirement, ShiftRole, ShiftSignup
from tests.factories import UserFactory, make_distribution, make_pickup_point

pytestmark = pytest.mark.django_db


def client_of(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def roles_url(distribution):
    return reverse("distributions:shifts:roles", kwargs={"pk": distribution.pk})


def test_member_signs_up_sees_it_in_my_shifts_and_cancels():
    distribution = make_distribution(starts_in=datetime.timedelta(days=5))
    role = distribution.shift_roles.get(label="Pesée")
    member = UserFactory()
    client = client_of(member)

    page = client.get(roles_url(distribution))
    assert page.status_code == 200 and "Pesée" in page.content.decode()
    response = client.post(roles_url(distribution), {"role": role.pk}, follow=True)
    assert "Vous êtes inscrit·e" in response.content.decode()
    signup = ShiftSignup.objects.get(role=role, user=member)

    mine = client.get(reverse("distributions:shifts:mine"))
    assert "Pesée" in mine.content.decode()
    client.post(reverse("distributions:shifts:mine"), {"signup": signup.pk})
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    assert (
        "Vous n’avez aucune permanence à venir."
        in client.get(reverse("distributions:shifts:mine")).content.decode()
    )


def test_full_role_shows_full_and_a_posted_sign_up_is_refused_with_a_message():
    distribution = make_distribution()
    role = distribution.shift_roles.get(label="Pesée")
    ShiftRole.objects.filter(pk=role.pk).update(places=1)
    services.shift_sign_up(role=role, user=UserFactory())
    client = client_of(UserFactory())
    assert "Complet" in client.get(roles_url(distribution)).content.decode()
    response = client.post(roles_url(distribution), {"role": role.pk}, follow=True)
    assert "Cette permanence est complète" in response.content.decode()
    assert role.signups.count() == 1


def test_visitors_are_asked_to_sign_in_and_drafts_are_not_shown():
    distribution = make_distribution()
    anonymous = Client()
    assert (
        "Connectez-vous pour vous inscrire"
        in anonymous.get(roles_url(distribution)).content.decode()
    )
    role = distribution.shift_roles.first()
    assert anonymous.post(roles_url(distribution), {"role": role.pk}).status_code == 302
    assert not ShiftSignup.objects.exists()
    assert anonymous.get(reverse("distributions:shifts:mine")).status_code == 302
    draft = make_distribution(status=DistributionStatus.DRAFT)
    assert anonymous.get(roles_url(draft)).status_code == 404


def test_staff_see_who_signed_up_and_edit_places():
    distribution = make_distribution()
    role = distribution.shift_roles.get(label="Pesée")
    volunteer = UserFactory(first_name="Zoé")
    services.shift_sign_up(role=role, user=volunteer)
    client = client_of(UserFactory(is_staff=True))
    url = reverse("distributions-dashboard:shifts-roles", kwargs={"pk": distribution.pk})
    assert volunteer.email in client.get(url).content.decode()

    prefix = f"role-{role.pk}"
    fields = {
        "role": role.pk,
        f"{prefix}-label": "Pesée",
        f"{prefix}-starts_at": timezone.localtime(role.starts_at).strftime("%Y-%m-%dT%H:%M"),
        f"{prefix}-ends_at": timezone.localtime(role.ends_at).strftime("%Y-%m-%dT%H:%M"),
    }
    refused = client.post(url, {**fields, f"{prefix}-places": "0"})
    assert refused.status_code == 400
    assert "ne peut pas descendre" in refused.content.decode()
    assert client.post(url, {**fields, f"{prefix}-places": "4"}).status_code == 302
    before = (role.starts_at, role.ends_at)
    role.refresh_from_db()
    assert role.places == 4
    assert (role.starts_at, role.ends_at) == before  # times round-trip in local time


def test_members_cannot_open_the_dashboard_pages():
    distribution = make_distribution()
    client = client_of(UserFactory())
    url = reverse("distributions-dashboard:shifts-roles", kwargs={"pk": distribution.pk})
    assert client.get(url).status_code in (302, 403)
    assert client.get(reverse("distributions-dashboard:shifts-short")).status_code in (302, 403)


def test_who_is_short_page_and_csv():
    distribution = make_distribution()
    day = distribution.starts_at.date()
    season = ShiftRequirement.objects.create(
        label="Saison", starts_on=day - datetime.timedelta(days=30), ends_on=day, shifts=1
    )
    short = UserFactory(first_name="Inès", last_name="Court")
    services.shift_sign_up(role=distribution.shift_roles.first(), user=UserFactory())
    client = client_of(UserFactory(is_staff=True))
    url = reverse("distributions-dashboard:shifts-short")
    assert short.email in client.get(url).content.decode()

    response = client.get(url, {"season": season.pk, "format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ["Inès Court", short.email, "0", "1"] in rows
    assert len(rows) == 2  # header and the one member short (staff are not counted)


def test_who_is_short_without_a_season_says_so():
    client = client_of(UserFactory(is_staff=True))
    response = client.get(reverse("distributions-dashboard:shifts-short"))
    assert "Aucun engagement de permanences" in response.content.decode()


def test_coordinators_manage_the_shifts_at_their_points_only():
    from groupbuy.models import BuyingGroup, Membership

    point, elsewhere = make_pickup_point(), make_pickup_point(slug="ailleurs", name="Ailleurs")
    group = BuyingGroup.objects.create(name="G", slug="g")
    group.pickup_points.add(point)
    coordinator = UserFactory()
    Membership.objects.create(group=group, user=coordinator, role="coordinator")
    mine = make_distribution(points=[point])
    theirs = make_distribution(points=[elsewhere])
    client = client_of(coordinator)

    def url(distribution):
        return reverse("distributions-dashboard:shifts-roles", kwargs={"pk": distribution.pk})

    assert client.get(url(mine)).status_code == 200
    assert client.get(url(theirs)).status_code == 404
    assert client.get(reverse("distributions-dashboard:shifts-short")).status_code == 200
