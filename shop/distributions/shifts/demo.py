"""Demo shifts: the demo distributions' roles partly filled by the demo members, and a
season asking two shifts per household. Idempotent: sign-ups keyed on (role, user)."""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.utils import timezone

from shop.demo import upsert

from ..models import Distribution
from .models import ShiftRequirement, ShiftSignup
from .services import shift_roles_default


def load_shifts_demo(
    *, distributions: Sequence[Distribution], volunteer_emails: Sequence[str]
) -> None:
    volunteers = list(get_user_model().objects.filter(email__in=volunteer_emails).order_by("pk"))
    today = timezone.localdate()
    upsert(
        ShiftRequirement,
        {"label": "Saison", "starts_on": today.replace(month=1, day=1)},
        {"ends_on": today.replace(month=12, day=31), "shifts": 2},
    )
    for distribution in distributions:
        shift_roles_default(distribution=distribution)
        # The first roles get one volunteer each, in turn: some filled, some not.
        roles = list(distribution.shift_roles.order_by("starts_at", "pk"))[:2]
        for role, user in zip(roles, volunteers, strict=False):
            ShiftSignup.objects.get_or_create(role=role, user=user)
