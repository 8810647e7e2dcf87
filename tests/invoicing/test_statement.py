"""The producer's monthly statement and the sales journal, on a hand-checked case.

Orders (tests/producer_orders/orders.py), all invoiced this month, producer A:
    100001 paid       A-CONF x2           8.00 HT  0.44 TVA   8.44 TTC
    100002 preparing  A-CONF x3, A-JUS x4 22.00 HT 1.22 TVA  23.22 TTC (12.66 + 10.56)
    100003 cancelled  A-CONF x5           left out of the statement
    100006 pending    A-TAB x1 (20 %)     20.00 HT 4.00 TVA  24.00 TTC
Sales: 50.00 HT, 5.66 TVA, 55.66 TTC; commission 10 % of 50.00 = 5.00; owed 50.66.
"""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from shop.invoicing import selectors, services
from shop.invoicing.models import Invoice
from shop.pricing.models import CommissionRate
from shop.pricing.services import commission_rate_save
from tests.factories import UserFactory

from .helpers import mandate, pdf_text

pytestmark = pytest.mark.django_db

D = Decimal
ORDERS = ("100001", "100002", "100003", "100006")


@pytest.fixture
def invoiced(world):
    # The cooperative takes 10 % from A (shop.pricing), the default 15 % from B.
    commission_rate_save(partner=world.a, percent=D("10"), by=UserFactory(is_staff=True))
    mandate(world.b)
    for number in ORDERS:
        services.invoice_issue_for_order(order=world.orders[number])
    return world


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def test_the_statement_sums_sales_less_the_commission(invoiced):
    statement = selectors.producer_statement(invoiced.a, month=this_month())

    assert [row.invoice.order.number for row in statement.rows] == ["100001", "100002", "100006"]
    assert (statement.sales_excl_tax, statement.sales_vat, statement.sales_incl_tax) == (
        D("50.00"), D("5.66"), D("55.66"),
    )  # fmt: skip
    assert statement.commission_rate == D("0.10")
    assert statement.commission == D("5.00")
    assert statement.owed == D("50.66")
    assert statement.vat_rates == [
        (D("0.0550"), D("30.00"), D("1.66")),
        (D("0.2000"), D("20.00"), D("4.00")),
    ]


def test_the_default_commission_applies_without_a_rate(invoiced):
    statement = selectors.producer_statement(invoiced.b, month=this_month())

    # B-MIEL x1 (100001) and x2 (100006): 27.00 HT, 28.50 TTC; 15 % of 27.00 = 4.05.
    assert statement.commission_rate == D("0.15")
    assert (statement.sales_incl_tax, statement.commission, statement.owed) == (
        D("28.50"), D("4.05"), D("24.45"),
    )  # fmt: skip


def test_invoices_of_another_month_are_left_out(invoiced):
    Invoice.objects.filter(order__number="100002").update(
        issued_at=timezone.now() - datetime.timedelta(days=40)
    )

    statement = selectors.producer_statement(invoiced.a, month=this_month())

    assert statement.sales_incl_tax == D("32.44")  # 8.44 + 24.00


def read_csv(response) -> list[list[str]]:
    text = response.content.decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text), delimiter=";"))


def test_the_staff_journal_has_one_row_per_invoice_with_vat_per_rate(client, invoiced):
    client.force_login(UserFactory(is_staff=True))

    response = client.get(reverse("invoicing:journal"), {"month": f"{this_month():%Y-%m}"})

    assert response.status_code == 200
    rows = read_csv(response)
    assert rows[0] == [
        "Date", "Numéro de facture", "Émetteur", "Client",
        "HT 5,5 %", "TVA 5,5 %", "HT 20 %", "TVA 20 %", "Total TTC", "Mode de paiement",
    ]  # fmt: skip
    by_number = {row[1]: row for row in rows[1:]}
    assert len(by_number) == 6  # 100001, 100003, 100006 twice (coop + B), 100002 once
    coop_100006 = next(
        row for row in rows[1:] if row[2] == "Panier Commun" and row[3] == "Denis Client"
    )
    assert coop_100006[4:9] == ["0,00", "0,00", "20,00", "4,00", "24,00"]
    b_100006 = next(
        row for row in rows[1:] if row[2] == "Rucher du Vercors" and row[3] == "Denis Client"
    )
    assert b_100006[4:9] == ["18,00", "1,00", "0,00", "0,00", "19,00"]


def test_the_producer_journal_holds_only_its_lines(client, invoiced):
    client.force_login(invoiced.user_a)
    url = reverse("invoicing:producer-journal", kwargs={"producer_pk": invoiced.a.pk})

    rows = read_csv(client.get(url, {"month": f"{this_month():%Y-%m}"}))

    # A's lines: 100001, 100002, 100003 (the journal records every issued invoice), 100006.
    totals = {row[3]: row[-2] for row in rows[1:]}
    assert len(rows) == 5
    assert sorted(totals.values()) == ["21,10", "23,22", "24,00", "8,44"]
    assert "Miel" not in response_text(rows)


def response_text(rows) -> str:
    return " ".join(" ".join(row) for row in rows)


def test_the_statement_pdf_carries_the_figures(client, invoiced):
    client.force_login(invoiced.user_a)
    url = reverse("invoicing:statement-pdf", kwargs={"producer_pk": invoiced.a.pk})

    response = client.get(url, {"month": f"{this_month():%Y-%m}"})

    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    text = pdf_text(response.content)
    assert f"Relevé de {this_month():%m/%Y}" in text
    for figure in ("50,00 €", "5,66 €", "55,66 €", "10 %", "− 5,00 €", "50,66 €"):
        assert figure in text, figure
    assert "Montant qui vous est dû" in text
    other = reverse("invoicing:statement-pdf", kwargs={"producer_pk": invoiced.b.pk})
    assert client.get(other).status_code == 404


def test_a_line_keeps_the_rate_it_was_sold_with(invoiced):
    rate = CommissionRate.objects.get(partner=invoiced.a, product_class=None)
    commission_rate_save(
        rate=rate, partner=invoiced.a, percent=D("30"), by=UserFactory(is_staff=True)
    )

    statement = selectors.producer_statement(invoiced.a, month=this_month())

    assert statement.commission == D("5.00")  # still 10 % of 50.00: sold before the change


def test_rates_by_product_class_apply_line_by_line(world):
    honey_class = (
        world.orders["100001"].lines.filter(partner=world.b).first().product.get_product_class()
    )
    staff = UserFactory(is_staff=True)
    commission_rate_save(partner=world.b, product_class=honey_class, percent=D("20"), by=staff)
    mandate(world.b)
    for number in ORDERS:
        services.invoice_issue_for_order(order=world.orders[number])

    statement = selectors.producer_statement(world.b, month=this_month())

    # B-MIEL: 27.00 HT at 20 % = 5.40 (not the default 15 %: 4.05).
    assert (statement.commission, statement.commission_rate) == (D("5.40"), D("0.2000"))
