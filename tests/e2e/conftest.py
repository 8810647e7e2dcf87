"""Browser tests: Playwright (sync API) driving Debian's Chromium against `live_server`.

Run them with `make test-e2e` (or `python -m pytest -m e2e tests/e2e`). Playwright's
browsers are never downloaded (`playwright install` needs the network): we launch the
system Chromium (`CHROMIUM_PATH`, else `chromium` on PATH; `apt-get install chromium`).

Without Chromium the tests are skipped by tests/conftest.py, except when the browser
tests were asked for explicitly (`-m e2e`): then a missing browser is an error, so a CI
step that was meant to run them cannot pass by skipping them all. The same holds for the
accessibility checks (marker `axe`) without axe-core (`npm ci` installs it).
"""

import os
import shutil
from pathlib import Path

import pytest

from tests.e2e.helpers import AXE_PATH, TIMEOUT_MS

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


def _e2e_requested(config) -> bool:
    markexpr = config.getoption("markexpr", default="") or ""
    return "e2e" in markexpr and "not e2e" not in markexpr


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    e2e_items = [item for item in items if "e2e" in item.keywords]
    if not e2e_items:
        return
    # The browser tests go last, after pytest-django's ordering (which puts tests without
    # a database after the transactional ones): while Playwright's sync API is alive its
    # event loop counts as running in the main thread, and asyncio tests would fail there
    # ("Runner.run() cannot be called from a running event loop").
    items[:] = [item for item in items if "e2e" not in item.keywords] + e2e_items

    if _e2e_requested(config) and not (
        CHROMIUM and (Path(CHROMIUM).exists() or shutil.which(CHROMIUM))
    ):
        raise pytest.UsageError(
            "-m e2e asks for the browser tests but Chromium was not found "
            f"(CHROMIUM_PATH={os.environ.get('CHROMIUM_PATH', '')!r}, no `chromium` on PATH): "
            "apt-get install chromium, or set CHROMIUM_PATH."
        )
    if (
        _e2e_requested(config)
        and any("axe" in item.keywords for item in e2e_items)
        and not AXE_PATH.is_file()
    ):
        raise pytest.UsageError(
            f"-m e2e asks for the accessibility checks but axe-core is missing ({AXE_PATH}): "
            "run `npm ci` (or `make test-e2e`, which runs it when npm exists)."
        )


@pytest.fixture(scope="session")
def browser(migration_data):
    from django.db import connections
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in the test thread; Django's ORM would then
    # refuse to be called from it (SynchronousOnlyOperation) in fixtures and factories.
    # Only while the browser runs: the rest of the suite keeps Django's async-safety check.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    with sync_playwright() as playwright:
        # Playwright's sync API marks its event loop as running in this thread; Django's
        # connection handler then hands out a second set of connections, as it does to
        # async code. Give them the data `serialized_rollback` reloads before each test.
        for alias, contents in migration_data.items():
            connections[alias]._test_serialized_contents = contents
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()
        connections.close_all()
    if previous is None:
        del os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"]
    else:
        os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture
def page_errors() -> list[str]:
    """Uncaught JavaScript errors of the test's pages (filled by the `page` fixture)."""
    return []


@pytest.fixture
def page(browser, live_server, page_errors):
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
