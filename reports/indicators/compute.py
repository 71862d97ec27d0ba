"""Computing indicator values for a unit (or a subtree) and a period.

Raw counts come from one aggregate query per source; a parent's counts are the sums of its
descendants' counts; derived counts and every rate are then computed from those sums (a rate is
never averaged)."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import Q

from orgs.models import Period, Unit

from .base import Kind, pct
from .registry import registry


def derive(values: dict) -> dict:
    """Derived counts in dependency order, then every rate from its numerator/denominator."""
    pending = [i for i in registry.all() if i.derive is not None]
    for _ in range(len(pending) + 1):
        if not pending:
            break
        rest = []
        for ind in pending:
            if all(d in values for d in ind.depends):
                values[ind.code] = ind.derive(values)
            else:
                rest.append(ind)
        pending = rest
    for ind in registry.all():
        if ind.is_rate:
            values[ind.code] = pct(values.get(ind.numerator), values.get(ind.denominator))
    return values


def _order(values: dict) -> dict:
    return {code: values.get(code) for code in registry.codes()}


def unit_filter_for(ids: list[int]) -> Q:
    """Records of these units: `unit_id = x` for one (the (unit, date) indexes apply)."""
    if len(ids) == 1:
        return Q(unit_id=ids[0])
    return Q(unit_id__in=ids)


def subtree_ids(unit: Unit) -> list[int]:
    if unit.level == "commune" and not unit.path:
        return [unit.pk]
    return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))


def raw_counts(unit: Unit, period: Period) -> dict:
    """The raw counts (sources only, no derived values) of a unit's whole subtree."""
    uf = unit_filter_for(subtree_ids(unit))
    values: dict = {}
    for source in registry.sources():
        counts = source.counts(unit_filter=uf, period=period, group_by_unit=False)
        values.update(counts.get(None, {}))
    return values


def compute(unit: Unit, period: Period) -> dict:
    """Every indicator of `unit` for `period`, in registry order. For a unit with descendants,
    counts are summed over the whole subtree (one aggregate per source) and rates recomputed."""
    return _order(derive(raw_counts(unit, period)))


def compute_many(units: list[Unit], period: Period) -> dict[int, dict]:
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
    totals: dict[int, dict] = {u.pk: dict.fromkeys(additive_codes, 0) for u in units}
    # For each unit that has records, the requested units whose subtree contains it.
    targets_of: dict[int, list[int]] = {}
    for pk, path in unit_paths.items():
        ids = path.strip("/").split("/")
        targets_of[pk] = [
            t
            for i in range(1, len(ids) + 1)
            if (t := wanted.get("/" + "/".join(ids[:i]) + "/")) is not None
        ]
    shared: dict = {}
    for source in registry.sources():
        if not source.additive:
            shared.update(source.counts(unit_filter=Q(), period=period, group_by_unit=False)[None])
            continue
        for unit_id, counts in source.counts(
            unit_filter=uf, period=period, group_by_unit=True
        ).items():
            for target in targets_of.get(unit_id, ()):
                bucket = totals[target]
                for code, value in counts.items():
                    bucket[code] += value
    out = {}
    for pk, vals in totals.items():
        vals.update(shared)
        out[pk] = _order(derive(vals))
    return out


def to_json(values: dict) -> dict:
    """SPEC §9 JSON: counts and VND as integers, rates as strings like "99.05" or null."""
    out = {}
    for code, value in values.items():
        ind = registry.get(code) if code in registry else None
        if value is None:
            out[code] = None
        elif (ind is not None and ind.kind == Kind.PERCENT) or isinstance(value, Decimal):
            out[code] = f"{Decimal(value):.2f}"
        else:
            out[code] = int(value)
    return out


def from_json(data: dict) -> dict:
    """The inverse of to_json (snapshots → values): rates back to Decimal."""
    out = {}
    for code, value in (data or {}).items():
        if isinstance(value, str):
            out[code] = Decimal(value)
        else:
            out[code] = value
    return out
