"""The marker rules of tests/conftest.py, and the real services the CI run gives them.

`.ci/run` runs the suite a second time with DATABASE_URL (PostgreSQL) and REDIS_URL set;
the `postgres` and `redis` tests below prove it really talks to them there, and the CI
script fails if any `postgres`/`redis` test was skipped in that run.
"""

import asyncio
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection

import tests.conftest as root_conftest


def _fake_settings(engine: str, redis_url: str) -> SimpleNamespace:
    return SimpleNamespace(DATABASES={"default": {"ENGINE": engine}}, REDIS_URL=redis_url)


def test_a_bare_machine_skips_the_three_groups_and_says_why(monkeypatch):
    monkeypatch.setattr(root_conftest, "settings", _fake_settings("django.db.backends.sqlite3", ""))
    monkeypatch.setattr(root_conftest, "CHROMIUM", "")
    monkeypatch.setattr(root_conftest, "AXE", "")

    reasons = root_conftest._skip_reasons()

    assert set(reasons) == {"postgres", "redis", "e2e", "axe"}
    assert "DATABASE_URL" in reasons["postgres"]
    assert "REDIS_URL" in reasons["redis"]
    assert "chromium" in reasons["e2e"]
    assert "npm ci" in reasons["axe"]


def test_the_ci_machine_skips_nothing(monkeypatch):
    monkeypatch.setattr(
        root_conftest,
        "settings",
        _fake_settings("django.db.backends.postgresql", "redis://127.0.0.1:6379/0"),
    )
    monkeypatch.setattr(root_conftest, "CHROMIUM", "/usr/bin/chromium")
    monkeypatch.setattr(root_conftest, "AXE", "node_modules/axe-core/axe.min.js")

    assert root_conftest._skip_reasons() == {}


@pytest.mark.postgres
@pytest.mark.django_db
def test_postgres_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version_num")
        (version,) = cursor.fetchone()
    assert int(version) >= 130000


@pytest.mark.redis
def test_redis_tests_use_redis_for_the_cache():
    assert settings.CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache"
    cache.set("ci-marker-probe", "présent", timeout=30)
    assert cache.get("ci-marker-probe") == "présent"


@pytest.mark.redis
async def test_redis_tests_use_redis_for_the_channel_layer(settings):
    from channels.layers import channel_layers, get_channel_layer

    settings.CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            "CONFIG": {"hosts": [settings.REDIS_URL], "prefix": "test-ci-markers"},
        }
    }
    channel_layers.backends.clear()
    try:
        layer = get_channel_layer()
        assert type(layer).__name__ == "RedisChannelLayer"
        channel = await layer.new_channel()
        await layer.send(channel, {"type": "ci.ping", "text": "bonjour"})
        message = await asyncio.wait_for(layer.receive(channel), timeout=5)
        assert message == {"type": "ci.ping", "text": "bonjour"}
    finally:
        channel_layers.backends.clear()
