"""The shape of groupbuy: no import cycle between its modules, and nothing of the apps
above it (community, cms). Read from the source with `ast`, so an import inside a
function counts like one at the top: a lazy import that dodges a cycle is still one."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import groupbuy

ROOT = Path(groupbuy.__file__).resolve().parent
PACKAGE = "groupbuy"


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def source_modules() -> dict[str, Path]:
    return {
        module_name(path): path
        for path in sorted(ROOT.rglob("*.py"))
        if "migrations" not in path.relative_to(ROOT).parts
    }


def _resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    base = module.split(".") if is_package else module.split(".")[:-1]
    base = base[: len(base) - (level - 1)] if level > 1 else base
    return ".".join([*base, target] if target else base)


def imported_names(module: str, path: Path) -> set[str]:
    """Every dotted name the module imports, wherever the import statement is; for
    `from x import y`, both `x` and `x.y` (y may be a submodule)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    is_package = path.name == "__init__.py"
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                source = _resolve_relative(module, is_package, node.level, node.module)
            else:
                source = node.module or ""
            names.add(source)
            names.update(f"{source}.{alias.name}" for alias in node.names)
    return names


def import_graph() -> dict[str, set[str]]:
    """groupbuy module → the groupbuy modules it imports (a name that is not a module,
    like `from .models import GroupOrder`, counts as its module)."""
    modules = source_modules()
    graph: dict[str, set[str]] = {}
    for module, path in modules.items():
        edges = set()
        for name in imported_names(module, path):
            while name and name not in modules:
                name = name.rpartition(".")[0]
            # A package's empty __init__ imports nothing: only real modules are edges.
            if name and name != module and name != PACKAGE:
                edges.add(name)
        graph[module] = edges
    return graph


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph (as a path a → … → a), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(graph):
        if node not in state and (cycle := visit(node)):
            return cycle
    return None


def test_the_graph_sees_relative_absolute_and_function_level_imports():
    graph = import_graph()
    assert "groupbuy.orders.models" in graph["groupbuy.models"]  # absolute
    assert "groupbuy.orders.allocation" in graph["groupbuy.orders.services"]  # from . import
    assert "groupbuy.orders.live" in graph["groupbuy.apps"]  # inside ready()
    assert len(graph) > 20


def test_the_cycle_finder_finds_a_lazy_cycle():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_no_import_cycle_between_groupbuy_modules():
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " → ".join(cycle)


@pytest.mark.parametrize("above", ["community", "cms"])
def test_groupbuy_never_imports_the_apps_above_it(above):
    offenders = sorted(
        module
        for module, path in source_modules().items()
        for name in imported_names(module, path)
        if name == above or name.startswith(f"{above}.")
    )
    assert offenders == []


def test_groupbuy_writes_no_oscar_order_or_ledger_rows_itself():
    """Orders and their payment rows are the shop's to write (shop.checkout.order_writer,
    shop.payments.services): groupbuy neither imports the ledger nor loads Oscar's order
    or payment models."""
    offenders = []
    for module, path in source_modules().items():
        text = path.read_text(encoding="utf-8")
        if (
            "shop.payments.ledger" in imported_names(module, path)
            or "shop.payments import ledger" in text
        ):
            offenders.append(f"{module}: ledger")
        for model in (
            '"order", "Order"',
            '"order", "Line"',
            '"payment", "Source"',
            '"order", "PaymentEvent"',
        ):
            if f"get_model({model})" in text:
                offenders.append(f"{module}: {model}")
    # Reading order lines (pickup list, re-allocation) is fine; writing them is not.
    allowed = {
        'groupbuy.settlement.documents: "order", "Line"',
        'groupbuy.settlement.selectors: "order", "Line"',
    }
    assert sorted(set(offenders) - allowed) == []
