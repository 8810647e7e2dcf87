"""The invoice PDF carries the legal mentions of a French invoice (read back with pypdf)."""

import pytest
from django.test import override_settings
from django.utils import timezone

from shop.invoicing import services
from shop.invoicing.pdf import invoice_pdf

from .helpers import mandate, pdf_text

pytestmark = pytest.mark.django_db

COOP = {
    "name": "Panier Commun",
    "legal_form": "SCIC SAS à capital variable",
    "address": "1 place de la Coopération",
    "postcode": "26150",
    "city": "Die",
    "siret": "12345678900011",
    "vat_number": "FR40123456789",
    "registration": "RCS Romans 123 456 789",
    "share_capital": "variable, minimum 1 000 €",
}


@override_settings(COOPERATIVE_LEGAL_IDENTITY=COOP)
def test_a_cooperative_invoice_has_the_legal_mentions(world):
    (invoice,) = services.invoice_issue_for_order(order=world.orders["100006"])

    text = pdf_text(invoice_pdf(invoice))

    today = timezone.localdate().strftime("%d/%m/%Y")
    for mention in [
        f"Facture {invoice.number}",
        f"Date : {today}",
        "Panier Commun", "1 place de la Coopération", "26150 Die",
        "SIRET : 12345678900011", "N° TVA intracommunautaire : FR40123456789",
        "RCS Romans 123 456 789", "Capital social : variable, minimum 1 000 €",
        "Denis Client",  # the buyer
        "Tablier en lin", "Miel de châtaignier",
        "Prix unitaire HT", "Taux de TVA",
        "20,00 €", "5,5 %", "20 %",  # unit price HT, the two rates
        "18,00 €", "1,00 €", "4,00 €",  # base and VAT of each rate
        "Total HT", "38,00 €", "Total TVA", "5,00 €", "Total TTC", "43,00 €",
        "Payable au plus tard au retrait de la commande.",
        "Pas d'escompte pour paiement anticipé.",
        "40 €",
    ]:  # fmt: skip
        assert mention in text, mention
    assert "mandat de facturation" not in text


def test_a_mandate_invoice_names_the_producer_and_the_mandate(world):
    world.b.siret = "98765432100019"
    world.b.address_line = "Chemin des Ruches"
    world.b.save()
    mandate(world.b, vat_franchise=True)
    invoices = services.invoice_issue_for_order(order=world.orders["100001"])
    producer = next(invoice for invoice in invoices if invoice.issuer != "coop")

    text = " ".join(pdf_text(invoice_pdf(producer)).split())

    assert f"Facture {producer.number}" in text
    assert "Rucher du Vercors" in text and "SIRET : 98765432100019" in text
    assert "Chemin des Ruches" in text
    assert "TVA non applicable, art. 293 B du CGI" in text
    assert (
        "Facture émise par Panier Commun au nom et pour le compte de Rucher du Vercors "
        "(mandat de facturation)"
    ) in text
    assert "Acquittée le" in text  # order 100001 is paid
    assert "Alice Client" in text


def test_the_pdf_is_the_same_every_time(world):
    (invoice,) = services.invoice_issue_for_order(order=world.orders["100002"])

    assert invoice_pdf(invoice) == invoice_pdf(invoice)
