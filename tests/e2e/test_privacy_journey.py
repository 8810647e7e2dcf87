"""A member's data rights in a real browser, in French: from the profile to the download
of their data, then the erasure of their account, keyboard only for the confirmation."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.helpers import sign_in
from tests.e2e.test_smoke_journey import home_page  # noqa: F401 (a fixture)
from tests.factories import UserFactory
from tests.factories.community import PASSWORD

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_member_downloads_data_then_erases_account(page: Page, home_page, page_errors):  # noqa: F811
    member = UserFactory(email="lea@example.org", first_name="Léa")
    sign_in(page, member.email)

    page.goto("/boutique/accounts/profile/")
    page.get_by_role("link", name="Télécharger mes données").click()
    expect(page.get_by_role("heading", name="Télécharger mes données")).to_be_visible()
    expect(page.get_by_role("link", name="Mes données personnelles")).to_have_attribute(
        "aria-current", "page"
    )
    with page.expect_download() as download:
        page.get_by_role("button", name="Télécharger mes données").click()
    assert download.value.suggested_filename.startswith(f"panier-commun-donnees-{member.pk}-")

    page.set_viewport_size({"width": 375, "height": 800})
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    page.set_viewport_size({"width": 1280, "height": 900})

    page.get_by_role("link", name="Supprimer mon compte").last.click()
    password = page.get_by_label("Votre mot de passe")
    password.focus()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Supprimer définitivement mon compte")).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_load_state()

    expect(page.get_by_text("Votre compte a été supprimé.")).to_be_visible()
    expect(page.locator("#login_link")).to_be_visible()
    member.refresh_from_db()
    assert member.is_erased
    assert page_errors == []
