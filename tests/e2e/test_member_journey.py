"""The cooperative's whole path in a real browser, in French: a person becomes a member
(one share by bank transfer), tops up their wallet by transfer (both lines reconciled
from one bank statement by staff), pays an order with the wallet, and votes in the
general assembly."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from community.cooperative import services as cooperative
from community.cooperative.assemblies.models import Ballot
from community.cooperative.models import Member, Subscription
from shop.wallet import selectors as wallet
from tests.cooperative.assemblies.conftest import convene
from tests.e2e.helpers import sign_in
from tests.factories import UserFactory, create_product, make_pickup_point

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

MEMBER = "lea.moreau@example.org"
TREASURER = "tresorerie@example.org"


def become_a_member_by_transfer(page: Page) -> Subscription:
    page.goto("/cooperative/adherer/")
    page.get_by_label("Consommateurs et consommatrices").check()
    page.get_by_label("Nombre de parts").fill("1")
    page.get_by_label("Virement bancaire").check()
    page.get_by_role("button", name="Adhérer et payer").click()
    page.wait_for_load_state()
    subscription = Subscription.objects.get(user__email=MEMBER)
    expect(page.locator(".bank-transfer-instructions")).to_contain_text(subscription.reference)
    return subscription


def import_statement(page: Page, tmp_path, lines: list[tuple[str, str]]) -> None:
    statement = tmp_path / "releve.csv"
    rows = "".join(f"03/03/2027;VIR SEPA LEA MOREAU {ref};{amount}\n" for ref, amount in lines)
    statement.write_text("Date;Libellé;Montant\n" + rows, encoding="utf-8")
    page.context.clear_cookies()
    sign_in(page, TREASURER)
    page.goto("/boutique/dashboard/releves-bancaires/")
    page.get_by_label("Relevé bancaire (export CSV du compte)").set_input_files(statement)
    page.get_by_role("button", name="Importer").click()
    expect(page.locator(".alert-success").first).to_contain_text(f"{len(lines)} rapprochées")
    page.context.clear_cookies()


def pay_an_order_with_the_wallet(page: Page, product, point) -> str:
    page.goto(product.get_absolute_url())
    page.get_by_role("button", name="Ajouter au panier").click()
    page.wait_for_load_state()
    page.goto("/boutique/checkout/shipping-method/")
    page.locator(f'select[name="slot_{point.pk}"]').select_option(index=1)
    page.locator("#delivery_continue").click()
    expect(page).to_have_url(re.compile(r"/payment-method/$"))
    expect(page.get_by_label("Utiliser mon porte-monnaie")).to_be_checked()
    page.locator("#payment_continue").click()
    expect(page).to_have_url(re.compile(r"/preview/$"))
    page.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    page.get_by_role("button", name="Commander avec obligation de paiement").click()
    expect(page).to_have_url(re.compile(r"/thank-you/$"))
    expect(page.locator(".wallet-part")).to_contain_text("Payé avec votre porte-monnaie")
    return page.locator(".order-number").inner_text().strip()


def test_become_a_member_top_up_pay_with_the_wallet_and_vote(page: Page, page_errors, tmp_path):
    staff = UserFactory(is_staff=True, email=TREASURER)
    cooperative.rules_update(by=staff, share_value=Decimal("20.00"), minimum_shares=1)
    user = UserFactory(email=MEMBER, first_name="Léa", last_name="Moreau")
    product = create_product(title="Miel de lavande", price_excl_tax=Decimal("10.00"))
    point = make_pickup_point()

    # 1. Apply for one share, paid by transfer; read the wallet's own transfer reference.
    sign_in(page, MEMBER)
    subscription = become_a_member_by_transfer(page)
    page.goto("/cooperative/porte-monnaie/")
    wallet_reference = page.locator(".wallet-reference").inner_text().strip()
    assert wallet_reference.startswith("PM-")

    # 2. Staff import the bank statement: it pays the share and tops up the wallet.
    import_statement(
        page, tmp_path, [(subscription.reference, "20,00"), (wallet_reference, "30,00")]
    )
    assert Member.objects.filter(user=user, left_at__isnull=True).exists()
    assert wallet.balance_of(user) == Decimal("30.00")

    # 3. The member sees the balance and pays an order with the wallet alone.
    sign_in(page, MEMBER)
    page.goto("/cooperative/porte-monnaie/")
    expect(page.locator('.wallet-balance[data-currency="EUR"]')).to_contain_text("30,00")
    number = pay_an_order_with_the_wallet(page, product, point)
    assert number
    assert wallet.balance_of(user) == Decimal("30.00") - Decimal("10.55")

    # 4. An assembly opens; the member votes on both resolutions.
    assembly = convene(staff)
    page.goto("/cooperative/assemblees/")
    page.get_by_role("link", name="AG 2027").click()
    form = page.locator(f'form[action="/cooperative/assemblees/{assembly.pk}/voter/"]')
    for radio in form.get_by_label("Pour").all():
        radio.check()
    form.get_by_role("button", name="Voter").click()
    expect(page.get_by_role("main")).to_contain_text("Votre vote est enregistré")
    assert Ballot.objects.filter(voter=user.cooperative_member, choice="for").count() == 2
    assert page_errors == [], f"JavaScript errors: {page_errors}"
