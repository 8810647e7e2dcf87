"""Operations that change claims. Every state change goes through here, so the community
app only has to call `claim_validate` / `claim_dispute` when votes reach a decision."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Claim
from .signals import claim_state_changed

# Allowed moves of the stored state. "To re-check" is also reached by time alone
# (see Claim.effective_state) and left by renewing or re-validating the claim.
TRANSITIONS: dict[str, set[str]] = {
    Claim.State.DECLARED: {Claim.State.VALIDATED, Claim.State.DISPUTED, Claim.State.TO_RECHECK},
    Claim.State.VALIDATED: {Claim.State.DISPUTED, Claim.State.TO_RECHECK, Claim.State.DECLARED},
    Claim.State.DISPUTED: {Claim.State.VALIDATED, Claim.State.DECLARED, Claim.State.TO_RECHECK},
    Claim.State.TO_RECHECK: {Claim.State.DECLARED, Claim.State.VALIDATED, Claim.State.DISPUTED},
}


def _change_state(claim: Claim, new_state: str, *, at: datetime.datetime | None = None) -> Claim:
    if new_state not in TRANSITIONS[claim.state]:
        raise ValidationError(
            _("A claim cannot go from “%(old)s” to “%(new)s”.")
            % {"old": claim.get_state_display(), "new": Claim.State(new_state).label}
        )
    claim.state = new_state
    claim.state_changed_at = at or timezone.now()
    return claim


def _send_state_changed(claim: Claim, from_state: str) -> None:
    """Tell listeners (the community feed) once the change has committed."""
    to_state = claim.state
    transaction.on_commit(
        lambda: claim_state_changed.send(
            sender=Claim, claim=claim, from_state=from_state, to_state=to_state
        )
    )


@transaction.atomic
def claim_validate(*, claim: Claim, at: datetime.datetime | None = None) -> Claim:
    """The community confirmed the claim ("validé par la communauté")."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    from_state = claim.state
    _change_state(claim, Claim.State.VALIDATED, at=at)
    claim.validated_at = claim.state_changed_at
    claim.save(update_fields=["state", "state_changed_at", "validated_at", "updated_at"])
    _send_state_changed(claim, from_state)
    return claim


@transaction.atomic
def claim_dispute(*, claim: Claim, at: datetime.datetime | None = None) -> Claim:
    """Someone opened a dispute: the claim shows "contesté" until a facilitator decides."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    from_state = claim.state
    _change_state(claim, Claim.State.DISPUTED, at=at)
    claim.save(update_fields=["state", "state_changed_at", "updated_at"])
    _send_state_changed(claim, from_state)
    return claim


@transaction.atomic
def claim_declare(*, claim: Claim, at: datetime.datetime | None = None) -> Claim:
    """Back to "declared": a dispute was upheld, or the community's earlier validation no
    longer covers the claim."""
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    _change_state(claim, Claim.State.DECLARED, at=at)
    claim.validated_at = None
    claim.save(update_fields=["state", "state_changed_at", "validated_at", "updated_at"])
    return claim


@transaction.atomic
def claim_save(*, claim: Claim, user: Any = None) -> Claim:
    """Create or update a claim after a producer edit.

    Changing the substance of a claim sends it back to "declared": what the community
    validated was the previous version.
    """
    claim.full_clean()
    if claim.pk:
        before = Claim.objects.select_for_update().get(pk=claim.pk)
        substance = ("value_bool", "value_level", "value_number", "source", "certificate_number")
        if any(getattr(before, f) != getattr(claim, f) for f in substance) or before.is_expired:
            claim.state = Claim.State.DECLARED
            claim.state_changed_at = timezone.now()
            claim.validated_at = None
    elif user is not None:
        claim.created_by = user
    claim.save()
    return claim


@transaction.atomic
def claim_renew(*, claim: Claim, today: datetime.date | None = None) -> Claim:
    """The producer confirms a self-declared claim is still accurate: one more period.

    A new period is a new claim for the community: an earlier validation (or "to
    re-check") goes back to "declared", and votes of the earlier period no longer count.
    An open dispute stays open."""
    today = today or timezone.localdate()
    claim = Claim.objects.select_for_update().get(pk=claim.pk)
    start = max(today, claim.valid_from)
    claim.valid_from = start
    claim.valid_until = claim.criterion.default_valid_until(start)
    if claim.state in (Claim.State.TO_RECHECK, Claim.State.VALIDATED):
        claim.state = Claim.State.DECLARED
        claim.state_changed_at = timezone.now()
        claim.validated_at = None
    claim.save()
    return claim
