"""Producer order pages: a producer's user sees its own lines, never another producer's."""

from __future__ import annotations

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests.factories import ProducerFactory, UserFactory, create_product, producer_user
from tests.helpers.orders import place_order
from tests.producer_orders.orders import B_STRINGS, DAY

pytestmark = pytest.mark.django_db

PRODUCER_PAGES = ["line-list", "preparation", "sales", "sales-csv"]


def url(name: str, producer, **query) -> str:
    path = reverse(f"producer-orders:{name}", kwargs={"producer_pk": producer.pk})
    if query:
        path += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return path


def preparation_query(world, point=None, **extra) -> dict:
    return {"point": (point or world.crest).pk, "day": DAY.isoformat(), **extra}


def read_csv(response) -> list[list[str]]:
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith("attachment; filename=")
    raw = response.content
    assert raw.startswith("\ufeff".encode())  # BOM, for Excel
    return list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))


def assert_no_b(content: str) -> None:
    for text in B_STRINGS:
        assert text not in content, f"{text!r} (producer B) shown to producer A"


# --- Who may see what --------------------------------------------------------------------


@pytest.mark.parametrize("name", PRODUCER_PAGES)
def test_another_producers_pages_answer_404(client, world, name):
    client.force_login(world.user_a)
    query = {"start": "2025-06-01", "end": "2025-06-30"} if name == "sales-csv" else {}
    assert client.get(url(name, world.a, **query)).status_code == 200
    assert client.get(url(name, world.b, **query)).status_code == 404


def test_another_producers_preparation_csv_answers_404(client, world):
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.b, **preparation_query(world, format="csv")))
    assert response.status_code == 404


@pytest.mark.parametrize("name", PRODUCER_PAGES)
def test_a_plain_member_is_refused(client, world, name):
    client.force_login(UserFactory())
    assert client.get(url(name, world.a)).status_code == 403
    assert client.get(reverse("producer-orders:index")).status_code == 403


@pytest.mark.parametrize("name", PRODUCER_PAGES)
def test_anonymous_visitors_go_to_the_sign_in_page(client, world, name):
    response = client.get(url(name, world.a))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login") + "?next=")


def test_staff_see_any_producer(client, world):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url("line-list", world.b))
    assert response.status_code == 200
    assert "B-MIEL" in response.content.decode()
    assert client.get(reverse("producer-orders:index")).status_code == 200


def test_index_goes_straight_to_the_only_producer(client, world):
    client.force_login(world.user_a)
    response = client.get(reverse("producer-orders:index"))
    assert response.status_code == 302
    assert response["Location"] == url("line-list", world.a)


def test_index_lists_the_producers_of_a_user_who_manages_several(client, world):
    other = ProducerFactory(name="Moulin de Saillans")
    other.users.add(world.user_a)
    client.force_login(world.user_a)
    response = client.get(reverse("producer-orders:index"))
    content = response.content.decode()
    assert response.status_code == 200
    assert "Ferme des Abricots" in content and "Moulin de Saillans" in content
    assert "Rucher du Vercors" not in content


# --- Order lines ---------------------------------------------------------------------------


def test_line_list_shows_only_the_producers_lines(client, world):
    client.force_login(world.user_a)
    response = client.get(url("line-list", world.a))
    content = response.content.decode()
    assert response.status_code == 200
    for sku in ("A-CONF", "A-JUS", "A-TAB"):
        assert sku in content
    assert_no_b(content)
    assert "100006" in content  # A's line of a mixed order
    assert "Épicerie de Crest" in content
    assert reverse("producer-orders:preparation", kwargs={"producer_pk": world.a.pk}) in content


def test_line_list_filters(client, world):
    client.force_login(world.user_a)
    response = client.get(url("line-list", world.a, status="cancelled"))
    assert [line.order.number for line in response.context["lines"]] == ["100003"]
    response = client.get(url("line-list", world.a, point=world.die.pk))
    assert [line.order.number for line in response.context["lines"]] == ["100004"]
    response = client.get(url("line-list", world.a, point="domicile"))
    assert [line.order.number for line in response.context["lines"]] == ["100008"]
    response = client.get(url("line-list", world.a, start="2025-06-05", end="2025-06-05"))
    assert [line.order.number for line in response.context["lines"]] == ["100004"]


def test_line_list_with_a_reversed_period_answers_400(client, world, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.user_a)
    response = client.get(url("line-list", world.a, start="2025-06-05", end="2025-06-01"))
    assert response.status_code == 400
    assert "The end date must be on or after the start date." in response.content.decode()


def _orders_for_a(world, count: int, *, first: int = 0) -> None:
    customer = UserFactory()
    for index in range(first, first + count):
        place_order(
            number=f"9{index:05d}",
            user=customer,
            items=[(world.products["A-CONF"], 1), (world.products["B-MIEL"], 1)],
            status="paid",
            point=world.crest if index % 2 else world.die,
        )


def _count_queries(client, path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200
    return len(queries)


def test_line_list_query_count_does_not_grow_with_the_orders(client, world):
    """5 orders, then 30 (more than a page): the same number of queries."""
    client.force_login(world.user_a)
    path = url("line-list", world.a)
    _orders_for_a(world, 5)
    with_5 = _count_queries(client, path)
    _orders_for_a(world, 25, first=5)
    with_30 = _count_queries(client, path)
    assert with_5 == with_30


# --- Preparation list ----------------------------------------------------------------------


def test_preparation_page_lists_coming_pickups(client, world):
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.a))
    assert response.status_code == 200
    # Pickups from today on: the fixture's day is in the past, so none is listed.
    assert response.context["upcoming"] == []


def test_preparation_page_links_to_the_lists_of_coming_pickups(client, world):
    soon = timezone.localdate() + datetime.timedelta(days=2)
    for number, product in (("500001", "A-JUS"), ("500002", "B-MIEL")):
        place_order(
            number=number,
            user=world.customers["Alice"],
            items=[(world.products[product], 1)],
            status="paid",
            point=world.die,
            day=soon,
        )
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.a))
    assert [(s.point, s.day, s.num_orders) for s in response.context["upcoming"]] == [
        (world.die, soon, 1)
    ]
    assert f"?point={world.die.pk}&amp;day={soon.isoformat()}" in response.content.decode()


def test_preparation_list_html_is_printable_and_shows_only_the_producers_lines(client, world):
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.a, **preparation_query(world)))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'media="print"' in content and "producer_orders/print.css" in content
    assert [(row.sku, row.quantity) for row in response.context["rows"]] == [
        ("A-CONF", 5),
        ("A-JUS", 4),
        ("A-TAB", 1),
    ]
    assert "Épicerie de Crest" in content and "12 rue de la Tour" in content
    assert "Alice Client" in content and "Bruno Client" in content
    assert "100003" not in content  # cancelled
    assert "Chloé" not in content  # her orders are cancelled or refunded
    assert_no_b(content)
    assert "format=csv" in content


def test_preparation_list_csv(client, world):
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.a, **preparation_query(world, format="csv")))
    assert response.status_code == 200
    assert (
        'filename="preparation-ferme-des-abricots-crest-2025-06-06.csv"'
        in (response["Content-Disposition"])
    )
    rows = read_csv(response)
    assert rows == [
        ["Produit", "Référence", "Quantité totale", "Commande", "Client", "Quantité", "Créneau"],
        ["Confiture d'abricot", "A-CONF", "5", "100001", "Alice Client", "2", "17:00-19:00"],
        ["Confiture d'abricot", "A-CONF", "5", "100002", "Bruno Client", "3", "17:00-19:00"],
        ["Jus de pomme", "A-JUS", "4", "100002", "Bruno Client", "4", "17:00-19:00"],
        ["Tablier en lin", "A-TAB", "1", "100006", "Denis Client", "1", "17:00-19:00"],
    ]
    assert_no_b(response.content.decode("utf-8-sig"))


def test_preparation_list_csv_of_home_deliveries(client, world):
    client.force_login(world.user_a)
    query = {"point": "domicile", "day": DAY.isoformat(), "format": "csv"}
    rows = read_csv(client.get(url("preparation", world.a, **query)))
    assert rows[1:] == [["Jus de pomme", "A-JUS", "1", "100008", "Bruno Client", "1", ""]]


def test_preparation_list_csv_keeps_formulas_out_of_spreadsheets(client, world):
    customer = UserFactory(first_name='=HYPERLINK("http://evil")', last_name="")
    place_order(
        number="200001",
        user=customer,
        items=[(world.products["A-JUS"], 1)],
        status="paid",
        point=world.die,
    )
    client.force_login(world.user_a)
    query = preparation_query(world, point=world.die, format="csv")
    rows = read_csv(client.get(url("preparation", world.a, **query)))
    names = [row[4] for row in rows[1:]]
    assert '\'=HYPERLINK("http://evil")' in names


@pytest.mark.parametrize(
    "query",
    [
        {"point": "", "day": "2025-06-06"},
        {"point": "999999", "day": "2025-06-06"},
        {"point": "domicile", "day": "06/31/2025"},
        {"point": "domicile", "day": "2025-06-06x", "format": "csv"},
    ],
)
def test_preparation_list_with_bad_parameters_answers_400(client, world, query):
    client.force_login(world.user_a)
    response = client.get(url("preparation", world.a, **query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")


# --- Sales report --------------------------------------------------------------------------


def test_sales_form_page(client, world):
    client.force_login(world.user_a)
    response = client.get(url("sales", world.a))
    content = response.content.decode()
    assert response.status_code == 200
    assert reverse("producer-orders:sales-csv", kwargs={"producer_pk": world.a.pk}) in content
    assert 'name="start"' in content and 'name="end"' in content


def test_sales_report_csv(client, world):
    client.force_login(world.user_a)
    response = client.get(url("sales-csv", world.a, start="2025-06-01", end="2025-06-05"))
    assert response.status_code == 200
    assert (
        'filename="ventes-ferme-des-abricots-2025-06-01-2025-06-05.csv"'
        in (response["Content-Disposition"])
    )
    assert read_csv(response) == [
        ["Référence", "Produit", "Quantité", "Total HT", "TVA", "Total TTC"],
        ["A-CONF", "Confiture d'abricot", "6", "24,00", "1,32", "25,32"],
        ["A-JUS", "Jus de pomme", "5", "12,50", "0,70", "13,20"],
        ["", "Total", "11", "36,50", "2,02", "38,52"],
    ]


def test_sales_report_csv_of_the_other_producer_for_staff(client, world):
    client.force_login(UserFactory(is_staff=True))
    response = client.get(url("sales-csv", world.b, start="2025-06-01", end="2025-06-30"))
    # 100001 (paid) and 100008 (paid); 100006 awaits payment.
    assert read_csv(response)[1:] == [
        ["B-MIEL", "Miel de châtaignier", "2", "18,00", "1,00", "19,00"],
        ["", "Total", "2", "18,00", "1,00", "19,00"],
    ]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"start": "2025-06-30", "end": "2025-06-01"}, "The end date must be on or after"),
        ({"start": "2025-02-30", "end": "2025-06-01"}, "Enter a valid date."),
        ({"start": "hier", "end": "2025-06-01"}, "Enter a valid date."),
        ({"end": "2025-06-01"}, "This field is required."),
        ({}, "This field is required."),
    ],
)
def test_sales_report_with_a_bad_period_answers_400(client, world, query, message, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(world.user_a)
    response = client.get(url("sales-csv", world.a, **query))
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert message in response.content.decode()


def test_sales_report_counts_french_dates(client, world):
    client.force_login(world.user_a)
    response = client.get(url("sales-csv", world.a, start="01/06/2025", end="05/06/2025"))
    assert read_csv(response)[-1] == ["", "Total", "11", "36,50", "2,02", "38,52"]


def test_a_producer_with_no_order_gets_empty_files(client, world):
    producer = ProducerFactory(name="Jeune pousse")
    create_product(title="Radis", producer=producer)
    user = producer_user(producer)
    client.force_login(user)
    sales = read_csv(client.get(url("sales-csv", producer, start="2025-06-01", end="2025-06-30")))
    assert sales[1:] == [["", "Total", "0", "0,00", "0,00", "0,00"]]
    prep = read_csv(
        client.get(url("preparation", producer, **preparation_query(world, format="csv")))
    )
    assert len(prep) == 1
