"""Browser tests: Playwright (sync API) driving Debian's Chromium against `live_server`.

Run them with `make test-e2e` (or `python -m pytest -m e2e tests/e2e`). Playwright's
browsers are never downloaded (`playwright install` needs the network): we launch the
system Chromium (`CHROMIUM_PATH`, else `chromium` on PATH; `apt-get install chromium`).

Without Chromium the tests are skipped by tests/conftest.py, except when the browser
tests were asked for explicitly (`-m e2e`): then a missing browser is an error, so a CI
step that was meant to run them cannot pass by skipping them all.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's ORM would then
# refuse to be called from it (SynchronousOnlyOperation) in fixtures and factories.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
# Playwright's default is 30 s per action; a page of ours answers in well under a second.
TIMEOUT_MS = 15_000


def _e2e_requested(config) -> bool:
    markexpr = config.getoption("markexpr", default="") or ""
    return "e2e" in markexpr and "not e2e" not in markexpr


def pytest_collection_modifyitems(config, items):
    if not _e2e_requested(config):
        return
    if not any("e2e" in item.keywords for item in items):
        return
    if not CHROMIUM or not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        raise pytest.UsageError(
            f"-m e2e asks for the browser tests but Chromium was not found "
            f"(CHROMIUM_PATH={os.environ.get('CHROMIUM_PATH', '')!r}, no `chromium` on PATH): "
            "apt-get install chromium, or set CHROMIUM_PATH."
        )
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError as exc:  # pragma: no cover - dev extra missing
        raise pytest.UsageError(f"-m e2e needs Playwright for Python: {exc}") from exc


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def _restore_migration_data(django_db_setup, django_db_blocker):
    """Put back the data migrations created (Wagtail's page tree, the home page, the
    site...) at the end of the session.

    `live_server` tests run in transactional tests, whose teardown empties every table;
    `serialized_rollback=True` reloads the data before each of them, but after the last one
    the test database stays empty, and with `--reuse-db` the next run would start without
    its home page.
    """
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:
                connection.creation.deserialize_db_from_string(contents)


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's pages (filled by the `page` fixture)."""
    return []


@pytest.fixture
def page(browser, live_server, _restore_migration_data, page_errors):
    """A fresh French-speaking browser context per test, its base URL the live server."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="fr-FR",
        viewport={"width": 1280, "height": 900},
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    page.on("pageerror", lambda exc: page_errors.append(str(exc)))
    yield page
    context.close()


@pytest.fixture
def screenshot_dir() -> Path:
    """Where the tests leave their screenshots (E2E_SCREENSHOT_DIR, else a temp dir)."""
    import tempfile

    path = Path(os.environ.get("E2E_SCREENSHOT_DIR") or tempfile.mkdtemp(prefix="e2e-shots-"))
    path.mkdir(parents=True, exist_ok=True)
    return path
