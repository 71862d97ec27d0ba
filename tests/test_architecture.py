"""The layers of docs/ARCHITECTURE.md hold: imports run downwards only.

config (cchc_portal) → ground (common, orgs) → kernel (reports' core) → kits (imports, records,
notifications)
→ features (tthc, staff, finance, plans) → outputs (reports' narrative, rendering, signing,
views, API) → demo. A module may import its own layer or a lower one; a feature app never
imports another feature app and a kit never imports the other kit. Function-local imports
count too. `cchc_portal.urls` is the composition root and may include every app's URLs.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = (
    "cchc_portal",
    "common",
    "orgs",
    "reports",
    "imports",
    "records",
    "tthc",
    "staff",
    "finance",
    "plans",
    "notifications",
    "demo",
)
CONFIG, GROUND, KERNEL, KITS, FEATURES, OUTPUTS, DEMO = range(7)
LAYER_NAMES = ["config", "ground", "kernel", "kits", "features", "outputs", "demo"]

# The kernel part of `reports`: what every app builds on. The rest of `reports` is output.
REPORTS_KERNEL = (
    "reports.models",
    "reports.workflow",
    "reports.locks",
    "reports.jobs",
    "reports.indicators",
    "reports.snapshots",
    "reports.validation",
    "reports.recompute",
    "reports.tasks",
    "reports.services",
    "reports.gates",
    "reports.selectors",
    "reports.sections",
    "reports.comments",
    "reports.signals",
    "reports.docsettings",
    "reports.versions",
)
COMPOSITION_ROOTS = {"cchc_portal.urls"}


def layer_of(module: str) -> int:
    top = module.split(".")[0]
    if top == "cchc_portal":
        return CONFIG
    if top in ("common", "orgs"):
        return GROUND
    if top == "reports":
        kernel = any(module == k or module.startswith(k + ".") for k in REPORTS_KERNEL)
        return KERNEL if kernel else OUTPUTS
    if top in ("imports", "records", "notifications"):
        return KITS
    if top in ("tthc", "staff", "finance", "plans"):
        return FEATURES
    if top == "demo":
        return DEMO
    raise AssertionError(f"{module} belongs to no layer: add its package to the layers")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


def imports_of(path: Path, module: str) -> set[str]:
    """Every project module `module` imports, at any depth of the file."""
    is_package = path.name == "__init__.py"
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base if is_package else base[:-1]
                base = base[: len(base) - (node.level - 1)]
                prefix = ".".join(base + ([node.module] if node.module else []))
            else:
                prefix = node.module or ""
            # `from pkg import mod` may name a submodule: keep the longest real module.
            names = [prefix] + [f"{prefix}.{alias.name}" for alias in node.names]
        else:
            continue
        for name in names:
            if name.split(".")[0] in PACKAGES:
                found.add(name)
    return found


def project_modules() -> dict[str, Path]:
    modules = {}
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            modules[module_name(path)] = path
    return modules


def resolve(name: str, modules: dict[str, Path]) -> str | None:
    """The project module an import names (`a.b.c` may be the attribute `c` of `a.b`)."""
    while name:
        if name in modules:
            return name
        name = name.rpartition(".")[0]
    return None


def edges() -> list[tuple[str, str]]:
    modules = project_modules()
    out = []
    for module, path in sorted(modules.items()):
        for name in sorted(imports_of(path, module)):
            target = resolve(name, modules)
            if target and target != module:
                out.append((module, target))
    return sorted(set(out))


def violations() -> list[str]:
    problems = []
    for source, target in edges():
        if source in COMPOSITION_ROOTS:
            continue
        a, b = layer_of(source), layer_of(target)
        src_app, dst_app = source.split(".")[0], target.split(".")[0]
        if b > a:
            problems.append(
                f"{source} ({LAYER_NAMES[a]}) imports {target} ({LAYER_NAMES[b]}), a layer above"
            )
        elif a == b and a in (FEATURES, KITS) and src_app != dst_app:
            problems.append(f"{source} imports {target}: {LAYER_NAMES[a]} do not import each other")
    return problems


def test_imports_run_downwards_only():
    assert violations() == []


def test_every_package_is_placed_in_a_layer():
    for module in project_modules():
        layer_of(module)


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        ("tthc.views", "reports.locks", []),
        ("reports.locks", "tthc.models", ["above"]),
        ("staff.resources", "tthc.models", ["each other"]),
        ("imports.services", "records.exports", ["each other"]),
        ("reports.snapshots", "reports.narrative.figures", ["above"]),
        ("orgs.views", "reports.selectors", ["above"]),
    ],
)
def test_the_rule_catches_an_upward_import(source, target, expected, monkeypatch):
    """The checker itself: a made-up upward or sideways import is reported."""
    monkeypatch.setattr(f"{__name__}.edges", lambda: [(source, target)])
    found = violations()
    assert len(found) == len(expected)
    for problem, word in zip(found, expected, strict=True):
        assert word in problem
