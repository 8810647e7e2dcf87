"""Group buying in a real browser, in French: a member joins an open buying group and
commits on a group order; the coordinator, in a second browser context, closes it
(allocation) and confirms it (one Oscar order per member, numbered G<group order>-<member>,
paid at pickup without Stripe keys); the member then finds that order in "Mon compte"."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import TIMEOUT_MS, sign_in
from tests.factories import UserFactory, create_group_order, create_product

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRODUCT_TITLE = "Jus de pomme bio"
GROUP_NAME = "Groupement des Pentes"


def test_member_commits_coordinator_confirms_order_in_history(
    page: Page, browser, live_server, page_errors, screenshot_dir, settings
):
    from groupbuy.models import GroupOrderState

    # No Stripe keys: the members pay at pickup, no card step.
    settings.STRIPE_SECRET_KEY = ""
    settings.STRIPE_PUBLISHABLE_KEY = ""

    coordinator = UserFactory(email="coordination.groupement@example.org")
    member = UserFactory(email="alex.groupement@example.org")
    product = create_product(title=PRODUCT_TITLE, price_excl_tax=Decimal("3.00"))
    group_order = create_group_order(
        coordinator=coordinator,
        group_name=GROUP_NAME,
        group_slug="groupement-des-pentes",
        title="Commande de décembre",
        offers=[
            {
                "product": product,
                "case_size": 2,
                "min_units": 0,
                "unit_price_incl_tax": Decimal("3.50"),
            }
        ],
    )
    group = group_order.group
    group.join_rule = "open"
    group.save(update_fields=["join_rule"])
    offer = group_order.offers.get()
    assert not group.memberships.filter(user=member).exists()
    expected_number = f"G{group_order.pk}-{member.pk}"

    shots = iter(range(1, 100))

    def shot(target: Page, name: str) -> None:
        path = screenshot_dir / f"groupbuy-{next(shots):02d}-{name}.png"
        target.screenshot(path=path, full_page=True)

    # --- The member joins the group and commits -------------------------------------
    sign_in(page, member.email)
    page.goto(group.get_absolute_url())
    expect(page.get_by_role("heading", name=GROUP_NAME).first).to_be_visible()
    shot(page, "group-before-join")
    page.get_by_role("button", name="Rejoindre le groupement").click()
    page.wait_for_load_state()
    expect(page.locator("body")).to_contain_text(f"Bienvenue dans {GROUP_NAME}")
    expect(page.get_by_text("Vous êtes membre")).to_be_visible()

    page.goto(group_order.get_absolute_url())
    card = page.locator(f"#offer-{offer.pk}")
    expect(card).to_contain_text(PRODUCT_TITLE)
    card.get_by_label("Unités", exact=True).fill("2")
    card.get_by_label("Tolérance", exact=True).fill("0")
    card.get_by_label("J'ai lu et j'accepte les conditions générales de vente").check()
    card.get_by_role("button", name="M'engager").click()
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(rf"{re.escape(group_order.get_absolute_url())}"))
    expect(page.locator("body")).to_contain_text("Votre engagement a été enregistré.")
    card = page.locator(f"#offer-{offer.pk}")
    expect(card).to_contain_text(re.compile(r"Votre engagement\s*:\s*2 \(tolérance 0\)"))
    expect(card.get_by_role("button", name="Mettre à jour")).to_be_visible()
    shot(page, "committed")

    # --- The coordinator closes, then confirms, in another browser context ----------
    context = browser.new_context(
        base_url=live_server.url, locale="fr-FR", viewport={"width": 1280, "height": 900}
    )
    context.set_default_timeout(TIMEOUT_MS)
    try:
        coord = context.new_page()
        coord.on("pageerror", lambda exc: page_errors.append(f"coordinator: {exc}"))
        sign_in(coord, coordinator.email)
        coord.goto(group_order.get_absolute_url())
        # The close button asks "Êtes-vous sûr ?" through window.confirm: accept it.
        coord.once("dialog", lambda dialog: dialog.accept())
        coord.get_by_role("button", name="Fermer maintenant et attribuer").click()
        coord.wait_for_load_state()
        expect(coord.locator("body")).to_contain_text("La commande groupée est désormais")
        confirm = coord.get_by_role("button", name="Confirmer auprès des producteurs")
        expect(confirm).to_be_visible()
        shot(coord, "coordinator-closed")
        confirm.click()
        coord.wait_for_load_state()
        expect(coord.locator("body")).to_contain_text("La commande groupée est désormais")
        expect(confirm).to_have_count(0)
        shot(coord, "coordinator-confirmed")
    finally:
        context.close()

    group_order.refresh_from_db()
    assert group_order.state == GroupOrderState.CONFIRMED

    # --- The member finds the allocated order in "Mon compte" -----------------------
    page.goto(group_order.get_absolute_url())
    expect(page.get_by_role("heading", name="Ce que vous recevez")).to_be_visible()
    expect(page.get_by_role("link", name=f"Commande {expected_number}")).to_be_visible()

    page.locator("#account_link").click()
    page.locator("a[href='/boutique/accounts/orders/']").first.click()
    expect(page).to_have_url(re.compile(r"/boutique/accounts/orders/$"))
    order_link = page.get_by_role("link", name=expected_number, exact=True)
    expect(order_link).to_be_visible()
    shot(page, "order-history")
    order_link.click()
    expect(page).to_have_url(re.compile(rf"/boutique/accounts/orders/{expected_number}/$"))
    lines = page.locator("table.order-lines-by-producer")
    row = lines.locator("tr").filter(has_text=PRODUCT_TITLE)
    expect(row).to_have_count(1)
    expect(row.locator("td").nth(1)).to_have_text("2")
    shot(page, "order-detail")
    print(f"screenshots: {screenshot_dir}")

    assert page_errors == [], f"JavaScript errors: {page_errors}"
