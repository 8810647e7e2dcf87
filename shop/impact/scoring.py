"""How the impact block turns claims into figures. Deterministic and documented: the
public page `/boutique/impact/methode/` explains the same rules.

Per criterion, a score between 0 and 1:
- yes/no: 1 for yes, 0 for no;
- level: level / highest level;
- percentage and number: value / reference value, capped at 1 ("higher is better"), or
  1 - value / reference value, floored at 0 ("lower is better"); without a reference
  value a percentage is read against 100;
- a criterion with no current claim (none, or past its validity) scores 0: data that is
  not kept fresh stops counting;
- a criterion the producer declared "not applicable" (animal welfare for a vegetable
  grower) has no score and is left out of the mean.
Per dimension: the mean of its criteria's scores, over the active criteria that apply
to the product (its own or its producer's), as a whole percentage rounded half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Iterable

    from .models import Claim, Criterion

ONE = Decimal(1)
ZERO = Decimal(0)
HUNDRED = Decimal(100)


def criterion_score(criterion: Criterion, claim: Claim | None) -> Decimal | None:
    """Score of one claim against its criterion, between 0 and 1 (None: not applicable)."""
    if claim is None or claim.is_expired:
        return ZERO
    if claim.not_applicable:
        return None
    value_type = criterion.value_type
    if value_type == "yes_no":
        return ONE if claim.value_bool else ZERO
    if value_type == "level":
        if not criterion.max_level:
            return ZERO
        return min(Decimal(claim.value_level or 0) / criterion.max_level, ONE)
    if claim.value_number is None:
        return ZERO
    reference = criterion.reference_value
    if reference is None or reference <= 0:
        reference = HUNDRED if value_type == "percentage" else None
    if reference is None:
        return ONE  # a declared number with nothing to compare to
    ratio = claim.value_number / reference
    if criterion.direction == "lower":
        return max(ONE - ratio, ZERO)
    return min(max(ratio, ZERO), ONE)


def dimension_percentage(scores: Iterable[Decimal | None]) -> int | None:
    present = [score for score in scores if score is not None]
    if not present:
        return None
    mean = sum(present, ZERO) / len(present)
    return int((mean * HUNDRED).quantize(ONE, rounding=ROUND_HALF_UP))
