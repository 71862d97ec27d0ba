"""How the records of a section belong to a (unit, period).

A scope answers four questions for the generic views and services:
- `listed(qs, unit, period)`: the records shown in the period's list;
- `owned(qs, unit, period)`: the records reachable by id from this page (another unit's → 404);
- `assign(instance, unit, period)`: what a new record is attached to;
- `dates(instance)`: the dates the record counts for, so that a change touching a period whose
  report is submitted is refused (`None`: the record belongs to one period, `record.period`);
- `lock_targets(instance)`: both as the lock rule takes them — (periods, date ranges) — the
  one definition of what a record affects, used by forms, imports and the admin
  (`records.locking`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext as _

from common.formatting import format_date
from orgs.models import Period, Unit

DateRange = tuple[dt.date | None, dt.date | None]


def _as_date(value: dt.date | dt.datetime | None) -> dt.date | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value


def _fmt(day: dt.date) -> str:
    return format_date(day)


class Scope:
    """Base: records of one unit, not tied to a period."""

    per_period = False
    global_catalogue = False

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(unit=unit)

    def owned(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(unit=unit)

    def assign(self, instance: Any, *, unit: Unit, period: Period) -> None:
        instance.unit = unit

    def dates(self, instance: Model) -> DateRange | None:
        return None

    def lock_targets(self, instance: Model) -> tuple[list[Period], list[DateRange]]:
        """The periods and date ranges this version of the record counts for."""
        if self.global_catalogue:
            return [], []
        if self.per_period:
            period = getattr(instance, "period", None)
            return ([period] if period is not None else []), []
        day_range = self.dates(instance)
        return [], ([day_range] if day_range else [])

    def validate(self, instance: Model, *, period: Period) -> dict[str, str]:
        """Field errors when a record would fall outside the period being edited."""
        return {}

    def history_filter(self, *, unit: Unit, period: Period) -> dict[str, Any]:
        return {"unit_id": unit.pk}


class ByUnitPeriod(Scope):
    """Budget lines, plan tasks, directives, entered figures: one (unit, period) each."""

    per_period = True

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(unit=unit, period=period)

    owned = listed

    def assign(self, instance: Any, *, unit: Unit, period: Period) -> None:
        instance.unit = unit
        instance.period = period

    def history_filter(self, *, unit: Unit, period: Period) -> dict[str, Any]:
        return {"unit_id": unit.pk, "period_id": period.pk}


@dataclass
class ByUnitDate(Scope):
    """Unit records dated inside the period window (feedback by received_on, ...)."""

    field: str

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(
            unit=unit, **{f"{self.field}__gte": period.start, f"{self.field}__lte": period.end}
        )

    def dates(self, instance: Any) -> DateRange | None:
        day = _as_date(getattr(instance, self.field))
        return (day, day)

    def validate(self, instance: Any, *, period: Period) -> dict[str, str]:
        day = _as_date(getattr(instance, self.field))
        if day is not None and not period.start <= day <= period.end:
            return {
                self.field: _(
                    "Ngày phải nằm trong kỳ báo cáo (%(start)s – %(end)s); "
                    "bản ghi của kỳ khác nhập ở trang của kỳ đó."
                )
                % {"start": _fmt(period.start), "end": _fmt(period.end)}
            }
        return {}


class DossierScope(Scope):
    """Dossiers received in the window, or received before it and still open at its start
    (carried over) — the same population as the dossier indicators."""

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        # The dossier QuerySet defines the population once (tthc.models.DossierQuerySet); the
        # kit does not import tthc, so its method is reached untyped.
        dossiers: Any = qs.filter(unit=unit)
        return dossiers.in_window(period)

    def dates(self, instance: Any) -> DateRange | None:
        # A dossier counts from its reception until it ends (carried over while open).
        return (_as_date(instance.received_at), _as_date(instance.resolved_at))

    def validate(self, instance: Any, *, period: Period) -> dict[str, str]:
        day = _as_date(instance.received_at)
        if day is not None and day > period.end:
            return {
                "received_at": _(
                    "Ngày tiếp nhận sau kỳ báo cáo (kết thúc %(end)s): nhập ở trang của kỳ sau."
                )
                % {"end": _fmt(period.end)}
            }
        return {}


class PeopleScope(Scope):
    """People in post at some time during the window."""

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(unit=unit).filter(
            Q(in_post_from__isnull=True) | Q(in_post_from__lte=period.end),
            Q(in_post_to__isnull=True) | Q(in_post_to__gte=period.start),
        )

    def dates(self, instance: Any) -> DateRange | None:
        return (instance.in_post_from, instance.in_post_to)

    def validate(self, instance: Any, *, period: Period) -> dict[str, str]:
        if (instance.in_post_from and instance.in_post_from > period.end) or (
            instance.in_post_to and instance.in_post_to < period.start
        ):
            return {
                "in_post_from": _(
                    "Người này không giữ chức vụ trong kỳ báo cáo (%(start)s – %(end)s)."
                )
                % {"start": _fmt(period.start), "end": _fmt(period.end)}
            }
        return {}


@dataclass
class ByUnitYear(Scope):
    """Records of a calendar year (post quotas) overlapping the window."""

    field: str = "year"

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs.filter(
            unit=unit,
            **{f"{self.field}__gte": period.start.year, f"{self.field}__lte": period.end.year},
        )

    def dates(self, instance: Any) -> DateRange | None:
        year = getattr(instance, self.field)
        if not year:
            return None
        return (dt.date(year, 1, 1), dt.date(year, 12, 31))

    def validate(self, instance: Any, *, period: Period) -> dict[str, str]:
        year = getattr(instance, self.field)
        if year and not period.start.year <= year <= period.end.year:
            return {
                self.field: _("Năm phải thuộc kỳ báo cáo (%(a)s – %(b)s).")
                % {"a": period.start.year, "b": period.end.year}
            }
        return {}


class GlobalCatalogue(Scope):
    """The procedure catalogue: one list for everyone, edited by administrators only."""

    global_catalogue = True

    def listed(self, qs: QuerySet, *, unit: Unit, period: Period) -> QuerySet:
        return qs

    owned = listed

    def assign(self, instance: Any, *, unit: Unit, period: Period) -> None:
        return None

    def history_filter(self, *, unit: Unit, period: Period) -> dict[str, Any]:
        return {}
