"""Settings come from the environment through one reader, and production is safe."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from oscar.core.loading import get_class, get_model

BASE_DIR = Path(__file__).resolve().parents[2]
PRODUCTION_ENV = {
    "DEBUG": "false",
    "SECRET_KEY": "a-real-secret-key-of-at-least-fifty-characters-0123456789-abcdefghij",
    "ALLOWED_HOSTS": "paniercommun.example.org",
    "CSRF_TRUSTED_ORIGINS": "https://paniercommun.example.org",
    "DATABASE_URL": "sqlite:////tmp/panier-deploy-check.sqlite3",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "smtp+tls://mailer:secret@smtp.example.org:587",
    "SERVE_MEDIA": "false",
    "WAGTAILADMIN_BASE_URL": "https://paniercommun.example.org",
}


def _manage(*args: str, env: dict) -> subprocess.CompletedProcess:
    clean_env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    clean_env["DJANGO_SETTINGS_MODULE"] = "config.settings.base"
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_is_clean_with_production_settings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


@pytest.mark.parametrize(
    ("override", "check_id"),
    [
        ({"REDIS_URL": ""}, "config.E001"),
        ({"EMAIL_URL": "consolemail://"}, "config.E002"),
        ({"SERVE_MEDIA": "true"}, "config.E003"),
        ({"WAGTAILADMIN_BASE_URL": "http://127.0.0.1:8000"}, "config.E004"),
        ({"WAGTAILADMIN_BASE_URL": "https://localhost"}, "config.E004"),
    ],
)
def test_check_deploy_fails_on_each_unsafe_setting(override, check_id):
    result = _manage("check", "--deploy", env={**PRODUCTION_ENV, **override})
    assert result.returncode != 0
    assert check_id in result.stderr
    # Only the unsafe setting is reported.
    assert result.stderr.count("config.E00") == 1, result.stderr


def test_deploy_checks_are_silent_in_debug():
    env = {**PRODUCTION_ENV, "DEBUG": "true", "REDIS_URL": "", "SERVE_MEDIA": "true"}
    result = _manage("check", "--deploy", env=env)
    assert "config.E00" not in result.stdout + result.stderr


def test_refuses_to_start_without_secret_key_when_debug_is_off():
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != "SECRET_KEY"}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_debug_mode_has_a_development_secret_key():
    result = _manage("check", env={"DEBUG": "true", "DATABASE_URL": PRODUCTION_ENV["DATABASE_URL"]})
    assert result.returncode == 0, result.stderr


def test_locale_defaults(settings):
    assert settings.LANGUAGE_CODE == "fr"
    assert [code for code, _ in settings.LANGUAGES] == ["fr", "en"]
    assert settings.TIME_ZONE == "Europe/Paris"
    assert settings.OSCAR_DEFAULT_CURRENCY == "EUR"


@pytest.mark.parametrize(
    ("module", "name", "ours"),
    [
        ("catalogue.models", "Product", "shop.catalogue.models"),
        ("catalogue.models", "ProductClass", "shop.catalogue.models"),
        ("partner.models", "Partner", "shop.partner.models"),
        ("partner.strategy", "Selector", "shop.partner.strategy"),
        ("catalogue.views", "CatalogueView", "shop.catalogue.views"),
    ],
)
def test_oscar_loads_our_forks(module, name, ours):
    assert get_class(module, name).__module__ == ours


def test_forked_models_are_registered_under_oscar_labels():
    assert get_model("partner", "Partner").__module__ == "shop.partner.models"
    assert get_model("catalogue", "ProductClass")._meta.get_field("vat_rate")
