"""The CRUD kit sits below the feature apps: it imports orgs and the reports kernel, never a
feature app; the project package holds configuration only."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FEATURES = {"tthc", "staff", "finance", "plans"}


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_records_imports_no_feature_app():
    for path in (ROOT / "records").rglob("*.py"):
        assert not _imported_roots(path) & FEATURES, path


def test_the_project_package_holds_no_kit_or_models():
    package = ROOT / "cchc_portal"
    assert not (package / "crud").exists()
    assert not (package / "db.py").exists()
    for path in package.rglob("*.py"):
        assert not _imported_roots(path) & (FEATURES | {"records"}), path
