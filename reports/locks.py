"""THE lock rule of a submitted period (SPEC §7): once a unit's report for a period is in a
locking state (`workflow.LOCKING_STATES`: submitted, accepted, signed) the unit's data for that
period is read-only. Every channel (forms, htmx, imports, document settings) asks here:

- `period_is_locked(unit=, period=)`: is this (unit, period)'s data locked?
- `locked_periods(unit=, ranges=)`: the locked periods whose data window overlaps any of the
  inclusive date ranges (lo or hi may be None = open-ended) — for data judged by its dates;
- `ensure_unlocked(unit=, period=, ranges=)`: raise `PeriodLocked` (a ValidationError with the
  Vietnamese message) when either touches locked data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from orgs.models import Period, Unit

from .models import Report
from .workflow import LOCKING_STATES

DateRange = tuple[dt.date | None, dt.date | None]


class PeriodLocked(ValidationError):
    """The change would alter data of a period whose report for the unit is locked."""

    def __init__(self, message: str, *, periods: list[Period]):
        super().__init__(message)
        self.periods = periods


def _locking_reports(unit: Unit):
    return Report.objects.filter(unit=unit, state__in=LOCKING_STATES)


def period_is_locked(*, unit: Unit, period: Period) -> bool:
    return _locking_reports(unit).filter(period=period).exists()


def locked_periods(*, unit: Unit, ranges: Iterable[DateRange]) -> list[Period]:
    """Periods whose window overlaps one of the ranges and whose report for the unit locks."""
    ranges = list(ranges)
    if not ranges:
        return []
    cond = Q()
    for lo, hi in ranges:
        part = Q()
        if hi is not None:
            part &= Q(start__lte=hi)
        if lo is not None:
            part &= Q(end__gte=lo)
        cond |= part
    locked = _locking_reports(unit).values("period_id")
    return list(Period.objects.filter(cond, pk__in=locked).order_by("start"))


def ensure_unlocked(
    *, unit: Unit, period: Period | None = None, ranges: Iterable[DateRange] | None = None
) -> None:
    """Raise PeriodLocked when `period` is locked for the unit, or when one of `ranges` touches
    a locked period."""
    if period is not None and period_is_locked(unit=unit, period=period):
        raise PeriodLocked(
            _("Báo cáo kỳ %(period)s của %(unit)s đã gửi: dữ liệu chỉ được xem, không được sửa.")
            % {"period": period.code, "unit": unit.name},
            periods=[period],
        )
    if ranges is None:
        return
    locked = locked_periods(unit=unit, ranges=ranges)
    if locked:
        raise PeriodLocked(
            _(
                "Bản ghi này thuộc kỳ %(periods)s mà báo cáo của đơn vị đã gửi: "
                "dữ liệu của kỳ đó chỉ được xem, không được sửa."
            )
            % {"periods": ", ".join(p.code for p in locked)},
            periods=locked,
        )
