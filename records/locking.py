"""The dates (or the period) a record's change affects, for the one lock rule of
`reports.locks` — defined once per record type by its section's scope (`Scope.lock_targets`)
and used by every channel: the CRUD forms and htmx (`records.services`), the imports
(`record_lock_ranges` on each written row) and the admin (`records.admin`).

    record_scope(model)                     -> Scope | None   (the scope its section declares)
    record_lock_targets(instance)           -> (periods, ranges) of one version of a record
    record_is_locked(instance)              -> bool
    record_ensure_unlocked(old=, new=, by=, channel=, hold=)  -> None or raises PeriodLocked
"""

from __future__ import annotations

import importlib
from typing import Any

from django.db.models import Model

from orgs.models import Period, Unit
from reports.locks import DateRange, ensure_unlocked, locked_periods, period_is_locked

from .scopes import Scope

_SCOPES: dict[type[Model], Scope] = {}


def record_scope_register(model: type[Model], scope: Scope) -> None:
    """Called by every `Section` declared: its model's records are judged by its scope."""
    _SCOPES.setdefault(model, scope)


def record_scope(model: type[Model]) -> Scope | None:
    """The scope of the section declaring `model` (apps declare their sections in
    `<app>/views.py`, imported here when nothing loaded it yet, e.g. in a worker)."""
    if model not in _SCOPES:
        try:
            importlib.import_module(f"{model._meta.app_label}.views")
        except ImportError:
            return None
    return _SCOPES.get(model)


def record_lock_targets(
    instance: Model, *, scope: Scope | None = None
) -> tuple[list[Period], list[DateRange]]:
    """The periods (records of one period) and date ranges (dated records) one version of a
    record counts for. A model without a section, or the global catalogue: nothing."""
    scope = scope if scope is not None else record_scope(type(instance))
    if scope is None:
        return [], []
    return scope.lock_targets(instance)


def _unit(*instances: Model | None) -> Unit | None:
    for rec in instances:
        if rec is not None and getattr(rec, "unit_id", None):
            unit: Unit = getattr(rec, "unit")  # noqa: B009 (every unit record has one; `Model` does not declare it)
            return unit
    return None


def record_is_locked(instance: Model, *, scope: Scope | None = None) -> bool:
    """Whether the stored record counts for a period whose report for its unit is locked."""
    unit = _unit(instance)
    if unit is None:
        return False
    periods, ranges = record_lock_targets(instance, scope=scope)
    if any(period_is_locked(unit=unit, period=p) for p in periods):
        return True
    return bool(ranges and locked_periods(unit=unit, ranges=ranges))


def record_ensure_unlocked(
    *,
    old: Model | None,
    new: Model | None,
    by: Any = None,
    channel: str,
    hold: bool = True,
    scope: Scope | None = None,
    unit: Unit | None = None,
) -> None:
    """Raise PeriodLocked when the change from `old` to `new` (None: created / deleted) touches
    a locked period of the record's unit (default: the records' own); with `hold`, inside the
    writing transaction, under the workflow's row lock (see `reports.locks`)."""
    unit = unit if unit is not None else _unit(new, old)
    if unit is None:
        return
    periods: dict[int, Period] = {}
    ranges: list[DateRange] = []
    for rec in (old, new):
        if rec is None:
            continue
        ps, rs = record_lock_targets(rec, scope=scope)
        periods.update((p.pk, p) for p in ps)
        ranges += rs
    for p in sorted(periods.values(), key=lambda p: p.pk):
        ensure_unlocked(unit=unit, period=p, hold=hold, channel=channel, by=by)
    if ranges:
        ensure_unlocked(unit=unit, ranges=ranges, hold=hold, channel=channel, by=by)


class RecordLockGuard:
    """The lock rule for a writer of many records (an import): `noting(instance)` before each
    instance is saved collects what its stored and new versions count for; calling the guard
    inside the writing transaction — `guard(False)` before writing, `guard(True)` after — takes
    the workflow's row lock on the reports concerned and raises PeriodLocked if any is locked
    (`imports.tabular.run_resource(guard=...)`)."""

    def __init__(self, *, unit: Unit, period: Period | None, by: Any = None, channel: str) -> None:
        self.unit = unit
        self.period = period
        self.by = by
        self.channel = channel
        self.periods: dict[int, Period] = {}
        self.ranges: list[DateRange] = []

    def noting(self, instance: Model) -> None:
        old = None
        if instance.pk is not None:
            old = type(instance)._default_manager.filter(pk=instance.pk).first()
        for rec in (old, instance):
            if rec is None:
                continue
            periods, ranges = record_lock_targets(rec)
            self.periods.update((p.pk, p) for p in periods)
            self.ranges += ranges

    def __call__(self, written: bool) -> None:
        kw = {"unit": self.unit, "hold": True, "channel": self.channel, "by": self.by}
        if self.period is not None:
            ensure_unlocked(period=self.period, **kw)
        if not written:
            return
        for p in sorted(self.periods.values(), key=lambda p: p.pk):
            ensure_unlocked(period=p, **kw)
        if self.ranges:
            ensure_unlocked(ranges=self.ranges, **kw)
