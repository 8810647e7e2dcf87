"""The demo shifts: roles partly filled on the demo distributions; loading twice
changes nothing."""

import pytest

from shop.distributions.shifts.demo import load_shifts_demo
from shop.distributions.shifts.models import ShiftRequirement, ShiftRole, ShiftSignup
from tests.factories import UserFactory, make_distribution


@pytest.mark.django_db
def test_demo_shifts_are_partly_filled_and_idempotent():
    distributions = [make_distribution(), make_distribution()]
    volunteers = [UserFactory(), UserFactory()]
    emails = [user.email for user in volunteers]
    load_shifts_demo(distributions=distributions, volunteer_emails=emails)
    load_shifts_demo(distributions=distributions, volunteer_emails=emails)

    assert ShiftRole.objects.count() == 8
    assert ShiftSignup.objects.count() == 4  # two roles of each distribution
    assert ShiftRequirement.objects.count() == 1
    for distribution in distributions:
        filled = {role.signups.count() for role in distribution.shift_roles.all()}
        assert filled == {0, 1}  # some roles have a volunteer, others are still open
