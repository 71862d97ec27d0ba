"""Computing indicator values for a unit (or a subtree) and a period.

Raw counts come from one aggregate query per source; a parent's counts are the sums of its
descendants' counts; derived counts and every rate are then computed from those sums (a rate is
never averaged)."""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any, cast

from django.db.models import Q

from orgs.models import Period, Unit

from .base import UNIT_PARAM, Indicator, Kind, Source, pct
from .registry import registry

# {code: value}: counts and VND as int, rates as Decimal or None (zero denominator).
IndicatorValues = dict[str, Any]
_Plan = tuple[list[Indicator], list[tuple[str, str, str]], list[str]]

_plan_cache: dict[str, Any] = {}


def _plan() -> _Plan:
    """Derived counts in dependency order, the rates (code, numerator, denominator) and the
    registry order — worked out once, applied to every unit."""
    key = len(registry.codes())
    if _plan_cache.get("key") != key:
        ordered: list[Indicator] = []
        pending = [i for i in registry.all() if i.derive is not None]
        known: set[str] = set()
        produced = {c for s in registry.sources() for c in s.codes}
        known |= produced
        for _ in range(len(pending) + 1):
            rest = []
            for ind in pending:
                if all(d in known for d in ind.depends):
                    ordered.append(ind)
                    known.add(ind.code)
                else:
                    rest.append(ind)
            pending = rest
        ordered += pending  # unresolvable dependencies: evaluated last, on what exists
        # (code, numerator, denominator); a missing denominator ("") reads as None
        rates = [
            (i.code, i.numerator or "", i.denominator or "") for i in registry.all() if i.is_rate
        ]
        _plan_cache.update(key=key, plan=(ordered, rates, registry.codes()))
    return _plan_cache["plan"]


def derive(values: IndicatorValues) -> IndicatorValues:
    """Derived counts in dependency order, then every rate from its numerator/denominator."""
    ordered, rates, _codes = _plan()
    for ind in ordered:
        assert ind.derive is not None
        values[ind.code] = ind.derive(values)
    for code, num, den in rates:
        values[code] = pct(values.get(num), values.get(den))
    return values


def _order(values: IndicatorValues) -> IndicatorValues:
    return {code: values.get(code) for code in _plan()[2]}


def unit_filter_for(ids: list[int]) -> Q:
    """Records of these units: `unit_id = x` for one (the (unit, date) indexes apply)."""
    if len(ids) == 1:
        return Q(unit_id=ids[0])
    return Q(unit_id__in=ids)


def subtree_ids(unit: Unit) -> list[int]:
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def _grouped_counts(
    period: Period, *, unit_ids: list[int] | None
) -> tuple[dict[int, dict[str, int]], dict[str, int]]:
    """({unit_id: {code: int}}, {code: int} of the non-additive sources) from every source in
    ONE round trip (PostgreSQL) for some units, one statement per source for every unit.

    Each source's grouped aggregate becomes `(SELECT json_agg(t) FROM (<aggregate>) t)` with
    `unit_id = ANY(<ids>)` (or no unit filter when `unit_ids` is None): a literal array lets the planner use the (unit, date) indexes for a
    few units (an array computed by a subquery made it choose worse plans: 33 ms against 9 ms
    for one commune of the benchmark)."""
    from django.db import connection

    parts: list[str] = []
    params: list[list[int]] = []
    shared_sources: list[Source] = []
    for source in registry.sources():
        if source.additive:
            sql = source.grouped_sql(period)
            if unit_ids is None:  # every unit: no per-row test against a long id list
                sql = sql.replace(UNIT_PARAM, "IS NOT NULL")
            else:
                params.append(list(unit_ids))
            parts.append(f"(SELECT json_agg(t) FROM ({sql}) t)")
    for source in registry.sources():
        if not source.additive and (shared_sql := source.shared_sql(period)) is not None:
            parts.append(f"(SELECT json_agg(t) FROM ({shared_sql}) t)")
            shared_sources.append(source)
    columns: list = []
    with connection.cursor() as cur:
        if unit_ids is None:
            # Every unit: one statement per source. Joined into one, the total cost of the
            # fourteen aggregates over the whole tables crosses PostgreSQL's JIT threshold and
            # every small subquery is JIT-compiled (about 1.3 s of 3.4 s at 7M dossiers); apart,
            # only the big dossier aggregate reaches it. (docs/PERFORMANCE.md, "Indicators")
            for part in parts:
                cur.execute("SELECT " + part, params)  # (no parameters: [] as before)
                row = cur.fetchone()
                assert row is not None
                columns.append(row[0])
        else:
            # A few units (one commune, a district): one round trip, each part on an index.
            cur.execute("SELECT " + ", ".join(parts), params)
            row = cur.fetchone()
            assert row is not None  # SELECT without FROM: always one row
            columns = list(row)
    out: dict[int, dict[str, int]] = {}
    for rows in columns[: len(columns) - len(shared_sources)]:
        for row in rows or ():
            bucket = out.setdefault(row.pop("unit_id"), {})
            for alias, value in row.items():
                bucket[alias.replace("__", ".")] = int(value or 0)
    shared: dict[str, int] = {}
    for source, rows in zip(
        shared_sources, columns[len(columns) - len(shared_sources) :], strict=True
    ):
        shared.update(source.from_rows(rows or []))
    for source in registry.sources():
        if not source.additive and source not in shared_sources:
            shared.update(source.counts(unit_filter=Q(), period=period, group_by_unit=False)[None])
    return out, shared


def _use_sql() -> bool:
    from django.db import connection

    return connection.vendor == "postgresql"


def _shared_counts(period: Period) -> dict[str, int]:
    """IndicatorValues of non-additive sources (the global catalogue): the same for every unit."""
    out: dict[str, int] = {}
    for source in registry.sources():
        if not source.additive:
            out.update(source.counts(unit_filter=Q(), period=period, group_by_unit=False)[None])
    return out


def raw_counts(unit: Unit, period: Period) -> IndicatorValues:
    """The raw counts (sources only, no derived values) of a unit's whole subtree."""
    values: IndicatorValues = {c: 0 for s in registry.sources() if s.additive for c in s.codes}
    if _use_sql():
        per_unit, shared = _grouped_counts(period, unit_ids=subtree_ids(unit))
        for counts in per_unit.values():
            for code, value in counts.items():
                values[code] += value
        values.update(shared)
        return values
    uf = unit_filter_for(subtree_ids(unit))
    for source in registry.sources():
        if source.additive:
            values.update(source.counts(unit_filter=uf, period=period, group_by_unit=False)[None])
    values.update(_shared_counts(period))
    return values


def compute(unit: Unit, period: Period) -> IndicatorValues:
    """Every indicator of `unit` for `period`, in registry order. For a unit with descendants,
    counts are summed over the whole subtree (one aggregate per source) and rates recomputed."""
    return _order(derive(raw_counts(unit, period)))


def compute_many(units: Iterable[Unit], period: Period) -> dict[int, IndicatorValues]:
    """Every indicator for each of `units` (e.g. all communes and their parents).

    One grouped query per source over the union of the subtrees (GROUP BY unit), then each
    requested unit gets the sum of the raw counts of its subtree — a loop over units, never
    over records — and its rates recomputed from those sums."""
    units = list(units)
    if not units:
        return {}
    # The tops of the requested subtrees (a commune under a requested district adds nothing).
    paths = sorted({u.path for u in units})
    tops: list[str] = []
    for p in paths:
        if not any(p.startswith(t) for t in tops):
            tops.append(p)
    cond = Q()
    for p in tops:
        cond |= Q(path__startswith=p)
    unit_paths = dict(Unit.objects.filter(cond).values_list("pk", "path"))
    uf = unit_filter_for(list(unit_paths))

    wanted = {u.path: u.pk for u in units}
    additive_codes = [c for s in registry.sources() if s.additive for c in s.codes]
    totals: dict[int, IndicatorValues] = {u.pk: dict.fromkeys(additive_codes, 0) for u in units}
    # For each unit that has records, the requested units whose subtree contains it.
    targets_of: dict[int, list[int]] = {}
    for pk, path in unit_paths.items():
        ids = path.strip("/").split("/")
        targets_of[pk] = [
            t
            for i in range(1, len(ids) + 1)
            if (t := wanted.get("/" + "/".join(ids[:i]) + "/")) is not None
        ]
    per_unit: dict[int, dict[str, int]]
    if _use_sql():
        # When the subtrees hold most units, reading every row and dropping the few of other
        # units after grouping is cheaper than testing each row against a long list of ids.
        most = len(unit_paths) * 2 >= Unit.objects.count()
        per_unit, shared = _grouped_counts(period, unit_ids=None if most else list(unit_paths))
    else:
        shared = _shared_counts(period)
        per_unit = {}
        for source in registry.sources():
            if source.additive:
                grouped = source.counts(unit_filter=uf, period=period, group_by_unit=True)
                for unit_id, counts in grouped.items():
                    # grouped by unit: every key is a unit id
                    per_unit.setdefault(cast(int, unit_id), {}).update(counts)
    for unit_id, counts in per_unit.items():
        for target in targets_of.get(unit_id, ()):
            bucket = totals[target]
            for code, value in counts.items():
                bucket[code] += value
    out: dict[int, IndicatorValues] = {}
    for pk, vals in totals.items():
        vals.update(shared)
        out[pk] = _order(derive(vals))
    return out


def to_json(values: IndicatorValues) -> dict[str, int | str | None]:
    """SPEC §9 JSON: counts and VND as integers, rates as strings like "99.05" or null."""
    out: dict[str, int | str | None] = {}
    for code, value in values.items():
        ind = registry.get(code) if code in registry else None
        if value is None:
            out[code] = None
        elif (ind is not None and ind.kind == Kind.PERCENT) or isinstance(value, Decimal):
            out[code] = f"{Decimal(value):.2f}"
        else:
            out[code] = int(value)
    return out


def from_json(data: dict[str, Any] | None) -> IndicatorValues:
    """The inverse of to_json (snapshots → values): rates back to Decimal."""
    out: IndicatorValues = {}
    for code, value in (data or {}).items():
        if isinstance(value, str):
            out[code] = Decimal(value)
        else:
            out[code] = value
    return out
