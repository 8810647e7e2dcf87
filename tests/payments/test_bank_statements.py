"""Bank statements (shop/payments/bank_statements): French CSV exports read leniently,
wrong rows named in French by line and column, each line stored and applied once, lines
no matcher recognises kept for staff to match by hand."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from shop.payments.bank_statements import parsing, registry, services
from shop.payments.bank_statements.models import StatementImport, StatementLine
from shop.payments.references import make_reference
from tests.factories import UserFactory

URL = "/boutique/dashboard/releves-bancaires/"


@pytest.fixture(autouse=True)
def french():
    with translation.override("fr"):
        yield


class Ledger:
    """A matcher for prefix "TS": number 7 expects 20,00 €, anything else is unknown."""

    def __init__(self):
        self.applied: list[tuple[str, Decimal]] = []

    def apply(self, *, number, line, by) -> str:
        if number != "7":
            raise registry.MatchRefused("référence inconnue")
        if line.amount != Decimal("20.00"):
            raise registry.MatchRefused("montant différent de 20,00 €")
        self.applied.append((number, line.amount))
        return f"TS {number} payé"


@pytest.fixture
def ledger():
    matcher = Ledger()
    registry.register_matcher(prefix="TS", label="Test", apply=matcher.apply)
    yield matcher
    registry.unregister_matcher("TS")


@pytest.fixture
def staff(db):
    return UserFactory(is_staff=True)


GOOD = make_reference("TS", "7")  # TS-7-x
UNKNOWN = make_reference("TS", "8")


def statement(*rows: str, header: str = "Date;Libellé;Montant;Référence") -> bytes:
    preamble = "Compte courant n° 12345678901;;;\nSolde au 31/01/2025;1 234,56;;\n"
    return (preamble + header + "\n" + "\n".join(rows) + "\n").encode("utf-8")


FILE = statement(
    f"02/01/2025;VIR SEPA DUPONT CAMILLE;20,00;{GOOD}",
    "03/01/2025;VIR SEPA MARTIN SANS REFERENCE;40,00;",
    "04/01/2025;PRLV EDF;-85,10;",
    f"05/01/2025;VIR SEPA DURAND {UNKNOWN};20,00;",
)


# --- reading --------------------------------------------------------------------------


def test_french_formats_are_read():
    assert parsing.parse_amount("1 234,56") == Decimal("1234.56")
    assert parsing.parse_amount("1.234,56") == Decimal("1234.56")
    assert parsing.parse_amount("-20,00 €") == Decimal("-20.00")
    assert parsing.parse_amount("20.5") == Decimal("20.50")
    assert parsing.parse_amount("20,001") is None
    assert parsing.parse_amount("douze") is None
    assert parsing.parse_date("31/01/2025") == datetime.date(2025, 1, 31)
    assert parsing.parse_date("31/01/25") == datetime.date(2025, 1, 31)
    assert parsing.parse_date("2025-01-31") == datetime.date(2025, 1, 31)
    assert parsing.parse_date("31 janvier") is None


def test_preamble_is_skipped_and_lines_are_read_in_order():
    lines = parsing.parse_statement(FILE)
    assert [line.row for line in lines] == [4, 5, 6, 7]
    assert lines[0].booking_date == datetime.date(2025, 1, 2)
    assert lines[0].amount == Decimal("20.00")
    assert lines[0].reference == GOOD
    assert lines[2].amount == Decimal("-85.10")


def test_debit_and_credit_columns_in_windows_1252():
    content = (
        "Date opération;Libellé;Débit euros;Crédit euros\n"
        "02/01/2025;VIR REÇU;;20,00\n"
        "03/01/2025;CB ÉPICERIE;12,50;\n"
    ).encode("cp1252")
    lines = parsing.parse_statement(content)
    assert [line.amount for line in lines] == [Decimal("20.00"), Decimal("-12.50")]
    assert lines[0].label == "VIR REÇU"


def test_bad_rows_are_named_in_french_by_line_and_column():
    content = statement(
        "02/01/2025;VIR A;20,00;",
        "32/01/2025;VIR B;20,00;",
        "03/01/2025;;vingt;",
    )
    with pytest.raises(parsing.StatementInvalid) as caught:
        parsing.parse_statement(content)
    assert caught.value.errors == [
        "Ligne 5, colonne « Date » : « 32/01/2025 » n'est pas une date (attendu JJ/MM/AAAA).",
        "Ligne 6, colonne « Libellé » : le libellé manque.",
        "Ligne 6, colonne « Montant » : « vingt » n'est pas un montant (par ex. 20,00).",
    ]


def test_a_file_without_the_needed_columns_is_refused_in_french():
    with pytest.raises(parsing.StatementInvalid) as caught:
        parsing.parse_statement(b"Nom;Valeur\nA;1\n")
    assert "aucune ligne d'en-tête" in caught.value.errors[0].lower()


def test_identical_operations_on_one_day_are_two_lines():
    content = statement("02/01/2025;VIR X;20,00;", "02/01/2025;VIR X;20,00;")
    first, second = parsing.parse_statement(content)
    assert first.fingerprint != second.fingerprint


# --- importing ------------------------------------------------------------------------


def test_import_applies_known_references_and_keeps_the_rest(db, ledger, staff):
    record = services.statement_import(content=FILE, file_name="janvier.csv", by=staff)

    assert (record.lines_read, record.lines_new, record.lines_matched) == (4, 4, 1)
    assert ledger.applied == [("7", Decimal("20.00"))]
    matched = StatementLine.objects.get(status=StatementLine.Status.MATCHED)
    assert matched.matched_reference == GOOD
    assert matched.outcome == "TS 7 payé"
    assert matched.resolution == StatementLine.Resolution.AUTOMATIC
    assert matched.resolved_by == staff and matched.resolved_at is not None
    outgoing = StatementLine.objects.get(status=StatementLine.Status.OUTGOING)
    assert outgoing.amount == Decimal("-85.10")
    to_match = StatementLine.objects.filter(status=StatementLine.Status.UNMATCHED)
    assert sorted(line.label for line in to_match) == [
        f"VIR SEPA DURAND {UNKNOWN}",
        "VIR SEPA MARTIN SANS REFERENCE",
    ]
    refused = to_match.get(label__contains="DURAND")
    assert refused.outcome == f"{UNKNOWN} : référence inconnue"


def test_a_line_is_applied_once_even_if_imported_twice(db, ledger, staff):
    services.statement_import(content=FILE, file_name="janvier.csv", by=staff)
    again = services.statement_import(content=FILE, file_name="janvier-bis.csv", by=staff)

    assert (again.lines_new, again.lines_known, again.lines_matched) == (0, 4, 0)
    assert ledger.applied == [("7", Decimal("20.00"))]
    assert StatementLine.objects.count() == 4


def test_an_overlapping_statement_brings_only_its_new_lines(db, ledger, staff):
    services.statement_import(content=FILE, file_name="janvier.csv", by=staff)
    overlapping = statement(
        f"05/01/2025;VIR SEPA DURAND {UNKNOWN};20,00;",
        f"06/02/2025;VIR SEPA PETIT;20,00;{GOOD}",
    )
    record = services.statement_import(content=overlapping, file_name="fevrier.csv", by=staff)
    assert (record.lines_new, record.lines_known, record.lines_matched) == (1, 1, 1)


def test_a_wrong_file_imports_nothing(db, ledger, staff):
    with pytest.raises(parsing.StatementInvalid):
        services.statement_import(
            content=statement(f"02/01/2025;VIR;20,00;{GOOD}", "xx;VIR;20,00;"),
            file_name="faux.csv",
            by=staff,
        )
    assert not StatementLine.objects.exists()
    assert not StatementImport.objects.exists()
    assert ledger.applied == []


def test_staff_match_a_line_by_hand_once(db, ledger, staff):
    services.statement_import(content=FILE, file_name="janvier.csv", by=staff)
    line = StatementLine.objects.get(label__contains="MARTIN")

    with pytest.raises(ValidationError) as caught:
        services.line_match(line=line, reference="TS-7-0", by=staff)  # wrong check digit
    assert "n'est pas une référence de paiement valable" in caught.value.messages[0]
    with pytest.raises(ValidationError) as caught:
        services.line_match(line=line, reference=GOOD, by=staff)  # 40 € for 20 €
    assert caught.value.messages == [f"{GOOD} : montant différent de 20,00 €"]
    line.refresh_from_db()
    assert line.status == StatementLine.Status.UNMATCHED

    durand = StatementLine.objects.get(label__contains="DURAND")
    services.line_match(line=durand, reference=GOOD.lower(), by=staff, note="erreur de saisie")
    durand.refresh_from_db()
    assert durand.status == StatementLine.Status.MATCHED
    assert durand.resolution == StatementLine.Resolution.MANUAL
    assert durand.note == "erreur de saisie"
    with pytest.raises(ValidationError):
        services.line_match(line=durand, reference=GOOD, by=staff)
    assert len(ledger.applied) == 2


def test_setting_a_line_aside_needs_a_reason(db, ledger, staff):
    services.statement_import(content=FILE, file_name="janvier.csv", by=staff)
    line = StatementLine.objects.get(label__contains="MARTIN")
    with pytest.raises(ValidationError):
        services.line_set_aside(line=line, by=staff, note=" ")
    services.line_set_aside(line=line, by=staff, note="don, pas une souscription")
    line.refresh_from_db()
    assert (line.status, line.resolved_by) == (StatementLine.Status.IGNORED, staff)


# --- the staff page -------------------------------------------------------------------


def test_page_is_for_staff_only(client, db):
    assert client.get(URL).status_code == 302  # to the sign-in page
    client.force_login(UserFactory())
    assert client.get(URL).status_code == 403


def test_staff_import_and_see_the_lines_to_match(client, ledger, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("janvier.csv", FILE, content_type="text/csv")
    response = client.post(URL, {"statement": upload}, follow=True)
    assert response.status_code == 200
    assert "4 nouvelles lignes importées (1 rapprochées)" in response.content.decode()

    page = client.get(URL).content.decode()
    assert "VIR SEPA MARTIN SANS REFERENCE" in page
    assert "VIR SEPA DUPONT" not in page  # matched: not to match any more

    line = StatementLine.objects.get(label__contains="DURAND")
    response = client.post(
        f"{URL}lignes/{line.pk}/",
        {f"line-{line.pk}-action": "match", f"line-{line.pk}-reference": GOOD},
        follow=True,
    )
    assert "La ligne est rapprochée." in response.content.decode()
    line.refresh_from_db()
    assert line.status == StatementLine.Status.MATCHED and line.resolved_by == staff


def test_staff_see_the_errors_of_a_wrong_file(client, ledger, staff):
    client.force_login(staff)
    upload = SimpleUploadedFile("faux.csv", statement("02/01/2025;VIR;douze;"))
    response = client.post(URL, {"statement": upload})
    assert response.status_code == 400
    assert "Ligne 4, colonne « Montant »" in response.content.decode()


# --- orders paid by transfer ("PC-…", registered by the payments app) ---------------


def test_an_order_paid_by_transfer_is_marked_paid_from_the_statement(db, staff):
    from shop.payments import services as payments
    from shop.payments import statuses
    from shop.payments.methods import PaymentMethod
    from shop.payments.offline import bank_transfer_reference
    from tests.helpers.orders import make_order

    order = make_order()
    payments.record_offline_order(order=order, method=PaymentMethod.TRANSFER)
    reference = bank_transfer_reference(order.number)
    total = f"{order.total_incl_tax:.2f}".replace(".", ",")
    content = statement(f"02/01/2025;VIR CLIENT {reference};{total};")

    record = services.statement_import(content=content, file_name="j.csv", by=staff)
    services.statement_import(content=content, file_name="j-bis.csv", by=staff)

    assert record.lines_matched == 1
    order.refresh_from_db()
    assert order.status == statuses.PAID
    audit = order.payment_audits.get(action="mark_paid")
    assert audit.user == staff and "VIR CLIENT" in audit.note
