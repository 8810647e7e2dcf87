"""Evidence files are accepted by their content (PDF, JPEG, PNG, WebP), whatever their
name, and always served as downloads (shop/impact/evidence.py)."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from community.guarantee.forms import ClaimOpinionForm
from community.models import ClaimOpinion, College
from shop.impact.evidence import sniff_evidence_type, validate_evidence_content
from shop.impact.models import Claim
from tests.factories import ClaimFactory, ProducerFactory, UserFactory

PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 \x18\x00\x00\x00"
HTML = b"<!doctype html><script>alert(document.cookie)</script>"
FRENCH = "n'est ni un PDF ni une image JPEG, PNG ou WebP"


@pytest.mark.parametrize(
    ("content", "expected"),
    [(PDF, "application/pdf"), (JPEG, "image/jpeg"), (PNG, "image/png"), (WEBP, "image/webp")],
)
def test_the_four_accepted_types_are_recognised_by_their_first_bytes(content, expected):
    assert sniff_evidence_type(content[:12]) == expected
    validate_evidence_content(SimpleUploadedFile("preuve.pdf", content))


def test_a_png_named_pdf_is_accepted_the_content_decides():
    upload = SimpleUploadedFile("attestation.pdf", PNG)
    validate_evidence_content(upload)
    assert upload.read() == PNG  # the check leaves the file at its start


@pytest.mark.parametrize("name", ["attestation.pdf", "photo.jpg", "photo.png"])
def test_an_html_page_is_refused_whatever_its_name(name):
    with pytest.raises(ValidationError) as error:
        validate_evidence_content(SimpleUploadedFile(name, HTML))
    assert error.value.code == "evidence_content"


@pytest.mark.django_db
def test_the_opinion_form_refuses_an_html_file_named_pdf_with_a_french_error():
    data = {"verdict": "confirm", "comment": "Vu sur place."}
    form = ClaimOpinionForm(data, {"evidence": SimpleUploadedFile("preuve.pdf", HTML)}, colleges=[])
    assert not form.is_valid()
    assert any(FRENCH in message for message in form.errors["evidence"])
    form = ClaimOpinionForm(data, {"evidence": SimpleUploadedFile("preuve.pdf", PNG)}, colleges=[])
    form.is_valid()
    assert "evidence" not in form.errors


@pytest.mark.django_db
def test_a_claim_with_an_html_evidence_file_does_not_validate():
    claim = ClaimFactory(producer=ProducerFactory())
    claim.evidence_file = SimpleUploadedFile("preuve.pdf", HTML)
    with pytest.raises(ValidationError) as error:
        claim.full_clean()
    assert "evidence_file" in error.value.message_dict


@pytest.mark.django_db
def test_a_claims_evidence_is_served_as_an_attachment(client):
    claim = ClaimFactory(producer=ProducerFactory())
    claim.evidence_file.save("attestation.pdf", ContentFile(PDF))
    response = client.get(reverse("impact:claim-evidence", args=[claim.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "attestation" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF


@pytest.mark.django_db
def test_a_claim_without_a_file_has_no_download(client):
    claim = ClaimFactory(producer=ProducerFactory())
    assert client.get(reverse("impact:claim-evidence", args=[claim.pk])).status_code == 404


@pytest.mark.django_db
def test_an_opinions_evidence_is_served_as_an_attachment_and_linked_so(client):
    claim = ClaimFactory(producer=ProducerFactory())
    opinion = ClaimOpinion.objects.create(
        claim=claim,
        member=UserFactory(),
        college=College.objects.first(),
        verdict="confirm",
        comment="Visite faite",
        validity_period_end=claim.valid_until,
        created_at=timezone.now(),
    )
    opinion.evidence.save("photo.png", ContentFile(PNG))
    url = reverse("community:opinion-evidence", args=[opinion.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    page = client.get(reverse("community:claim-detail", args=[claim.pk])).content.decode()
    assert url in page and opinion.evidence.url not in page


@pytest.mark.django_db
def test_raw_media_urls_of_evidence_answer_404_while_other_uploads_are_served(client, settings):
    settings.SERVE_MEDIA = True  # the default of `make run`; config/urls.py reads it at import
    claim = ClaimFactory(producer=ProducerFactory())
    claim.evidence_file.save("attestation.pdf", ContentFile(PDF))
    opinion = ClaimOpinion.objects.create(
        claim=claim,
        member=UserFactory(),
        college=College.objects.first(),
        verdict="confirm",
        comment="Visite faite",
        validity_period_end=claim.valid_until,
        created_at=timezone.now(),
    )
    opinion.evidence.save("photo.png", ContentFile(PNG))
    assert client.get(claim.evidence_file.url).status_code == 404
    assert client.get(opinion.evidence.url).status_code == 404

    from django.core.files.storage import default_storage

    public = default_storage.save("communaute/2026/12/affiche.png", ContentFile(PNG))
    response = client.get(settings.MEDIA_URL + public)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PNG


def test_every_evidence_field_uploads_into_a_private_folder(settings):
    for field in (Claim._meta.get_field("evidence_file"), ClaimOpinion._meta.get_field("evidence")):
        assert str(field.upload_to).startswith(tuple(settings.PRIVATE_MEDIA_FOLDERS)), field
