"""Importing a bank statement and resolving its lines (staff only: the views check).

- `statement_import`: parse the CSV (nothing stored if any row is wrong), store each line
  not seen before (its fingerprint is unique), and apply every credit line whose
  reference a registered matcher recognises. A line already stored is skipped, whoever
  imported it and whether it was matched or not: nothing is ever applied twice, even when
  two imports of the same file race (the unique index makes the second wait, then skip).
- `line_match`: staff give the reference of an unmatched line by hand.
- `line_set_aside`: staff set a line aside (not for us, refunded to the sender), saying why.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import parsing, registry
from .models import StatementImport, StatementLine

Status = StatementLine.Status
Resolution = StatementLine.Resolution

# `by` is the project's user model: shop may not import community (tests/test_architecture.py).


@transaction.atomic
def statement_import(*, content: bytes, file_name: str, by: Any) -> StatementImport:
    """Import a statement; raises parsing.StatementInvalid (nothing stored) if any row is
    wrong. Returns the import with its counts."""
    parsed = parsing.parse_statement(content)
    record = StatementImport.objects.create(
        file_name=file_name[:255], imported_by=by, lines_read=len(parsed)
    )
    known = set(
        StatementLine.objects.filter(
            fingerprint__in=[line.fingerprint for line in parsed]
        ).values_list("fingerprint", flat=True)
    )
    for item in parsed:
        if item.fingerprint in known:
            record.lines_known += 1
            continue
        line = _store(record, item)
        if line is None:  # a concurrent import stored it first
            record.lines_known += 1
            continue
        record.lines_new += 1
        if line.amount < 0:
            line.status = Status.OUTGOING
            line.save(update_fields=["status"])
        elif _apply_found_reference(line, by=by):
            record.lines_matched += 1
    record.save(update_fields=["lines_known", "lines_new", "lines_matched"])
    return record


def _store(record: StatementImport, item: parsing.ParsedLine) -> StatementLine | None:
    try:
        with transaction.atomic():
            return StatementLine.objects.create(
                fingerprint=item.fingerprint,
                statement=record,
                row=item.row,
                booking_date=item.booking_date,
                label=item.label,
                reference=item.reference,
                amount=item.amount,
            )
    except IntegrityError:
        return None


def _apply_found_reference(line: StatementLine, *, by: Any) -> bool:
    """Apply the line if its reference column or label quotes a registered reference."""
    found = registry.identify([line.reference, line.label])
    if found is None:
        line.outcome = _("No known reference found.")
        line.save(update_fields=["outcome"])
        return False
    try:
        _apply(line, found, by=by, resolution=Resolution.AUTOMATIC)
    except registry.MatchRefused as refusal:
        line.matched_reference = ""
        line.outcome = _refusal_text(found, refusal)[:255]
        line.save(update_fields=["matched_reference", "outcome"])
        return False
    return True


def _refusal_text(found: registry.Identified, refusal: registry.MatchRefused) -> str:
    return _("%(reference)s: %(reason)s") % {"reference": found.reference, "reason": refusal}


def _apply(
    line: StatementLine, found: registry.Identified, *, by: Any, resolution: str, note: str = ""
) -> None:
    """Let the matcher apply the line, and mark it matched, in one savepoint."""
    with transaction.atomic():
        outcome = found.matcher.apply(number=found.number, line=line, by=by)
        line.status = Status.MATCHED
        line.matched_reference = found.reference
        line.outcome = str(outcome)[:255]
        line.resolution = resolution
        line.resolved_by = by
        line.resolved_at = timezone.now()
        line.note = note
        line.save()


def _locked_unmatched(line: StatementLine) -> StatementLine:
    locked = StatementLine.objects.select_for_update().get(pk=line.pk)
    if locked.status != Status.UNMATCHED:
        raise ValidationError(_("This line has already been dealt with."))
    return locked


@transaction.atomic
def line_match(*, line: StatementLine, reference: str, by: Any, note: str = "") -> StatementLine:
    """Staff say which reference an unmatched credit line pays; the matcher applies it.
    Raises ValidationError (nothing changed) if the reference is unknown or refused."""
    locked = _locked_unmatched(line)
    found = registry.identify([reference])
    if found is None:
        raise ValidationError(
            _("“%(reference)s” is not a valid payment reference (e.g. PS-12-5).")
            % {"reference": reference.strip()}
        )
    try:
        _apply(locked, found, by=by, resolution=Resolution.MANUAL, note=note.strip())
    except registry.MatchRefused as refusal:
        raise ValidationError(_refusal_text(found, refusal)) from refusal
    return locked


@transaction.atomic
def line_set_aside(*, line: StatementLine, by: Any, note: str) -> StatementLine:
    """Staff set an unmatched line aside (it pays nothing here), saying why."""
    if not note.strip():
        raise ValidationError(_("Say why this line is set aside."))
    locked = _locked_unmatched(line)
    locked.status = Status.IGNORED
    locked.resolution = Resolution.MANUAL
    locked.resolved_by = by
    locked.resolved_at = timezone.now()
    locked.note = note.strip()
    locked.save()
    return locked
