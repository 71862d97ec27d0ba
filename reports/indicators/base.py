"""Indicator definitions, record sources and the one rounding rule."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING, Any, cast

from django.db import models
from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

if TYPE_CHECKING:
    from django.db.backends.postgresql.operations import DatabaseOperations
    from django_stubs_ext import StrOrPromise

    from orgs.models import Period


class Kind(models.TextChoices):
    COUNT = "count", _("số lượng")
    VND = "vnd", _("đồng")
    PERCENT = "percent", _("%")


class Section(models.TextChoices):
    """Report sections in the order of the document (SPEC §8)."""

    DIRECTION = "direction", _("I. Công tác chỉ đạo, điều hành")
    INSTITUTIONS = "institutions", _("II.1. Cải cách thể chế")
    PROCEDURES = "procedures", _("II.2. Cải cách thủ tục hành chính")
    APPARATUS = "apparatus", _("II.3. Cải cách tổ chức bộ máy")
    CIVIL_SERVICE = "civil_service", _("II.4. Cải cách chế độ công vụ")
    FINANCE = "finance", _("II.5. Cải cách tài chính công")
    EGOV = "egov", _("II.6. Xây dựng chính quyền điện tử, chính quyền số")


HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


def pct(numerator: int | Decimal | None, denominator: int | Decimal | None) -> Decimal | None:
    """numerator / denominator as a percentage, Decimal, rounded half-up to 2 places.

    The one rounding rule of the portal: 1868/1886 = 99.0456… → 99.05 (the seed's hand-typed
    99,04 truncated). A zero (or missing) denominator gives None, shown as "—"."""
    if not denominator or numerator is None:
        return None
    return (Decimal(numerator) * HUNDRED / Decimal(denominator)).quantize(
        TWO_PLACES, rounding=ROUND_HALF_UP
    )


def change_pct(now: int | Decimal | None, before: int | Decimal | None) -> Decimal | None:
    """The change from `before` to `now` as a percentage of `before` (year over year), with the
    one rounding rule: (now − before) / before × 100, Decimal, half-up to 2 places, so
    800 → 801 is +0.13 (0.125 rounded up, not to the even 0.12). None when `before` is zero or
    missing, or `now` is missing."""
    if now is None or not before:
        return None
    return pct(Decimal(now) - Decimal(before), before)


@dataclass(frozen=True)
class Indicator:
    """One figure. A count/VND indicator is produced by a source (raw counts summed over units);
    a rate is derived: numerator / denominator, recomputed from sums, never averaged."""

    code: str
    label: StrOrPromise
    kind: str = Kind.COUNT
    section: str = Section.PROCEDURES
    formula: StrOrPromise = ""
    numerator: str | None = None
    denominator: str | None = None
    # For derived counts (e.g. tthc.total = received_new + carried_over): a function of the
    # other values, evaluated after the sources.
    derive: Callable[[dict[str, Any]], int | None] | None = field(default=None, compare=False)
    depends: tuple[str, ...] = ()
    # The common derived count, a sum of other counts: sets `derive` and `depends` from it.
    sum_of: tuple[str, ...] = ()
    # Drill-down: name of a records view that lists what this count counts (optional).
    drilldown: str | None = None
    # A rate whose numerator is a part of its denominator lies in 0–100 (validated); a rate of
    # actual against plan (budget revenue 118,6 %) may exceed 100.
    bounded: bool = True
    # Compared with the same period last year (±50 % warning, SPEC §6).
    year_over_year: bool = True

    def __post_init__(self) -> None:
        if self.sum_of:
            codes = self.sum_of
            object.__setattr__(self, "derive", lambda v: sum(v.get(c) or 0 for c in codes))
            object.__setattr__(self, "depends", codes)

    @property
    def is_rate(self) -> bool:
        return self.numerator is not None


class Source:
    """Computes raw counts of some indicators from one record type with ONE aggregate query.

    `counts()` answers {unit_id: {code: int}} with group_by_unit, else {None: {code: int}}.
    `additive` sources are summed over a subtree; a non-additive one (the global procedure
    catalogue) gives the same values to every unit and is never summed."""

    codes: tuple[str, ...] = ()
    additive: bool = True

    def counts(
        self, *, unit_filter: Q, period: Period, group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        raise NotImplementedError

    def records(self, code: str, *, unit_filter: Q, period: Period) -> models.QuerySet[Any] | None:
        """The records a count counts (drill-down), or None when it has no record list."""
        return None

    def grouped_sql(self, period: Period) -> str:
        """For an additive source: its aggregate grouped by unit as PostgreSQL text."""
        raise NotImplementedError

    def shared_sql(self, period: Period) -> str | None:
        """For a non-additive source: its query as PostgreSQL text (joined to the others'
        in one round trip); `from_rows` turns its rows into {code: int}."""
        return None

    def from_rows(self, rows: list[dict[str, Any]]) -> dict[str, int]:
        raise NotImplementedError

    def drillable(self) -> tuple[str, ...]:
        return ()

    @staticmethod
    def rows_to_counts(
        rows: Iterable[dict[str, Any]], codes: Iterable[str], group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        codes = tuple(codes)
        out: dict[int | None, dict[str, int]] = {}
        for row in rows:
            key = row.get("unit_id") if group_by_unit else None
            out[key] = {c: int(row.get(c) or 0) for c in codes}
        if not group_by_unit and None not in out:
            out[None] = {c: 0 for c in codes}
        return out


_UNIT_MARKER = 987_654_321_012
UNIT_PARAM = "= ANY(%s::bigint[])"


class _AnyPeriod:
    """Stands in for a period where only the names of the measures are needed."""

    pk = None
    year = 2000
    start = end = dt.date(2000, 1, 1)

    def window_bounds(self) -> tuple[dt.datetime, dt.datetime]:
        from django.utils import timezone

        lo = dt.datetime(2000, 1, 1, tzinfo=timezone.get_default_timezone())
        return lo, lo + dt.timedelta(days=1)


# Typed as a Period: the sources read only what _AnyPeriod has (pk, year, start, end, window).
ANY_PERIOD = cast("Period", _AnyPeriod())


@dataclass(frozen=True)
class Measure:
    """One raw figure of a QuerySource: COUNT(*) FILTER (q), or SUM(field) FILTER (q)."""

    code: str
    q: Q | None = None
    sum_field: str | None = None


class QuerySource(Source):
    """A source over one model: `base(period)` narrows the table to the rows that can matter
    for the period, `measures(period)` names the filter of each count. The same named filter
    feeds the aggregate and the drill-down list, so a count and its list cannot disagree."""

    model: type[models.Model]

    def base(self, period: Period) -> models.QuerySet[Any]:
        return self.model._default_manager.all()

    def measures(self, period: Period) -> list[Measure]:
        raise NotImplementedError

    def extra_filters(self, period: Period) -> dict[str, Q]:
        """Filters of derived counts that also have a record list (e.g. tthc.pending)."""
        return {}

    @property
    def codes(self) -> tuple[str, ...]:  # type: ignore[override]
        return tuple(m.code for m in self.measures(ANY_PERIOD))

    def _aggregates(self, measures: list[Measure]) -> dict[str, Sum | Count]:
        aggs: dict[str, Sum | Count] = {}
        for m in measures:
            alias = m.code.replace(".", "__")
            if m.sum_field:
                aggs[alias] = Sum(m.sum_field, filter=m.q, default=0)
            else:
                aggs[alias] = Count("pk", filter=m.q)
        return aggs

    def counts(
        self, *, unit_filter: Q, period: Period, group_by_unit: bool
    ) -> dict[int | None, dict[str, int]]:
        measures = self.measures(period)
        aggs = self._aggregates(measures)
        qs = self.base(period).filter(unit_filter)
        raw: Iterable[dict[str, Any]]
        if group_by_unit:
            raw = qs.values("unit_id").annotate(**aggs).order_by()
        else:
            raw = [qs.aggregate(**aggs)]
        rows = [
            {(k if k == "unit_id" else k.replace("__", ".")): v for k, v in r.items()} for r in raw
        ]
        return self.rows_to_counts(rows, [m.code for m in measures], group_by_unit)

    def grouped_sql(self, period: Period) -> str:
        """The grouped aggregate as PostgreSQL text with every parameter inlined except the
        units, left as `unit_id = ANY(%s)`. Compiled once per period window: building and
        quoting a 30-aggregate query costs more than running it for one commune."""
        key = (period.pk, period.start, period.end, period.year)
        cache: dict[tuple[Any, ...], str] = self.__dict__.setdefault("_sql_cache", {})
        hit = cache.get(key)
        if hit is not None:
            return hit
        from django.db import connection

        qs = (
            self.base(period)
            .filter(unit_id=_UNIT_MARKER)
            .values("unit_id")
            .annotate(**self._aggregates(self.measures(period)))
            .order_by()
        )
        sql, params = qs.query.sql_with_params()
        ops = cast("DatabaseOperations", connection.ops)  # PostgreSQL only (compose_sql)
        text = ops.compose_sql(sql, params).replace("%", "%%")
        # COUNT(pk) of a NOT NULL key is COUNT(*), which skips reading the column per row.
        pk_column = self.model._meta.pk.column
        assert pk_column is not None
        table, pk = ops.quote_name(self.model._meta.db_table), ops.quote_name(pk_column)
        text = text.replace(f"COUNT({table}.{pk}) FILTER", "COUNT(*) FILTER")
        marker = f"= {_UNIT_MARKER}"
        assert text.count(marker) == 1, text
        # ::bigint[]: psycopg sends small ids as smallint[], and the cross-type comparison with
        # the bigint column made the planner pick an index scan over 1M rows (4 s, not 1 s).
        hit = text.replace(marker, UNIT_PARAM)
        if len(cache) > 64:
            cache.clear()
        cache[key] = hit
        return hit

    def _filters(self, period: Period) -> dict[str, Q]:
        out = {m.code: (m.q if m.q is not None else Q()) for m in self.measures(period)}
        out.update(self.extra_filters(period))
        return out

    def drillable(self) -> tuple[str, ...]:
        return tuple(self._filters(ANY_PERIOD).keys())

    def records(self, code: str, *, unit_filter: Q, period: Period) -> models.QuerySet[Any] | None:
        q = self._filters(period).get(code)
        if q is None:
            return None
        return self.base(period).filter(unit_filter).filter(q)
