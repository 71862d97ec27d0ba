"""The lock file (requirements.lock: every runtime and dev package pinned, with hashes).

Usage (dev.sh calls both; run them with the virtualenv's Python):
  python scripts/lockfile.py check   fails when a dependency of pyproject.toml (runtime or the
                                     `dev` extra) is missing from the lock or pinned outside its
                                     range: someone changed pyproject.toml and forgot ./dev.sh lock
  python scripts/lockfile.py audit   pip-audit of the locked set; fails on a known vulnerability
                                     that has a fixed version. Packages the vulnerability service
                                     could not answer for are reported; with CCHC_AUDIT_STRICT=1
                                     they fail the audit too.

The lock is written by `./dev.sh lock` (uv pip compile); see the README.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

try:
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name
except ImportError:  # a fresh virtualenv has only pip, which carries its own copy
    from pip._vendor.packaging.requirements import Requirement
    from pip._vendor.packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"
LOCK = ROOT / "requirements.lock"
EXTRAS = ("dev",)  # the extras the lock covers (./dev.sh lock compiles with the same)
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(?:\[[^\]]*\])?==([^\s;\\]+)")


def declared(pyproject: Path = PYPROJECT, extras: tuple[str, ...] = EXTRAS) -> list[Requirement]:
    """The requirements of pyproject.toml: the runtime ones and those of the locked extras."""
    project = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]
    lines = list(project.get("dependencies", []))
    for extra in extras:
        lines += project.get("optional-dependencies", {}).get(extra, [])
    return [Requirement(line) for line in lines]


def pinned(lock_text: str) -> dict[str, list[str]]:
    """{normalised name: [pinned versions]} (a universal lock may pin two, under markers)."""
    pins: dict[str, list[str]] = {}
    for line in lock_text.splitlines():
        m = PIN.match(line)
        if m:
            pins.setdefault(canonicalize_name(m.group(1)), []).append(m.group(2))
    return pins


def uncovered(requirements: list[Requirement], pins: dict[str, list[str]]) -> list[str]:
    """What the lock lacks: one line per requirement it does not satisfy."""
    problems = []
    for req in requirements:
        if req.marker is not None and not req.marker.evaluate({"extra": ""}):
            continue
        versions = pins.get(canonicalize_name(req.name))
        if not versions:
            problems.append(f"{req} — not in the lock")
        elif not any(req.specifier.contains(v, prereleases=True) for v in versions):
            problems.append(f"{req} — the lock pins {', '.join(versions)}")
    return problems


def check(pyproject: Path = PYPROJECT, lock: Path = LOCK) -> int:
    if not lock.exists():
        print(f"{lock.name} is missing: run ./dev.sh lock", file=sys.stderr)
        return 1
    problems = uncovered(declared(pyproject), pinned(lock.read_text(encoding="utf-8")))
    if problems:
        print(
            f"{lock.name} does not match {pyproject.name}; run ./dev.sh lock and commit "
            f"{lock.name}:\n  " + "\n  ".join(problems),
            file=sys.stderr,
        )
        return 1
    return 0


@dataclass
class AuditReport:
    fixable: list[str] = field(default_factory=list)  # a fixed version exists: fail
    unfixed: list[str] = field(default_factory=list)  # no fix published yet: reported
    unaudited: list[str] = field(default_factory=list)  # the service gave no answer
    audited: int = 0


def classify(result: dict) -> AuditReport:
    """Sort pip-audit's JSON output (`-f json`) into what fails the audit and what is reported."""
    report = AuditReport()
    for dep in result.get("dependencies", []):
        name = f"{dep['name']} {dep.get('version', '')}".strip()
        if "skip_reason" in dep:
            report.unaudited.append(name)
            continue
        report.audited += 1
        for vuln in dep.get("vulns", []):
            line = f"{name}: {vuln['id']}"
            if vuln.get("fix_versions"):
                report.fixable.append(f"{line} (fixed in {', '.join(vuln['fix_versions'])})")
            else:
                report.unfixed.append(f"{line} (no fixed version yet)")
    return report


def audit(lock: Path = LOCK) -> int:
    service = os.environ.get("CCHC_AUDIT_SERVICE", "pypi")
    strict = os.environ.get("CCHC_AUDIT_STRICT", "") == "1"
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "audit.json"
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "pip_audit",
                "--requirement",
                str(lock),
                "--disable-pip",  # the lock is fully pinned and hashed: nothing to resolve
                "--vulnerability-service",
                service,
                "--format",
                "json",
                "--output",
                str(out),
                "--progress-spinner",
                "off",
            ],
            capture_output=True,
            text=True,
        )
        if not out.exists() or not out.read_text():
            last = (run.stderr.strip().splitlines() or ["no output"])[-1]
            print(f"WARNING: pip-audit could not run the audit: {last}", file=sys.stderr)
            return 1 if strict else 0
        report = classify(json.loads(out.read_text()))
    for line in report.unfixed:
        print(f"WARNING: known vulnerability: {line}", file=sys.stderr)
    if report.unaudited:
        print(
            f"WARNING: the audit is incomplete: {service} gave no vulnerability data for "
            f"{len(report.unaudited)} of {len(report.unaudited) + report.audited} locked "
            f"packages (e.g. {', '.join(report.unaudited[:3])}); CCHC_AUDIT_SERVICE=osv "
            "asks OSV instead",
            file=sys.stderr,
        )
    if report.fixable:
        print(
            "Known vulnerabilities with a fixed version in the locked set; raise the bound in "
            "pyproject.toml or run ./dev.sh lock --upgrade-package NAME:\n  "
            + "\n  ".join(report.fixable),
            file=sys.stderr,
        )
        return 1
    if strict and report.unaudited:
        return 1
    total = report.audited + len(report.unaudited)
    print(
        f"pip-audit: {report.audited} of {total} locked packages audited; no fixable vulnerability"
    )
    return 0


def main(argv: list[str]) -> int:
    commands = {"check": check, "audit": audit}
    if len(argv) != 1 or argv[0] not in commands:
        print(__doc__, file=sys.stderr)
        return 2
    return commands[argv[0]]()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
