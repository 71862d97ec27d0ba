"""The modules of `reports` import one way: no circle, and validation imports no feature.

Read from the source (every `import`, function-local ones included), so a lazy import inside
a function cannot hide a circle."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FEATURES = ("tthc", "staff", "finance", "plans")
# A service enqueues its task and the task calls the service: Celery's usual pair.
ALLOWED_CYCLES = [{"reports.rendering.services", "reports.rendering.tasks"}]


def _modules(package: str) -> dict[str, Path]:
    out = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        if "migrations" in path.parts:
            continue
        parts = list(path.relative_to(ROOT).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        out[".".join(parts)] = path
    return out


def _imported(name: str, path: Path) -> set[str]:
    return _imports_in(name, path.read_text(encoding="utf-8"), package=path.name == "__init__.py")


def _imports_in(name: str, source: str, *, package: bool = False) -> set[str]:
    """Every module name the source of module `name` imports (absolute), anywhere in it, with
    `from x import y` also giving x.y (y may be a module)."""
    here = name.split(".") if package else name.split(".")[:-1]
    out: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = here[: len(here) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            out.add(module)
            out.update(f"{module}.{a.name}" for a in node.names)
    return out


def _graph(package: str) -> dict[str, set[str]]:
    modules = _modules(package)

    def resolve(target: str) -> str | None:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        return target or None

    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        targets = {resolve(t) for t in _imported(name, path)}
        graph[name] = {t for t in targets if t is not None and t != name}
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[set[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[set[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = set()
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.add(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(component)

    for v in graph:
        if v not in index:
            visit(v)
    return found


def test_no_circle_of_imports_inside_reports():
    cycles = [c for c in _cycles(_graph("reports")) if c not in ALLOWED_CYCLES]
    assert cycles == []


def test_the_checker_sees_function_local_and_relative_imports_and_their_circles():
    source = "from .tasks import x\n\ndef f():\n    from ..indicators import registry\n"
    assert _imports_in("reports.narrative.services", source) >= {
        "reports.narrative.tasks",
        "reports.indicators",
        "reports.indicators.registry",
    }
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(graph) == [{"a", "b", "c"}]


@pytest.mark.parametrize("module", [m for m in _modules("reports") if "validation" in m])
def test_validation_imports_no_feature_and_not_the_narrative(module):
    imported = _imported(module, _modules("reports")[module])
    assert not [m for m in imported if m.split(".")[0] in FEATURES], module
    assert not [m for m in imported if m.startswith("reports.narrative")], module
