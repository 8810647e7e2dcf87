"""Shift roles, sign-ups, cancellation, reminders and who is short."""

from __future__ import annotations

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from shop.distributions.models import DistributionEvent
from shop.distributions.shifts import selectors, services, tasks
from shop.distributions.shifts.models import ShiftRequirement, ShiftRole, ShiftSignup
from tests.factories import UserFactory, make_distribution

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def role_of(distribution, label="Pesée", places=None):
    role = distribution.shift_roles.get(label=label)
    if places is not None:
        ShiftRole.objects.filter(pk=role.pk).update(places=places)
        role.refresh_from_db()
    return role


def test_each_new_distribution_gets_the_four_default_roles_once():
    distribution = make_distribution()
    labels = list(distribution.shift_roles.values_list("label", flat=True))
    assert sorted(labels) == ["Accueil", "Installation", "Pesée", "Rangement"]
    setting_up = role_of(distribution, "Installation")
    assert setting_up.ends_at == distribution.starts_at
    assert setting_up.starts_at == distribution.starts_at - datetime.timedelta(minutes=30)
    assert services.shift_roles_default(distribution=distribution) == []
    assert distribution.shift_roles.count() == 4


def test_sign_up_takes_a_place_and_full_is_refused_with_a_message():
    role = role_of(make_distribution(), places=1)
    first, second = UserFactory(), UserFactory()
    services.shift_sign_up(role=role, user=first)
    with pytest.raises(services.ShiftError, match="complète"):
        services.shift_sign_up(role=role, user=second)
    with pytest.raises(services.ShiftError, match="déjà inscrit"):
        services.shift_sign_up(role=role, user=first)
    assert list(role.signups.values_list("user", flat=True)) == [first.pk]


def test_cancel_frees_the_place_until_the_deadline():
    role = role_of(make_distribution(), places=1)
    user, other = UserFactory(), UserFactory()
    signup = services.shift_sign_up(role=role, user=user)
    with pytest.raises(services.ShiftError, match="n’est pas la vôtre"):
        services.shift_cancel(signup=signup, user=other)
    services.shift_cancel(signup=signup, user=user)
    signup.refresh_from_db()
    assert signup.cancelled_at is not None
    services.shift_sign_up(role=role, user=other)  # the place is free again
    # Signing up again reopens the same row (unique per role and user).
    ShiftRole.objects.filter(pk=role.pk).update(places=2)
    again = services.shift_sign_up(role=role, user=user)
    assert again.pk == signup.pk and again.cancelled_at is None


def test_cancel_is_refused_too_close_to_the_shift():
    distribution = make_distribution(
        closes_in=HOUR, starts_in=services.CANCEL_HOURS * HOUR - 2 * HOUR
    )
    user = UserFactory()
    signup = services.shift_sign_up(role=role_of(distribution), user=user)
    with pytest.raises(services.ShiftError, match="heures avant"):
        services.shift_cancel(signup=signup, user=user)
    signup.refresh_from_db()
    assert signup.cancelled_at is None


def test_role_update_is_audited_and_places_cannot_go_below_the_sign_ups():
    distribution = make_distribution()
    role = role_of(distribution, places=2)
    staff = UserFactory(is_staff=True)
    services.shift_sign_up(role=role, user=UserFactory())
    services.shift_sign_up(role=role, user=UserFactory())
    fields = {"label": "Pesage", "starts_at": role.starts_at, "ends_at": role.ends_at, "by": staff}
    with pytest.raises(services.ShiftError, match="ne peut pas descendre"):
        services.shift_role_update(role=role, places=1, **fields)
    services.shift_role_update(role=role, places=3, **fields)
    role.refresh_from_db()
    assert (role.label, role.places) == ("Pesage", 3)
    event = distribution.events.get(action=DistributionEvent.Action.UPDATE)
    assert event.by == staff and "Pesage" in event.note


def test_reminders_are_sent_once_for_shifts_within_24_hours():
    soon = make_distribution(closes_in=HOUR, starts_in=10 * HOUR)
    later = make_distribution(starts_in=3 * 24 * HOUR)
    user = UserFactory()
    services.shift_sign_up(role=role_of(soon), user=user)
    services.shift_sign_up(role=role_of(later), user=user)
    cancelled = services.shift_sign_up(role=role_of(soon, "Accueil"), user=UserFactory())
    ShiftSignup.objects.filter(pk=cancelled.pk).update(cancelled_at=timezone.now())
    mail.outbox.clear()

    assert tasks.send_shift_reminders.call() == 1
    assert tasks.send_shift_reminders.call() == 0
    (message,) = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "Rappel : votre permanence demain — Pesée"
    assert ShiftSignup.objects.filter(reminded_at__isnull=False).count() == 1


def test_who_is_short_counts_the_season_s_active_sign_ups():
    distribution = make_distribution()
    day = timezone.localdate(distribution.starts_at)
    season = ShiftRequirement.objects.create(
        label="Hiver", starts_on=day - datetime.timedelta(days=10), ends_on=day, shifts=2
    )
    done, half, none = UserFactory(), UserFactory(), UserFactory()
    UserFactory(is_staff=True)
    for label in ("Pesée", "Rangement"):
        services.shift_sign_up(role=role_of(distribution, label), user=done)
    services.shift_sign_up(role=role_of(distribution, "Accueil"), user=half)
    dropped = services.shift_sign_up(role=role_of(distribution, "Installation"), user=half)
    ShiftSignup.objects.filter(pk=dropped.pk).update(cancelled_at=timezone.now())
    outside = make_distribution(starts_in=30 * 24 * HOUR, closes_in=29 * 24 * HOUR)
    services.shift_sign_up(role=role_of(outside), user=none)

    short = {row.user: (row.done, row.missing) for row in selectors.who_is_short(season)}
    assert short == {half: (1, 1), none: (0, 2)}
