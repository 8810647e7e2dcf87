"""Evidence files (a claim's, an opinion's): what is accepted and how it is served.

- Accepted by content, not by name: the first bytes must be those of a PDF, a JPEG, a
  PNG or a WebP image, whatever the extension says (an HTML page named ".pdf" is
  refused).
- Served as a download (``Content-Disposition: attachment``, ``nosniff``): a browser
  never renders an uploaded file inside the site's origin.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

HEADER_BYTES = 12


def sniff_evidence_type(head: bytes) -> str | None:
    """The MIME type of a file from its first bytes, when it is one we accept."""
    if head.startswith(b"%PDF-"):
        return "application/pdf"
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    return None


def _read_head(file: Any) -> bytes:
    position = file.tell() if hasattr(file, "tell") else None
    file.seek(0)
    head = file.read(HEADER_BYTES)
    file.seek(position or 0)
    return head if isinstance(head, bytes) else head.encode()


@deconstructible
class EvidenceContentValidator:
    """Refuse a file whose content is not a PDF, JPEG, PNG or WebP."""

    message = _(
        "This file is not a PDF nor a JPEG, PNG or WebP image (its content was checked, "
        "whatever its name): choose another file."
    )
    code = "evidence_content"

    def __call__(self, file: Any) -> None:
        if sniff_evidence_type(_read_head(file)) is None:
            raise ValidationError(self.message, code=self.code)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, EvidenceContentValidator)

    def __hash__(self) -> int:
        return hash(self.code)


validate_evidence_content = EvidenceContentValidator()


def evidence_download(file: FieldFile) -> FileResponse:
    """The file as an attachment, never rendered inline, typed by its content."""
    if not file:
        raise Http404
    try:
        handle = file.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    content_type = sniff_evidence_type(_read_head(handle))
    name = PurePath(file.name or "preuve").name
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=name,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
