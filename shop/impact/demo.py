"""Demo impact passports: `load_claims()` gives every demo producer its claims.

The data lives in `shop.demo_data.claims*` (DEMO DATA: invented certificate numbers).
Loading is idempotent: a claim is keyed on (criterion, producer, product). Its value,
evidence and certification are brought back to the data on every run; its dates and
state are set on creation only, counted from the day of that first run, so a second
run changes nothing and the community's later decisions are kept.
"""

from __future__ import annotations

import datetime
from collections import Counter
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import timezone
from oscar.core.loading import get_model

from shop.demo import product_code, upsert
from shop.demo_data.claims import VALIDATED, DemoClaim, Passport
from shop.demo_data.claims_farms import FARMS
from shop.demo_data.claims_workshops import WORKSHOPS

from .models import Claim, Criterion

if TYPE_CHECKING:
    from django.core.management.base import OutputWrapper

Partner = get_model("partner", "Partner")
Product = get_model("catalogue", "Product")

PASSPORTS: tuple[Passport, ...] = (*FARMS, *WORKSHOPS)

VALUE_FIELDS: dict[str, str] = {
    Criterion.ValueType.YES_NO: "value_bool",
    Criterion.ValueType.LEVEL: "value_level",
    Criterion.ValueType.NUMBER: "value_number",
    Criterion.ValueType.PERCENTAGE: "value_number",
}
#: Community decisions are dated at the end of the day's meeting.
DECISION_TIME = datetime.time(18, 30)


def claim_values(criterion: Criterion, item: DemoClaim) -> dict[str, Any]:
    """The fields brought back to the data on every run."""
    values: dict[str, Any] = {
        "not_applicable": item.value is None,
        "value_bool": None,
        "value_level": None,
        "value_number": None,
        "evidence_text": item.evidence,
        "evidence_url": item.url,
        "source": Claim.Source.THIRD_PARTY if item.certifier else Claim.Source.SELF_DECLARED,
        "certifier": item.certifier,
        "certificate_number": item.number,
    }
    if item.value is not None:
        field = VALUE_FIELDS[criterion.value_type]
        values[field] = Decimal(item.value) if field == "value_number" else item.value
    return values


def _evening(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, DECISION_TIME))


def claim_history(
    criterion: Criterion, item: DemoClaim, passport: Passport, today: datetime.date
) -> dict[str, Any]:
    """Dates and state, relative to `today`: set when the claim is created, never after."""
    since = passport.since if item.since is None else item.since
    valid_from = today - datetime.timedelta(days=since)
    if item.until is None:
        valid_until = criterion.default_valid_until(valid_from)
    else:
        valid_until = today + datetime.timedelta(days=item.until)
    state = item.state or passport.state
    checked = passport.checked if item.checked is None else item.checked
    decided_at = None if checked is None else _evening(today - datetime.timedelta(days=checked))
    return {
        "valid_from": valid_from,
        "valid_until": valid_until,
        "state": state,
        "validated_at": decided_at if state == VALIDATED else None,
        "state_changed_at": decided_at or _evening(valid_from),
    }


def load_claims(stdout: OutputWrapper | None = None) -> dict[str, int]:
    """Create or update the demo claims; the producers and products must exist.

    Returns counts: claims in the data, claims created by this run, product claims.
    A criterion missing from the charter (staff may have removed one) is skipped with
    a note on `stdout`.
    """
    today = timezone.localdate()
    criteria = Criterion.objects.in_bulk(field_name="code")
    producers = Partner.objects.in_bulk([p.producer for p in PASSPORTS], field_name="slug")
    titles = {item.product for passport in PASSPORTS for item in passport.claims if item.product}
    products = Product.objects.in_bulk([product_code(title) for title in titles], field_name="upc")
    counts: Counter[str] = Counter()
    for passport in PASSPORTS:
        producer = producers[passport.producer]
        for item in passport.claims:
            criterion = criteria.get(item.criterion)
            if criterion is None:
                if stdout is not None:
                    stdout.write(f"  No criterion {item.criterion!r} in the charter: skipped.")
                continue
            product = products[product_code(item.product)] if item.product else None
            _claim, created = upsert(
                Claim,
                {"criterion": criterion, "producer": producer, "product": product},
                claim_values(criterion, item),
                create_only=claim_history(criterion, item, passport, today),
            )
            counts["claims"] += 1
            counts["created"] += created
            counts["product claims"] += product is not None
    return {key: counts[key] for key in ("claims", "created", "product claims")}
