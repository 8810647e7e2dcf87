"""Shared fixtures and the rules that decide which test groups run on this machine.

Markers (see pyproject.toml): `postgres` tests need DATABASE_URL on PostgreSQL, `redis`
tests need REDIS_URL, `e2e` tests need Debian's Chromium and Playwright, `axe` tests also
need axe-core from npm (`npm ci`). Whatever the machine cannot run is skipped with the
reason shown in the summary (`-ra`).
"""

import os
import shutil

import pytest
from django.conf import settings

from tests.e2e.helpers import AXE_PATH
from tests.factories import UserFactory

# Fixtures shared by several test folders (a local fixture of the same name wins).
pytest_plugins = ["tests.fixtures.channels", "tests.fixtures.stripe", "tests.fixtures.tasks"]

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or ""
AXE = str(AXE_PATH) if AXE_PATH.is_file() else ""


def _skip_reasons() -> dict[str, str]:
    reasons = {}
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        reasons["postgres"] = "needs PostgreSQL: set DATABASE_URL (run by .ci/run)"
    if not settings.REDIS_URL:
        reasons["redis"] = "needs Redis: set REDIS_URL (run by .ci/run)"
    if not CHROMIUM:
        reasons["e2e"] = "needs Debian's chromium (installed by .ci/run) and Playwright"
    if not AXE:
        reasons["axe"] = "needs axe-core: `npm ci` (run by make test when npm exists, and .ci/run)"
    return reasons


def _is_transactional(item) -> bool:
    marker = item.get_closest_marker("django_db")
    return bool(
        {"transactional_db", "live_server"} & set(getattr(item, "fixturenames", ()))
        or (marker and (marker.kwargs.get("transaction") or marker.args[:1] == (True,)))
    )


def _serialize_rollback(item) -> None:
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        kwargs = {**marker.kwargs, "transaction": True, "serialized_rollback": True}
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)
    elif "django_db_serialized_rollback" not in item.fixturenames:
        item.fixturenames.append("django_db_serialized_rollback")


def pytest_collection_modifyitems(config, items):
    reasons = _skip_reasons()
    for item in items:
        for marker, reason in reasons.items():
            if marker in item.keywords:
                item.add_marker(pytest.mark.skip(reason=reason))
        # A transactional test empties every table when it ends, migration data included
        # (Wagtail's page tree, the charter, the sectors): reload it before each of them.
        if _is_transactional(item):
            _serialize_rollback(item)


@pytest.fixture(scope="session", autouse=True)
def migration_data(django_db_setup, django_db_blocker):
    """What the migrations put in the test database, as serialized by pytest-django.

    Put back at the end of the session: the last transactional test leaves the database
    empty, and with `--reuse-db` the next run would start without its home page.
    """
    from django.db import connections

    snapshots = {
        connection.alias: connection._test_serialized_contents
        for connection in connections.all()
        if getattr(connection, "_test_serialized_contents", None)
    }
    yield snapshots
    with django_db_blocker.unblock():
        for alias, contents in snapshots.items():
            connections[alias].creation.deserialize_db_from_string(contents)


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
