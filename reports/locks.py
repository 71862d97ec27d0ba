"""THE lock rule of a submitted period (SPEC §7): once a unit's report for a period is in a
locking state (`workflow.LOCKING_STATES`: submitted, accepted, signed) the unit's data for that
period is read-only. Every channel (forms, htmx, imports, document settings) asks here:

- `period_is_locked(unit=, period=)`: is this (unit, period)'s data locked?
- `locked_periods(unit=, ranges=)`: the locked periods whose data window overlaps any of the
  inclusive date ranges (lo or hi may be None = open-ended) — for data judged by its dates;
- `ensure_unlocked(unit=, period=, ranges=, hold=, channel=, by=)`: raise `PeriodLocked` (a
  ValidationError with the Vietnamese message) when either touches locked data, and log the
  refusal (`event=lock_refused channel=… unit=… period=… user=…`).

Serialising with the workflow (issue 10, point 11): a writer calls `ensure_unlocked(...,
hold=True)` INSIDE its writing transaction. That takes `SELECT … FOR UPDATE` on the unit's
Report rows of every period the change touches (created if missing) — the same row lock
`reports.services.report_transition` takes to submit — and only then reads the states. So a
submit waits for a running write (and its recompute then sees the rows), and a write whose
transaction starts after a submit committed sees the submitted state and is refused.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc_portal.security import log_event
from orgs.models import Period, Unit

from .models import Report
from .workflow import LOCKING_STATES

DateRange = tuple[dt.date | None, dt.date | None]


class PeriodLocked(ValidationError):
    """The change would alter data of a period whose report for the unit is locked."""

    def __init__(self, message: str, *, periods: list[Period]) -> None:
        super().__init__(message)
        self.periods = periods


def _locking_reports(unit: Unit) -> QuerySet[Report]:
    return Report.objects.filter(unit=unit, state__in=LOCKING_STATES)


def period_is_locked(*, unit: Unit, period: Period) -> bool:
    return _locking_reports(unit).filter(period=period).exists()


def locked_periods(*, unit: Unit, ranges: Iterable[DateRange]) -> list[Period]:
    """Periods whose window overlaps one of the ranges and whose report for the unit locks."""
    ranges = list(ranges)
    if not ranges:
        return []
    locked = _locking_reports(unit).values("period_id")
    return list(_overlapping(ranges).filter(pk__in=locked).order_by("start"))


def _overlapping(ranges: list[DateRange]) -> QuerySet[Period]:
    cond = Q()
    for lo, hi in ranges:
        part = Q()
        if hi is not None:
            part &= Q(start__lte=hi)
        if lo is not None:
            part &= Q(end__gte=lo)
        cond |= part
    return Period.objects.filter(cond)


def lock_reports(*, unit: Unit, periods: Iterable[Period | int]) -> list[Report]:
    """Take the workflow's row lock (`SELECT … FOR UPDATE`) on the unit's Report rows of the
    periods, creating the missing ones, in period-id order (no deadlock between writers). Call
    it inside the writing transaction: the lock lasts until that transaction ends."""
    if not connection.in_atomic_block:
        raise RuntimeError("lock_reports() must run inside a transaction")
    ids = sorted({p if isinstance(p, int) else p.pk for p in periods})
    if not ids:
        return []
    existing = set(
        Report.objects.filter(unit=unit, period_id__in=ids).values_list("period_id", flat=True)
    )
    for pid in ids:
        if pid not in existing:
            Report.objects.get_or_create(unit=unit, period_id=pid)
    return list(
        Report.objects.select_for_update()
        .filter(unit=unit, period_id__in=ids)
        .order_by("period_id")
    )


def lock_reports_touching(
    *, unit: Unit, period: Period | None = None, ranges: Iterable[DateRange] = ()
) -> None:
    """Lock the Report rows of every period the change touches: the URL period, the periods
    with a report that overlap the ranges, and the missing ones that have begun (a report of a
    period that has not begun cannot be submitted yet)."""
    ids: set[int] = {period.pk} if period is not None else set()
    ranges = list(ranges)
    if ranges:
        overlapping = _overlapping(ranges)
        ids |= set(
            Report.objects.filter(unit=unit, period__in=overlapping).values_list(
                "period_id", flat=True
            )
        )
        ids |= set(overlapping.filter(start__lte=timezone.localdate()).values_list("pk", flat=True))
    lock_reports(unit=unit, periods=ids)


def log_lock_refused(*, unit: Unit, periods: Iterable[Period], channel: str, by: Any) -> None:
    """The structured line of a refusal: `event=lock_refused channel= unit= period= user=`."""
    log_event(
        "lock_refused",
        level=logging.WARNING,
        channel=channel or "unknown",
        unit=unit.code,
        period=",".join(p.code for p in periods),
        user=(by.get_username() if getattr(by, "pk", None) else None),
    )


def _refused(exc: PeriodLocked, *, unit: Unit, channel: str, by: Any) -> PeriodLocked:
    log_lock_refused(unit=unit, periods=exc.periods, channel=channel, by=by)
    return exc


def ensure_unlocked(
    *,
    unit: Unit,
    period: Period | None = None,
    ranges: Iterable[DateRange] | None = None,
    hold: bool = False,
    channel: str = "",
    by: Any = None,
) -> None:
    """Raise PeriodLocked when `period` is locked for the unit, or when one of `ranges` touches
    a locked period. With `hold=True` (inside the writing transaction) first take the
    workflow's row lock on the reports of the touched periods (see the module docstring).
    Every refusal is logged with the channel (form, import, admin, document, ...) and user."""
    ranges = list(ranges) if ranges is not None else None
    if hold:
        lock_reports_touching(unit=unit, period=period, ranges=ranges or [])
    if period is not None and period_is_locked(unit=unit, period=period):
        raise _refused(
            PeriodLocked(
                _(
                    "Báo cáo kỳ %(period)s của %(unit)s đã gửi: dữ liệu chỉ được xem, không được sửa."
                )
                % {"period": period.code, "unit": unit.name},
                periods=[period],
            ),
            unit=unit,
            channel=channel,
            by=by,
        )
    if ranges is None:
        return
    locked = locked_periods(unit=unit, ranges=ranges)
    if locked:
        raise _refused(
            PeriodLocked(
                _(
                    "Bản ghi này thuộc kỳ %(periods)s mà báo cáo của đơn vị đã gửi: "
                    "dữ liệu của kỳ đó chỉ được xem, không được sửa."
                )
                % {"periods": ", ".join(p.code for p in locked)},
                periods=locked,
            ),
            unit=unit,
            channel=channel,
            by=by,
        )
