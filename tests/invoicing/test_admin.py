"""The admin: producers' invoicing profiles are edited (who changed them is kept);
invoices and their series are read-only."""

import pytest
from django.urls import reverse

from shop.invoicing import services
from shop.invoicing.models import InvoicingProfile
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def test_invoices_are_read_only(admin_client, world):
    (invoice,) = services.invoice_issue_for_order(order=world.orders["100001"])

    listing = admin_client.get(reverse("admin:invoicing_invoice_changelist"))
    detail = admin_client.get(reverse("admin:invoicing_invoice_change", args=[invoice.pk]))
    delete = admin_client.post(reverse("admin:invoicing_invoice_delete", args=[invoice.pk]))

    assert listing.status_code == 200 and invoice.number in listing.text
    assert detail.status_code == 200 and 'name="number"' not in detail.text
    assert delete.status_code == 403
    assert admin_client.get(reverse("admin:invoicing_invoice_add")).status_code == 403


def test_a_profile_records_who_changed_it(admin_client, world):
    response = admin_client.post(
        reverse("admin:invoicing_invoicingprofile_add"),
        {"partner": world.b.pk, "mode": "mandate", "vat_number": "FR1"},
    )

    assert response.status_code == 302, response.content
    profile = InvoicingProfile.objects.get(partner=world.b)
    assert profile.mode == "mandate" and profile.updated_by.is_superuser
