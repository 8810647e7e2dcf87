"""Pages of closing: the distribution sheet (staff, coordinators of its points) and the
producer's purchase orders (its own only); late changes refused after closing."""

from __future__ import annotations

import io

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from shop.distributions import services as distribution_services
from shop.distributions.closing import services
from shop.distributions.models import DistributionOffer
from shop.payments.statuses import CANCELLED
from tests.factories import ProducerFactory, UserFactory, producer_user

pytestmark = pytest.mark.django_db


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def sheet_url(distribution, name="sheet") -> str:
    return reverse(f"distributions-dashboard:closing:{name}", kwargs={"pk": distribution.pk})


def purchase_url(producer, distribution, extension) -> str:
    return reverse(
        "producer-orders:purchase-order",
        kwargs={
            "producer_pk": producer.pk,
            "distribution_pk": distribution.pk,
            "extension": extension,
        },
    )


def test_the_sheet_shows_members_producers_and_totals(closing_world):
    w = closing_world
    response = client_for(w.staff).get(sheet_url(w.distribution))
    assert response.status_code == 200
    sheet = response.context["sheet"]
    assert [o.number for o in sheet.orders] == ["200001", "200002", "200003", "200004"]
    assert [o.number for o in sheet.active_orders] == ["200001", "200002", "200004"]
    assert [o.number for o in sheet.unpaid_orders] == ["200002"]
    assert [o.number for o in sheet.cancelled_orders] == ["200003"]
    assert str(sheet.total_incl_tax) == "45.38"
    a, b = sheet.producers
    assert (a.name, a.quantity, str(a.total_incl_tax), len(a.orders)) == (
        "Ferme des Abricots",
        10,
        "35.88",
        3,
    )
    assert (b.name, b.quantity, str(b.total_incl_tax), len(b.orders)) == (
        "Rucher du Vercors",
        1,
        "9.50",
        1,
    )
    page = response.content.decode()
    assert "Alice Membre" in page and "Épicerie de Crest" in page and "print.css" in page
    assert "300001" not in page


def test_the_sheet_follows_a_cancelled_order(closing_world):
    w = closing_world
    order = w.orders["200002"]
    order.status = CANCELLED
    order.save(update_fields=["status"])
    response = client_for(w.staff).get(sheet_url(w.distribution))
    sheet = response.context["sheet"]
    assert [o.number for o in sheet.active_orders] == ["200001", "200004"]
    assert sheet.unpaid_orders == []
    assert str(sheet.total_incl_tax) == "22.16"


def test_the_sheet_csv(closing_world):
    w = closing_world
    response = client_for(w.staff).get(sheet_url(w.distribution, "sheet-csv"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    text = response.content.decode("utf-8-sig")
    assert text.count("\r\n") == 1 + 6  # headers + one row per line of the 4 orders
    assert "200003;Chloé Membre" in text and "300001" not in text


def test_a_coordinator_of_every_point_sees_the_sheet_others_do_not(closing_world):
    w = closing_world
    # The coordinator of Crest only: the distribution is also at Die.
    assert client_for(w.coordinator).get(sheet_url(w.distribution)).status_code in (403, 404)
    from groupbuy.models import BuyingGroup

    BuyingGroup.objects.get(slug="groupe-crest").pickup_points.add(w.die)
    assert client_for(w.coordinator).get(sheet_url(w.distribution)).status_code == 200
    assert client_for(UserFactory()).get(sheet_url(w.distribution)).status_code == 403
    assert client_for(w.user_a).get(sheet_url(w.distribution, "sheet-csv")).status_code == 403
    anonymous = Client().get(sheet_url(w.distribution))
    assert anonymous.status_code == 302


def test_the_producer_lists_its_distributions_and_downloads_its_purchase_orders(
    closing_world,
):
    w = closing_world
    client = client_for(w.user_a)
    services.distribution_close_and_dispatch(distribution=w.distribution)
    page = client.get(reverse("producer-orders:distributions", kwargs={"producer_pk": w.a.pk}))
    assert page.status_code == 200
    assert list(page.context["distributions"]) == [w.other, w.distribution]
    assert purchase_url(w.a, w.distribution, "pdf") in page.content.decode()

    csv_response = client.get(purchase_url(w.a, w.distribution, "csv"))
    assert csv_response.status_code == 200
    assert "attachment" in csv_response["Content-Disposition"]
    assert "Jus de pomme;A-JUS;;4;10,00;10,56" in csv_response.content.decode("utf-8-sig")

    pdf_response = client.get(purchase_url(w.a, w.distribution, "pdf"))
    assert pdf_response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf_response.content)).pages)
    assert "Halle de Die" in text and "4,22 €" in text


def test_a_producer_cannot_read_another_producers_purchase_order(closing_world):
    w = closing_world
    client = client_for(w.user_a)
    assert client.get(purchase_url(w.b, w.distribution, "csv")).status_code == 404
    assert (
        client.get(
            reverse("producer-orders:distributions", kwargs={"producer_pk": w.b.pk})
        ).status_code
        == 404
    )
    # A producer outside the distribution: no purchase order for it.
    outsider = ProducerFactory(name="Hors distribution")
    own = client_for(producer_user(outsider))
    assert own.get(purchase_url(outsider, w.distribution, "pdf")).status_code == 404
    assert client.get(purchase_url(w.a, w.distribution, "exe")).status_code == 404


def test_quantities_cannot_change_after_closing(closing_world):
    w = closing_world
    services.distribution_close_and_dispatch(distribution=w.distribution)
    product = w.products["A-CONF"]
    with pytest.raises(services.OffersClosed) as refusal:
        distribution_services.distribution_offer_set(
            distribution=w.distribution, product=product, quantity=80, by=w.staff
        )
    assert "ses quantités ne peuvent plus être modifiées" in refusal.value.message
    with pytest.raises(services.OffersClosed):
        distribution_services.distribution_offer_set(
            distribution=w.distribution, product=product, quantity=0, by=w.staff
        )
    assert (
        DistributionOffer.objects.get(distribution=w.distribution, product=product).quantity == 50
    )
    # Before closing, the other distribution still takes changes.
    distribution_services.distribution_offer_set(
        distribution=w.other, product=product, quantity=80, by=w.staff
    )


def test_the_dashboard_refuses_late_quantities_with_a_message(closing_world):
    w = closing_world
    services.distribution_close_and_dispatch(distribution=w.distribution)
    product = w.products["A-CONF"]
    url = reverse("distributions-dashboard:offers", kwargs={"pk": w.distribution.pk})
    client = client_for(w.staff)
    page = client.get(url)
    assert "ces quantités ne peuvent plus être modifiées" in page.content.decode()
    form = page.context["form"]
    data = {name: form[name].value() for name in form.fields}
    data[form.field_name(product)] = 99
    response = client.post(url, data)
    assert response.status_code == 200
    assert "ses quantités ne peuvent plus être modifiées" in response.content.decode()
    assert (
        DistributionOffer.objects.get(distribution=w.distribution, product=product).quantity == 50
    )


def test_a_cancelled_order_still_gives_its_quantities_back_after_closing(closing_world):
    w = closing_world
    services.distribution_close_and_dispatch(distribution=w.distribution)
    offer = DistributionOffer.objects.get(distribution=w.distribution, product=w.products["A-JUS"])
    offer.sold = 4
    offer.save(update_fields=["sold"])  # the release path: allowed
    distribution_services.distribution_release(order=w.orders["200002"])
    offer.refresh_from_db()
    assert offer.sold == 0
