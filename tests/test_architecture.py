"""Dependencies between apps go one way (README, "Architecture"):

    config ─► cms ─► groupbuy ─► shop
               └──────► community ─► shop
                            └──────► groupbuy

Every module of an app is parsed; its imports (at module level or inside functions) and
its string references to models or classes of other apps (`get_model("groupbuy", ...)`,
`apps.get_model("community.Post")`, `get_class("community.x", ...)`) must stay within
the app and the apps below it. `config` sits on top (settings, URL map, ASGI routing,
schedule) and no app imports it.
"""

import ast
from pathlib import Path

import pytest

BASE_DIR = Path(__file__).resolve().parents[1]

# What each top-level package may import among the project's packages.
ALLOWED = {
    "shop": {"shop"},
    "groupbuy": {"groupbuy", "shop"},
    "community": {"community", "groupbuy", "shop"},
    "cms": {"cms", "community", "groupbuy", "shop"},
    "config": {"config", "cms", "community", "groupbuy", "shop"},
}
PROJECT_PACKAGES = set(ALLOWED)


def modules(package: str):
    yield from sorted((BASE_DIR / package).rglob("*.py"))


def module_name(path: Path) -> str:
    parts = list(path.relative_to(BASE_DIR).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imported_names(path: Path, package: str | None = None) -> list[tuple[int, str]]:
    """(line, dotted name) of every import and app-label string reference in a module."""
    tree = ast.parse(path.read_text(), filename=str(path))
    if package is None:
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)] if node.level > 1 else base
                name = ".".join([*base, node.module] if node.module else base)
            else:
                name = node.module or ""
            found.append((node.lineno, name))
        elif (
            isinstance(node, ast.Call)
            and _called_name(node)
            in {
                "get_model",
                "get_class",
                "get_classes",
            }
            and (
                node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
            )
        ):
            found.append((node.lineno, node.args[0].value.split(".")[0]))
    return found


def _called_name(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")


def top_package(name: str) -> str:
    return name.split(".")[0]


@pytest.mark.parametrize("package", sorted(ALLOWED))
def test_no_app_depends_on_an_app_above_it(package):
    wrong = []
    for path in modules(package):
        for line, name in imported_names(path):
            target = top_package(name)
            if target in PROJECT_PACKAGES and target not in ALLOWED[package]:
                wrong.append(f"{path.relative_to(BASE_DIR)}:{line} uses {name}")
    assert wrong == [], "\n".join(wrong)


def test_the_check_sees_relative_imports_and_model_lookups(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text(
        "from .models import X\n"
        "import community.feed\n"
        "def f():\n"
        "    from cms.models import Page\n"
        "    get_model('groupbuy', 'GroupOrder')\n"
    )
    names = [name for _, name in imported_names(module, package="community.feed")]
    assert "community.feed.models" in names
    assert "cms.models" in names
    assert "groupbuy" in names


def test_settings_are_read_directly_never_with_a_repeated_default():
    """Defaults live in config/settings/base.py once; code reads `settings.X`."""
    wrong = []
    for package in sorted(ALLOWED):
        for path in modules(package):
            for node in ast.walk(ast.parse(path.read_text())):
                if (
                    isinstance(node, ast.Call)
                    and _called_name(node) in {"getattr", "hasattr"}
                    and node.args
                    and isinstance(node.args[0], ast.Name)
                    and node.args[0].id == "settings"
                ):
                    wrong.append(f"{path.relative_to(BASE_DIR)}:{node.lineno}")
    assert wrong == [], "\n".join(wrong)
