"""What the browser tests share: the timeout of each action, signing in.

Playwright is imported where used only: tests/e2e/conftest.py imports this module, and
the suite must load without Playwright."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tests.factories.community import PASSWORD

if TYPE_CHECKING:
    from playwright.sync_api import Page

# Playwright's default is 30 s per action; a page of ours answers in well under a second.
TIMEOUT_MS = 15_000


def sign_in(page: Page, email: str) -> None:
    """Sign in through allauth's page (in French) as the member `email`."""
    from playwright.sync_api import expect

    page.goto("/comptes/login/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    form = page.locator("form").filter(has=page.locator('input[name="password"]'))
    form.locator('input[name="login"]').fill(email)
    form.locator('input[name="password"]').fill(PASSWORD)
    form.locator('button[type="submit"]').click()
    page.wait_for_load_state()
    expect(page.locator("#account_link")).to_be_visible()
