"""Invoice pages: the member's download from the order page, the producer's statement
and journal, staff's list and journal; who may see what."""

import pytest
from django.urls import reverse

from shop.invoicing import services
from tests.factories import UserFactory

from .helpers import mandate, pdf_text

pytestmark = pytest.mark.django_db


def pdf_url(invoice) -> str:
    return reverse("invoicing:invoice-pdf", kwargs={"pk": invoice.pk})


# --- members ---------------------------------------------------------------------------


def test_the_order_page_links_each_invoice_and_the_owner_downloads_it(client, world):
    mandate(world.b)
    order = world.orders["100001"]
    invoices = services.invoice_issue_for_order(order=order)
    client.force_login(order.user)

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

    assert page.status_code == 200
    for invoice in invoices:
        assert pdf_url(invoice) in page.text
        response = client.get(pdf_url(invoice))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f"facture-{invoice.number}.pdf" in response["Content-Disposition"]
        assert invoice.number in pdf_text(response.content)


def test_an_order_without_invoice_yet_says_it_is_coming(client, world):
    order = world.orders["100002"]
    client.force_login(order.user)

    page = client.get(reverse("customer:order", kwargs={"order_number": order.number}))

    assert "La facture est en préparation" in page.text


def test_another_member_gets_404_and_staff_get_the_pdf(client, world):
    (invoice,) = services.invoice_issue_for_order(order=world.orders["100001"])

    client.force_login(world.customers["Bruno"])
    assert client.get(pdf_url(invoice)).status_code == 404
    client.force_login(world.user_b)  # a producer of the order is not its buyer
    assert client.get(pdf_url(invoice)).status_code == 404
    client.force_login(UserFactory(is_staff=True))
    assert client.get(pdf_url(invoice)).status_code == 200


def test_anonymous_visitors_are_sent_to_sign_in(client, world):
    (invoice,) = services.invoice_issue_for_order(order=world.orders["100001"])

    response = client.get(pdf_url(invoice))

    assert response.status_code == 302 and "login" in response["Location"]


# --- producers -------------------------------------------------------------------------


def statement_url(producer, **query) -> str:
    url = reverse("invoicing:statement", kwargs={"producer_pk": producer.pk})
    return url + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def test_the_producer_sees_its_statement(client, world):
    for number in ("100001", "100002", "100008"):
        services.invoice_issue_for_order(order=world.orders[number])
    client.force_login(world.user_b)

    page = client.get(statement_url(world.b))

    assert page.status_code == 200
    # B-MIEL x1 in 100001 and 100008: 18.00 HT, 19.00 TTC; 15 % of 18.00 = 2.70.
    text = page.text
    assert "19,00 €" in text and "2,70 €" in text and "16,30 €" in text


def test_another_producers_statement_and_journal_answer_404(client, world):
    client.force_login(world.user_a)

    assert client.get(statement_url(world.b)).status_code == 404
    url = reverse("invoicing:producer-journal", kwargs={"producer_pk": world.b.pk})
    assert client.get(url + "?month=2026-01").status_code == 404


def test_a_bad_month_is_refused_with_a_message(client, world):
    client.force_login(world.user_a)

    page = client.get(statement_url(world.a, month="13-2026"))

    assert page.status_code == 400
    assert "AAAA-MM" in page.text


def test_a_plain_member_cannot_see_statements(client, world):
    client.force_login(UserFactory())

    assert client.get(statement_url(world.a)).status_code == 403


# --- staff -----------------------------------------------------------------------------


def test_staff_list_invoices_filtered_by_issuer_with_the_series(client, world):
    mandate(world.b)
    services.invoice_issue_for_order(order=world.orders["100001"])
    services.invoice_issue_for_order(order=world.orders["100002"])
    client.force_login(UserFactory(is_staff=True))
    url = reverse("invoicing:invoice-list")

    everything = client.get(url)
    producer_only = client.get(url, {"issuer": f"partner-{world.b.pk}"})

    assert everything.status_code == 200
    assert len(everything.context["invoices"]) == 3
    assert [i.issuer for i in producer_only.context["invoices"]] == [f"partner-{world.b.pk}"]
    assert all(sequence.is_gapless for sequence in everything.context["sequences"])
    assert "Sans trou" in everything.text
    names = {sequence.name for sequence in everything.context["sequences"]}
    assert names == {"Panier Commun", "Rucher du Vercors"}


def test_the_invoice_list_is_for_staff_only(client, world):
    client.force_login(world.user_a)

    assert client.get(reverse("invoicing:invoice-list")).status_code == 403


def test_the_staff_journal_needs_a_month(client, world):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("invoicing:journal"))

    assert response.status_code == 400
    assert "Choisissez un mois" in response.content.decode()
