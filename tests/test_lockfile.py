"""The lock file guard rails (scripts/lockfile.py): the committed lock covers pyproject.toml, a
dependency added without ./dev.sh lock is named, and the audit fails only on what can be fixed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "lockfile.py"


@pytest.fixture(scope="module")
def lockfile():
    spec = importlib.util.spec_from_file_location("lockfile", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    sys.modules["lockfile"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    yield module
    del sys.modules["lockfile"]


def test_the_committed_lock_pins_every_dependency_of_pyproject(lockfile):
    assert lockfile.check() == 0


def test_a_dependency_missing_from_the_lock_or_pinned_outside_its_range_is_named(
    lockfile, tmp_path
):
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text(
        '[project]\nname = "x"\nversion = "1"\n'
        'dependencies = ["Django>=6.2", "django_axes>=6", "celery[redis]>=5.4",'
        " \"pywin32>=300; sys_platform == 'win32'\"]\n"
        '[project.optional-dependencies]\ndev = ["pytest>=8"]\n',
        encoding="utf-8",
    )
    lock = (
        "django==6.1.3 \\\n    --hash=sha256:00\n"
        "celery==5.5.0 \\\n    --hash=sha256:00\n"
        "pytest==8.4.1 ; python_version >= '3.12' \\\n    --hash=sha256:00\n"
    )
    problems = lockfile.uncovered(lockfile.declared(pyproject), lockfile.pinned(lock))
    assert problems == [
        "Django>=6.2 — the lock pins 6.1.3",
        "django_axes>=6 — not in the lock",
    ]


def test_the_audit_fails_only_on_a_vulnerability_with_a_fixed_version(lockfile):
    report = lockfile.classify(
        {
            "dependencies": [
                {
                    "name": "django",
                    "version": "6.1.3",
                    "vulns": [{"id": "PYSEC-1", "fix_versions": ["6.1.4"], "aliases": []}],
                },
                {
                    "name": "lxml",
                    "version": "6.0.0",
                    "vulns": [{"id": "GHSA-2", "fix_versions": [], "aliases": []}],
                },
                {"name": "pytest", "version": "8.4.1", "vulns": []},
                {"name": "amqp", "skip_reason": "Dependency not found on PyPI"},
            ],
            "fixes": [],
        }
    )
    assert report.fixable == ["django 6.1.3: PYSEC-1 (fixed in 6.1.4)"]
    assert report.unfixed == ["lxml 6.0.0: GHSA-2 (no fixed version yet)"]
    assert report.unaudited == ["amqp"]
    assert report.audited == 3
