"""Assembly documents: PDF only, checked by content (its first bytes), at most
MAX_BYTES; served as downloads (shop.impact.evidence.evidence_download)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024


def validate_pdf(file: Any) -> None:
    """Refuse a file that is not a PDF (whatever its name says) or is too large."""
    if file.size > MAX_BYTES:
        raise ValidationError(
            _("This file is larger than %(size)s: reduce it or split it.")
            % {"size": filesizeformat(MAX_BYTES)}
        )
    file.seek(0)
    head = file.read(5)
    file.seek(0)
    if head != b"%PDF-":
        raise ValidationError(
            _("This file is not a PDF (its content was checked, whatever its name).")
        )
