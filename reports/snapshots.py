"""Indicator snapshots: the stored values and validation results of a (unit, period).

    snapshot_refresh(unit=, period=)        -> IndicatorSnapshot  (and refreshes its ancestors)
    snapshot_refresh_period(period=)        -> int   every unit valid in the period, in bulk
    snapshot_get(unit=, period=)            -> IndicatorSnapshot  (computed now if missing)
    snapshot_values(snapshot)               -> {code: value}  (rates back to Decimal)
    snapshot_findings(snapshot)             -> [Finding]

Pages read snapshots (and show `computed_at`); the API and CLI compute live. Refreshing is
idempotent: running it twice stores the same figures.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from orgs.models import Period, Unit

from .indicators import compute_many, from_json, to_json
from .models import IndicatorSnapshot
from .validation import Finding, validate


def _hash(values_json: dict) -> str:
    return hashlib.sha256(json.dumps(values_json, sort_keys=True).encode()).hexdigest()


def _frozen(units: list[Unit], period: Period) -> set[int]:
    """Units whose report for the period is submitted or later and has a snapshot: those are the
    figures that were sent, and nothing recomputes them (issue 10, point 11)."""
    from .models import Report
    from .workflow import LOCKING_STATES

    locking = Report.objects.filter(
        period=period, unit__in=[u.pk for u in units], state__in=LOCKING_STATES
    ).values("unit_id")
    return set(
        IndicatorSnapshot.objects.filter(period=period, unit__in=locking).values_list(
            "unit_id", flat=True
        )
    )


def _store(units: list[Unit], period: Period) -> dict[int, IndicatorSnapshot]:
    everyone = [u.pk for u in units]
    frozen = _frozen(units, period)
    units = [u for u in units if u.pk not in frozen]
    if not units:
        return {
            s.unit_id: s for s in IndicatorSnapshot.objects.filter(period=period, unit__in=everyone)
        }
    t0 = time.perf_counter()
    current = compute_many(units, period)
    last = period.same_period_last_year()
    previous = compute_many(units, last) if last is not None else {}
    now = timezone.now()
    duration = int((time.perf_counter() - t0) * 1000)
    rows = []
    for u in units:
        values = current[u.pk]
        # Stored in the portal's language whoever triggered the refresh (an English page, the
        # worker): `snapshot_findings` words them in the reader's language.
        with translation.override(settings.LANGUAGE_CODE):
            findings = validate(values, previous=previous.get(u.pk), unit=u, period=period)
        values_json = to_json(values)
        rows.append(
            IndicatorSnapshot(
                unit=u,
                period=period,
                values=values_json,
                validation=[f.to_dict() for f in findings],
                computed_at=now,
                duration_ms=duration,
                data_version=_hash(values_json),
            )
        )
    with transaction.atomic():
        IndicatorSnapshot.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["unit", "period"],
            update_fields=["values", "validation", "computed_at", "duration_ms", "data_version"],
        )
    stored = IndicatorSnapshot.objects.filter(period=period, unit__in=everyone)
    return {s.unit_id: s for s in stored}


def snapshot_refresh(*, unit: Unit, period: Period, ancestors: bool = True) -> IndicatorSnapshot:
    """Recompute and store the unit's snapshot, and (by default) those of its ancestors, whose
    figures include the unit's."""
    units = [unit]
    if ancestors:
        units += list(unit.ancestors())
    return _store(units, period)[unit.pk]


def snapshot_refresh_period(*, period: Period) -> int:
    """Every unit valid during the period (nightly refresh of open periods)."""
    units = list(Unit.objects.valid_during(period.start, period.end))
    return len(_store(units, period))


def snapshot_get(*, unit: Unit, period: Period) -> IndicatorSnapshot:
    snap = IndicatorSnapshot.objects.filter(unit=unit, period=period).first()
    if snap is None:
        snap = snapshot_refresh(unit=unit, period=period, ancestors=False)
    return snap


def snapshots_for(*, units: list[Unit], period: Period) -> dict[int, IndicatorSnapshot]:
    """Snapshots of many units (a reviewer's comparison table); missing ones computed in bulk."""
    found = {
        s.unit_id: s
        for s in IndicatorSnapshot.objects.filter(period=period, unit__in=[u.pk for u in units])
    }
    missing = [u for u in units if u.pk not in found]
    if missing:
        found.update(_store(missing, period))
    return found


def snapshot_values(snapshot: IndicatorSnapshot | None) -> dict:
    return from_json(snapshot.values) if snapshot is not None else {}


def snapshot_findings(snapshot: IndicatorSnapshot | None) -> list[Finding]:
    """The stored findings, worded in the reader's language: the messages are stored in the
    portal's language (Vietnamese); for another language the same findings are worded again
    from the snapshot's values (the set of findings stays the stored one)."""
    if snapshot is None:
        return []
    stored = [Finding.from_dict(d) for d in snapshot.validation or []]
    language = translation.get_language()
    if not stored or not language or language == settings.LANGUAGE_CODE:
        return stored
    return _reworded(snapshot, stored)


def _reworded(snapshot: IndicatorSnapshot, stored: list[Finding]) -> list[Finding]:
    unit, period = snapshot.unit, snapshot.period
    last = period.same_period_last_year()
    previous = (
        snapshot_values(IndicatorSnapshot.objects.filter(unit=unit, period=last).first())
        if last is not None
        else None
    )
    fresh = {
        f.rule: f
        for f in validate(snapshot_values(snapshot), previous=previous, unit=unit, period=period)
    }
    return [
        dataclasses.replace(f, message=fresh[f.rule].message) if f.rule in fresh else f
        for f in stored
    ]
