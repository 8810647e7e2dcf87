"""Becoming a member in a real browser, in French: apply by keyboard (college, one
share, bank transfer), staff import the bank statement that quotes the reference, and
the member finds their number and certificate; the pages fit a 375 px screen."""

from __future__ import annotations

from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from community.cooperative import services
from community.cooperative.models import Subscription
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def no_sideways_scroll(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_become_a_member_by_transfer(page: Page, page_errors, tmp_path):
    staff = UserFactory(is_staff=True, email="tresorerie@example.org")
    services.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)
    UserFactory(email="lea@example.org", first_name="Léa", last_name="Moreau")

    sign_in(page, "lea@example.org")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/cooperative/")
    page.get_by_role("link", name="Devenir sociétaire").first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Devenir sociétaire")
    assert no_sideways_scroll(page)

    # Keyboard only: the radios and the number field have their labels.
    page.get_by_label("Consommateurs et consommatrices").focus()
    page.keyboard.press("Space")
    page.get_by_label("Nombre de parts").fill("1")
    page.get_by_label("Virement bancaire").focus()
    page.keyboard.press("Space")
    page.get_by_role("button", name="Adhérer et payer").press("Enter")
    page.wait_for_load_state()

    subscription = Subscription.objects.get(user__email="lea@example.org")
    expect(page.locator(".bank-transfer-instructions")).to_contain_text(subscription.reference)
    expect(page.locator(".bank-transfer-instructions")).to_contain_text("20,00")
    assert no_sideways_scroll(page)

    # Staff import the bank's statement.
    statement = tmp_path / "releve.csv"
    statement.write_text(
        f"Date;Libellé;Montant\n03/03/2025;VIR SEPA LEA MOREAU {subscription.reference};20,00\n",
        encoding="utf-8",
    )
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    sign_in(page, "tresorerie@example.org")
    page.goto("/boutique/dashboard/releves-bancaires/")
    page.get_by_label("Relevé bancaire (export CSV du compte)").set_input_files(statement)
    page.get_by_role("button", name="Importer").click()
    expect(page.locator(".alert-success").first).to_contain_text("1 rapprochées")

    # The member's space and certificate.
    page.context.clear_cookies()
    sign_in(page, "lea@example.org")
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/cooperative/")
    expect(page.get_by_role("heading", name="Numéro de sociétaire 1")).to_be_visible()
    page.get_by_role("link", name="Mon attestation de sociétaire").click()
    expect(page.locator(".cooperative-certificate")).to_contain_text("Léa Moreau")
    expect(page.get_by_role("button", name="Imprimer")).to_be_visible()  # the script ran
    assert no_sideways_scroll(page)

    assert page_errors == [], f"JavaScript errors: {page_errors}"
