"""The community app is one Django app split into rooms (sub-packages), not into files
with suffixes; rooms import their own app and the apps below it, never cms or config."""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

COMMUNITY = Path(settings.BASE_DIR) / "community"
ROOMS = ("feed", "guarantee", "feedback", "needs", "privacy")
MAX_LINES = 400


def _modules() -> list[Path]:
    return [p for p in COMMUNITY.rglob("*.py") if "migrations" not in p.parts]


def _imports_of(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
    return names


def test_no_module_splits_itself_by_a_suffix():
    suffixed = [
        p.name
        for p in COMMUNITY.glob("*.py")
        if p.stem.split("_")[0] in {"models", "views", "forms", "urls", "services", "selectors"}
        and "_" in p.stem
    ]
    assert not suffixed


def test_every_room_is_a_package_with_its_models_services_and_urls():
    for room in ROOMS:
        for module in ("__init__", "models", "services", "selectors", "views", "urls"):
            assert (COMMUNITY / room / f"{module}.py").exists(), f"{room}/{module}.py"


def test_rooms_models_stay_in_the_community_app():
    labels = {model._meta.app_label for model in apps.get_app_config("community").get_models()}
    assert labels == {"community"}
    assert {"Post", "ClaimOpinion", "ProductFeedback", "Need"} <= {
        model.__name__ for model in apps.get_app_config("community").get_models()
    }


def test_community_never_imports_an_app_above_it():
    offenders = {
        str(path.relative_to(COMMUNITY)): sorted(
            name for name in _imports_of(path) if name.split(".")[0] in {"cms", "config"}
        )
        for path in _modules()
    }
    assert not {path: names for path, names in offenders.items() if names}


def test_modules_stay_small():
    long = {
        str(p.relative_to(COMMUNITY)): n
        for p in _modules()
        if (n := len(p.read_text().splitlines())) > MAX_LINES
    }
    assert not long
