"""Reads of the reviewer's side: the state of every child unit's report for a period, and the
completeness of the period (issue 11, points 1, 4 and 7).

    children_status(unit, period)  -> [ChildStatus]   one row per child unit valid in the period
    completeness(unit, period)     -> Completeness    counts and rates over those rows

A handful of queries whatever the number of children (units, reports, first submissions,
submission counts, snapshots, explanations); the figures come from the stored snapshots, never
from the indicator registry per unit.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Count, Min
from django.utils import timezone

from orgs.models import Period, Unit
from reports.indicators import pct
from reports.models import IndicatorSnapshot, Report, ReportTransition, WarningExplanation
from reports.validation import ERROR, WARNING
from reports.workflow import LOCKING_STATES, ReportState


@dataclass(frozen=True)
class ChildStatus:
    """The state of one child unit's report for the period.

    - `state`: the report's state, `draft` when the unit has no report yet;
    - `submitted_at`: the last submission (None if never submitted);
    - `first_submitted_at`: the first submission, which decides timeliness (a report sent on time
      and returned by the reviewer after the deadline stays on time once it is sent again);
    - `on_time`: for a report that is submitted or later, whether its first submission fell on or
      before the deadline (True when the period has no deadline); for a report not (or no longer)
      sent, False once the deadline has passed, else None;
    - `overdue`: not sent and the deadline has passed;
    - `version`: how many times the report was submitted;
    - `open_errors`, `warnings`, `warnings_explained`: from the stored snapshot's validation and
      the unit's written explanations (None when no snapshot was computed yet).
    """

    unit: Unit
    code: str
    name: str
    state: str
    submitted_at: dt.datetime | None
    first_submitted_at: dt.datetime | None
    on_time: bool | None
    overdue: bool
    version: int
    open_errors: int | None
    warnings: int | None
    warnings_explained: int | None
    report_id: int | None = None

    @property
    def state_label(self) -> str:
        return str(ReportState(self.state).label)


@dataclass(frozen=True)
class Completeness:
    expected: int
    submitted: int  # submitted, accepted or signed (the report is with the reviewer or done)
    on_time: int
    returned: int
    accepted: int
    signed: int
    submitted_rate: Decimal | None
    on_time_rate: Decimal | None
    draft: int = 0

    def as_json(self) -> dict[str, int | str | None]:
        """The API's object: rates as strings with two decimals, None on a zero denominator."""
        return {
            "expected": self.expected,
            "submitted": self.submitted,
            "on_time": self.on_time,
            "returned": self.returned,
            "accepted": self.accepted,
            "signed": self.signed,
            "submitted_rate": _rate(self.submitted_rate),
            "on_time_rate": _rate(self.on_time_rate),
        }


def _rate(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def child_units(unit: Unit, period: Period) -> list[Unit]:
    """The units directly under `unit` valid during the period: a district's communes; a
    province's districts before the 2025 reform, its communes after it."""
    return list(
        Unit.objects.filter(parent=unit).valid_during(period.start, period.end).order_by("name")
    )


def _on_time(
    state: str, first_submitted: dt.datetime | None, deadline: dt.date | None, today: dt.date
) -> tuple[bool | None, bool]:
    """(on_time, overdue) for one report."""
    if state in LOCKING_STATES:
        if deadline is None:
            return True, False
        if first_submitted is None:  # a state set without a transition (admin, old data)
            return None, False
        return timezone.localdate(first_submitted) <= deadline, False
    if deadline is not None and deadline < today:
        return False, True
    return None, False


def _validation_counts(
    validation: list[dict] | None, explained: set[str]
) -> tuple[int | None, int | None, int | None]:
    """(errors, warnings, warnings explained) of a snapshot's stored findings; None: no snapshot."""
    if validation is None:
        return None, None, None
    findings = validation or []
    errors = sum(1 for f in findings if f.get("severity") == ERROR)
    warnings = [f.get("rule") for f in findings if f.get("severity") == WARNING]
    return errors, len(warnings), sum(1 for rule in warnings if rule in explained)


def statuses_for(units: Iterable[Unit], period: Period) -> list[ChildStatus]:
    """The rows of `children_status` for any list of units (in the given order)."""
    units = list(units)
    ids = [u.pk for u in units]
    # Plain rows, not model instances: hundreds of children cost no per-object signals.
    reports = {
        r["unit_id"]: r
        for r in Report.objects.filter(period=period, unit__in=ids).values(
            "pk", "unit_id", "state", "submitted_at"
        )
    }
    submits = {
        row["report_id"]: row
        for row in ReportTransition.objects.filter(
            report__in=[r["pk"] for r in reports.values()], to_state=ReportState.SUBMITTED
        )
        .values("report_id")
        .annotate(n=Count("pk"), first=Min("at"))
    }
    snapshots: dict[int, list[dict]] = dict(
        IndicatorSnapshot.objects.filter(period=period, unit__in=ids).values_list(
            "unit_id", "validation"
        )
    )
    explained: dict[int, set[str]] = {}
    for unit_id, rule in (
        WarningExplanation.objects.filter(period=period, unit__in=ids)
        .exclude(text="")
        .values_list("unit_id", "rule")
    ):
        explained.setdefault(unit_id, set()).add(rule)
    today = timezone.localdate()
    rows = []
    for u in units:
        report = reports.get(u.pk)
        state = report["state"] if report else ReportState.DRAFT
        submitted_at = report["submitted_at"] if report else None
        sub = submits.get(report["pk"]) if report else None
        first = sub["first"] if sub else None
        if first is None and state in LOCKING_STATES:
            first = submitted_at
        on_time, overdue = _on_time(state, first, period.deadline, today)
        errors, warnings, warnings_explained = _validation_counts(
            snapshots.get(u.pk), explained.get(u.pk, set())
        )
        rows.append(
            ChildStatus(
                unit=u,
                code=u.code,
                name=u.name,
                state=state,
                submitted_at=submitted_at,
                first_submitted_at=first,
                on_time=on_time,
                overdue=overdue,
                version=sub["n"] if sub else 0,
                open_errors=errors,
                warnings=warnings,
                warnings_explained=warnings_explained,
                report_id=report["pk"] if report else None,
            )
        )
    return rows


def children_status(unit: Unit, period: Period) -> list[ChildStatus]:
    """One row per child unit valid in the period, by name."""
    return statuses_for(child_units(unit, period), period)


def completeness_of(rows: Iterable[ChildStatus]) -> Completeness:
    """Completeness over already computed rows (the inbox and the dashboard reuse theirs)."""
    rows = list(rows)
    states = Counter(r.state for r in rows)
    expected = len(rows)
    submitted = sum(1 for r in rows if r.state in LOCKING_STATES)
    on_time = sum(1 for r in rows if r.on_time is True)
    return Completeness(
        expected=expected,
        submitted=submitted,
        on_time=on_time,
        returned=states[ReportState.RETURNED],
        accepted=states[ReportState.ACCEPTED],
        signed=states[ReportState.SIGNED],
        submitted_rate=pct(submitted, expected),
        on_time_rate=pct(on_time, expected),
        draft=states[ReportState.DRAFT],
    )


def completeness(unit: Unit, period: Period) -> Completeness:
    """Expected (child units valid in the period), submitted (submitted or later), on time,
    returned, accepted, signed; rates over the expected units by `pct`."""
    return completeness_of(children_status(unit, period))
