"""Helpers of the invoicing tests: a producer's mandate profile, a PDF's text."""

from __future__ import annotations

import io

from pypdf import PdfReader

from shop.invoicing.models import InvoicingMode, InvoicingProfile


def mandate(producer, **fields) -> InvoicingProfile:
    profile, _created = InvoicingProfile.objects.update_or_create(
        partner=producer, defaults={"mode": InvoicingMode.MANDATE, **fields}
    )
    return profile


def pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return "\n".join(page.extract_text() for page in reader.pages)
