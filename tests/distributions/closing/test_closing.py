"""Closing ordering: the periodic task closes due distributions and e-mails each
producer its purchase order and the coordinators the sheet, once."""

from __future__ import annotations

import csv
import io

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from pypdf import PdfReader

from shop.distributions.closing import documents, services, tasks
from shop.distributions.closing.models import DistributionSheetSent, PurchaseOrderSent
from shop.distributions.models import DistributionStatus

pytestmark = pytest.mark.django_db


def rows_of(content: bytes | str) -> list[list[str]]:
    text = content.decode("utf-8") if isinstance(content, bytes) else content
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def mails_to(address: str):
    return [message for message in mail.outbox if address in message.to]


def test_the_task_run_twice_closes_once_and_mails_each_producer_once(closing_world):
    w = closing_world
    first = tasks.close_due_distributions.call()
    second = tasks.close_due_distributions.call()

    assert first == [w.distribution.pk] and second == []
    w.distribution.refresh_from_db()
    assert w.distribution.status == DistributionStatus.CLOSED
    assert w.distribution.closed_at is not None
    w.other.refresh_from_db()
    assert w.other.status == DistributionStatus.PUBLISHED  # still open
    assert len(mails_to(w.user_a.email)) == 1
    assert len(mails_to("rucher@example.org")) == 1
    assert len(mails_to("coordination@example.org")) == 1
    assert len(mail.outbox) == 3
    assert PurchaseOrderSent.objects.filter(distribution=w.distribution).count() == 2


def test_sending_again_sends_nothing(closing_world):
    w = closing_world
    services.distribution_close_and_dispatch(distribution=w.distribution)
    mail.outbox.clear()

    assert not services.purchase_order_send(distribution=w.distribution, producer=w.a)
    assert not services.distribution_sheet_send(distribution=w.distribution)
    assert tasks.send_purchase_order.call(w.distribution.pk, w.a.pk) is False
    assert mail.outbox == []


def test_the_database_refuses_a_second_sent_record(closing_world):
    w = closing_world
    PurchaseOrderSent.objects.create(distribution=w.distribution, partner=w.a)
    with pytest.raises(IntegrityError), transaction.atomic():
        PurchaseOrderSent.objects.create(distribution=w.distribution, partner=w.a)
    DistributionSheetSent.objects.create(distribution=w.distribution)
    with pytest.raises(IntegrityError), transaction.atomic():
        DistributionSheetSent.objects.create(distribution=w.distribution)


def test_the_purchase_order_mail_carries_csv_and_pdf(closing_world):
    w = closing_world
    tasks.close_due_distributions.call()
    (message,) = mails_to(w.user_a.email)

    assert "Ferme des Abricots" in message.subject
    names = [name for name, _content, _type in message.attachments]
    assert names == [
        name for name in names if name.startswith("bon-de-commande-ferme-des-abricots-")
    ]
    (csv_file,) = [a for a in message.attachments if a[2] == "text/csv"]
    (pdf_file,) = [a for a in message.attachments if a[2] == "application/pdf"]
    rows = rows_of(csv_file[1])
    assert rows[0] == documents.PURCHASE_HEADERS
    # Address left out (column 1): the pickup point factory's.
    assert [[row[0], *row[2:]] for row in rows[1:]] == [
        ["Épicerie de Crest", "Confiture d'abricot", "A-CONF", "", "5", "20,00", "21,10"],
        ["Épicerie de Crest", "Jus de pomme", "A-JUS", "", "4", "10,00", "10,56"],
        ["Halle de Die", "Confiture d'abricot", "A-CONF", "", "1", "4,00", "4,22"],
        ["Total", "", "", "", "10", "34,00", "35,88"],
    ]
    text = pdf_text(pdf_file[1])
    for expected in (
        "Bon de commande — Ferme des Abricots",
        "Épicerie de Crest",
        "Halle de Die",
        "Confiture d'abricot",
        "Jus de pomme",
        "21,10 €",
        "35,88 €",
    ):
        assert expected in text
    # Neither the other producer's lines, nor the cancelled order, nor another distribution.
    assert "Miel" not in text
    assert "Miel" not in str(csv_file[1])


def test_the_other_producer_gets_only_its_lines(closing_world):
    w = closing_world
    tasks.close_due_distributions.call()
    (message,) = mails_to(w.b.email)
    (csv_file,) = [a for a in message.attachments if a[2] == "text/csv"]
    rows = rows_of(csv_file[1])
    assert [row[2:] for row in rows[1:]] == [
        ["Miel de châtaignier", "B-MIEL", "", "1", "9,00", "9,50"],
        ["", "", "", "1", "9,00", "9,50"],
    ]


def test_the_coordinators_get_the_sheet(closing_world):
    w = closing_world
    tasks.close_due_distributions.call()
    (message,) = mails_to(w.coordinator.email)
    ((name, content, mimetype),) = message.attachments
    assert mimetype == "text/csv" and name.startswith("feuille-de-distribution-")
    rows = rows_of(content)
    assert rows[0] == documents.SHEET_HEADERS
    numbers = {(row[1], row[4], row[5]) for row in rows[1:]}
    assert ("200003", "Annulée", "non") in numbers
    assert ("200002", "En attente de paiement", "non") in numbers
    assert ("200001", "Payée", "oui") in numbers
    assert not any(row[1] == "300001" for row in rows)
    assert "/feuille/" in message.body


def test_a_distribution_not_yet_due_is_left_open(closing_world):
    w = closing_world
    assert services.distributions_close_due() == [w.distribution.pk]
    assert services.distributions_close_due() == []
    w.other.refresh_from_db()
    assert w.other.closed_at is None


def test_a_producer_without_address_is_retried_later(closing_world):
    w = closing_world
    w.a.users.clear()
    assert not services.purchase_order_send(distribution=w.distribution, producer=w.a)
    assert not PurchaseOrderSent.objects.filter(partner=w.a).exists()


def test_the_emails_are_in_french(closing_world):
    w = closing_world
    tasks.close_due_distributions.call()
    (order_mail,) = mails_to(w.user_a.email)
    (sheet_mail,) = mails_to(w.coordinator.email)
    assert order_mail.subject.startswith("Bon de commande — Ferme des Abricots — distribution du")
    assert (
        "Halle de Die" in order_mail.body and "1 × Confiture d'abricot (A-CONF)" in order_mail.body
    )
    assert "Total : 10 article(s), 35,88 € TTC." in order_mail.body
    assert sheet_mail.subject.startswith("Feuille de distribution — Vente du vendredi")
    assert "3 commandes ; non payées : 1." in sheet_mail.body
