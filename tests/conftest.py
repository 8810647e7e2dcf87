"""Shared fixtures and the rules that decide which test groups run on this machine.

Markers (see pyproject.toml): `postgres` tests need DATABASE_URL on PostgreSQL, `redis`
tests need REDIS_URL, `e2e` tests need Debian's Chromium and Playwright. Whatever the
machine cannot run is skipped with the reason shown in the summary (`-ra`).
"""

import os
import shutil

import pytest
from django.conf import settings

from tests.factories import UserFactory

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""


def _skip_reasons() -> dict[str, str]:
    reasons = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        reasons["postgres"] = "needs PostgreSQL: set DATABASE_URL (run by .ci/run)"
    if not settings.REDIS_URL:
        reasons["redis"] = "needs Redis: set REDIS_URL (run by .ci/run)"
    if not CHROMIUM:
        reasons["e2e"] = "needs Debian's chromium (installed by .ci/run) and Playwright"
    return reasons


def pytest_collection_modifyitems(config, items):
    reasons = _skip_reasons()
    for item in items:
        for marker, reason in reasons.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _clear_cache():
    """Caches (locmem or Redis) must not leak state, such as rate limits, between tests."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture
def member_client(client, user):
    client.force_login(user)
    return client
