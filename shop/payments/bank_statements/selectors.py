"""Reads for the staff page of bank statements."""

from __future__ import annotations

from django.db.models import QuerySet

from .models import StatementImport, StatementLine


def lines_to_match() -> QuerySet[StatementLine]:
    """Credit lines no matcher could apply, oldest first: staff match them by hand."""
    return StatementLine.objects.filter(status=StatementLine.Status.UNMATCHED).order_by(
        "booking_date", "pk"
    )


def recent_imports(limit: int = 10) -> list[StatementImport]:
    return list(StatementImport.objects.select_related("imported_by")[:limit])


def lines_of(statement: StatementImport) -> QuerySet[StatementLine]:
    """The lines this import brought (lines already known came with an earlier one)."""
    return statement.lines.select_related("resolved_by").order_by("row")
