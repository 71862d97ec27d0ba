"""The import-kind registry: each app registers its kinds; the kit names no app."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import imports
from imports.registry import ImportKind, ImportKindRegistry, import_kinds

FEATURE_APPS = {"tthc", "staff", "finance", "plans"}


def test_every_app_registers_its_kinds_in_installed_apps_order():
    assert [k.key for k in import_kinds.all()] == [
        "dossiers",
        "procedures",
        "staff",
        "budget",
        "investment",
    ]
    assert [k.key for k in import_kinds.all() if k.admin_only] == ["procedures"]
    assert len(set(import_kinds.job_kinds())) == 5
    assert import_kinds.get("nothing") is None


def test_a_key_registered_twice_with_another_definition_is_refused():
    registry = ImportKindRegistry()

    def kind(label: str) -> ImportKind:
        return ImportKind(key="x", label=label, job_kind="j", run=None, columns=list)  # type: ignore[arg-type]

    registry.add(kind("a"))
    with pytest.raises(ValueError):
        registry.add(kind("b"))


def test_the_kit_imports_no_feature_app():
    root = Path(imports.__file__).parent
    offenders = []
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            offenders += [
                f"{path.relative_to(root)}: {n}" for n in names if n.split(".")[0] in FEATURE_APPS
            ]
    assert offenders == []


def test_the_nightly_purge_in_the_beat_schedule_names_a_registered_task():
    from cchc_portal.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in app.conf.beat_schedule.values()}
    assert "imports.import_jobs_purge" in scheduled
    assert scheduled <= set(app.tasks)
