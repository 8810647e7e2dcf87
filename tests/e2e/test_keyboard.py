"""Keyboard only (issue #11): a member signs in, browses from the home page to a product,
adds it to the basket, checks out paying at pickup, then commits to a group order, with
nothing but Tab, Shift+Tab, Enter, Space, the arrow keys and typing. Every control the
journey reaches shows a visible focus indicator (`tab_to` checks it).

Only the first page of each part is opened by URL; the rest is followed link by link."""

import re
from decimal import Decimal

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import arrow_to, assert_visible_focus, tab_to
from tests.factories import UserFactory, create_group_order, create_product, make_pickup_point
from tests.factories.community import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PRODUCT_TITLE = "Miel de lavande"


def press_enter_and_wait(page: Page) -> None:
    with page.expect_navigation():
        page.keyboard.press("Enter")


def sign_in_with_the_keyboard(page: Page, email: str) -> None:
    page.goto("/comptes/login/")
    form = page.locator("main form").filter(has=page.locator('input[name="password"]'))
    tab_to(page, form.locator('input[name="login"]'))
    page.keyboard.type(email)
    tab_to(page, form.locator('input[name="password"]'))
    page.keyboard.type(PASSWORD)
    press_enter_and_wait(page)
    expect(page.locator("#account_link")).to_be_visible()


def test_member_shops_checks_out_and_commits_with_the_keyboard(page: Page, page_errors):
    product = create_product(
        title=PRODUCT_TITLE, price_excl_tax=Decimal("10.00"), category_name="Épicerie"
    )
    point = make_pickup_point()
    member = UserFactory(email="clavier@example.org")
    group_order = create_group_order(
        members=[member],
        group_name="Groupement des Pentes",
        group_slug="groupement-des-pentes",
        offers=[{"product": product, "case_size": 6, "unit_price_incl_tax": Decimal("9.80")}],
    )
    offer = group_order.offers.get()

    sign_in_with_the_keyboard(page, member.email)

    # Home → shop → product, through the header's link and the product list.
    page.goto("/")
    header = page.locator("header.site-header")
    tab_to(page, header.get_by_role("link", name="Boutique", exact=True))
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/boutique/catalogue/$"))
    tab_to(page, page.locator(".product-list").get_by_role("link", name=PRODUCT_TITLE).first)
    press_enter_and_wait(page)
    expect(page.get_by_role("heading", level=1)).to_have_text(PRODUCT_TITLE)

    # Add to the basket, then back up to the header's basket link.
    tab_to(page, page.get_by_role("button", name="Ajouter au panier"))
    press_enter_and_wait(page)
    expect(page.locator(".alert-success").first).to_contain_text(PRODUCT_TITLE)
    tab_to(page, page.locator("#basket_link"))
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/boutique/basket/$"))

    # Checkout: a pickup point and its first slot, pay at pickup, place the order.
    tab_to(page, page.locator("#content_inner a[href='/boutique/checkout/']"))
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/checkout/shipping-method/$"))
    radio = page.locator(f'input[value="{point.shipping_code}"]')
    tab_to(page, radio)
    page.keyboard.press("Space")
    expect(radio).to_be_checked()
    slot = page.locator(f'select[name="slot_{point.pk}"]')
    tab_to(page, slot)
    page.keyboard.press("ArrowDown")
    expect(slot).not_to_have_value("")
    tab_to(page, page.locator("#delivery_continue"))
    press_enter_and_wait(page)

    expect(page).to_have_url(re.compile(r"/checkout/payment-method/$"))
    choices = page.locator("input[name=method]")
    tab_to(page, choices.first)
    pickup = page.locator("#payment_pickup")
    arrow_to(page, pickup)
    page.keyboard.press("Space")  # the first radio of a group is focused, not checked
    expect(pickup).to_be_checked()
    tab_to(page, page.locator("#payment_continue"))
    press_enter_and_wait(page)

    expect(page).to_have_url(re.compile(r"/checkout/preview/$"))
    terms = page.locator("input[name=accept_terms]")
    tab_to(page, terms, max_tabs=120)
    page.keyboard.press("Space")
    expect(terms).to_be_checked()
    tab_to(page, page.locator("#place-order"))
    press_enter_and_wait(page)
    expect(page).to_have_url(re.compile(r"/checkout/thank-you/$"))
    expect(page.locator(".order-number")).to_have_text(re.compile(r"\d+"))

    # Buying groups → the group → its group order, then commit on the product.
    tab_to(page, header.get_by_role("link", name="Groupements d'achat", exact=True))
    press_enter_and_wait(page)
    tab_to(page, page.locator(f"main a[href='{group_order.group.get_absolute_url()}']").first)
    press_enter_and_wait(page)
    tab_to(page, page.locator(f"main a[href='{group_order.get_absolute_url()}']").first)
    press_enter_and_wait(page)
    card = page.locator(f"#offer-{offer.pk}")
    tab_to(page, card.get_by_label("Unités", exact=True))
    page.keyboard.press("Control+A")
    page.keyboard.type("2")
    tab_to(page, card.get_by_label("Tolérance", exact=True))
    page.keyboard.press("Control+A")
    page.keyboard.type("1")
    card_terms = card.locator("input[name$=accept_terms]")
    tab_to(page, card_terms)
    page.keyboard.press("Space")
    expect(card_terms).to_be_checked()
    tab_to(page, card.get_by_role("button", name="M'engager"))
    press_enter_and_wait(page)
    expect(page.locator("body")).to_contain_text("Votre engagement a été enregistré.")
    expect(page.locator(f"#offer-{offer.pk}")).to_contain_text(
        re.compile(r"Votre engagement\s*:\s*2 \(tolérance 1\)")
    )
    assert offer.commitments.filter(member=member).exists()
    assert page_errors == [], f"JavaScript errors: {page_errors}"


def test_skip_link_is_the_first_stop_and_moves_focus_to_the_content(page: Page):
    page.goto("/boutique/catalogue/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skip-link")
    expect(skip).to_be_focused()
    assert_visible_focus(page)
    assert skip.bounding_box()["x"] >= 0, "the focused skip link stays off screen"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    inside_main = page.evaluate("document.activeElement.closest('main') !== null")
    assert inside_main, "Tab after the skip link should go on inside <main>"
