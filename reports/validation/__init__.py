"""Validation of a unit's figures for a period (SPEC §6).

    from reports.validation import validate
    findings = validate(values, previous=last_year_values, unit=unit, period=period)
    [f.to_dict() for f in findings]   # stored in the snapshot, shown beside the figures

Two kinds of checks, both producing `Finding`s (errors block submission, warnings need a written
explanation):

- rules (`rules.py`): pure functions over indicator values — sums and bounds that can fail,
  rates within 0–100, counts non-negative, year-over-year moves beyond ±50 %;
- finders (`finders.py`): checks that read an app's records, registered by that app in its
  AppConfig.ready() (finance: figures dated outside the period; the narrative: hand-typed
  figures that contradict their indicator; entered figures marked approximate).

This package imports no feature app: features register into it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from .base import ERROR, WARNING, Finding, Rule, Values
from .finders import Finder, register_finder, registered_finders, run_finders, unregister_finder
from .rules import rule_findings, rules, yoy_findings

if TYPE_CHECKING:
    from orgs.models import Period, Unit

__all__ = [
    "ERROR",
    "WARNING",
    "Finder",
    "Finding",
    "Rule",
    "Values",
    "findings_by_code",
    "register_finder",
    "registered_finders",
    "rules",
    "unregister_finder",
    "validate",
]


def validate(
    values: Values,
    *,
    previous: Values | None = None,
    unit: Unit | None = None,
    period: Period | None = None,
) -> list[Finding]:
    """Every finding for these values, errors first, then warnings. The registered finders run
    when a unit and a period are given (they read that unit's records)."""
    findings = rule_findings(values) + yoy_findings(values, previous)
    if unit is not None and period is not None:
        findings += run_finders(unit=unit, period=period, values=values)
    return sorted(findings, key=lambda f: f.severity != ERROR)


def findings_by_code(findings: list[Finding]) -> dict[str, list[Finding]]:
    """Findings indexed by each indicator they name (to show them beside the figures)."""
    out: dict[str, list[Finding]] = {}
    for f in findings:
        for c in f.codes:
            out.setdefault(c, []).append(f)
    return out
