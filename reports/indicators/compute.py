"""Computing indicator values for a unit (or a subtree) and a period."""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal

from django.db.models import Q

from orgs.models import Period, Unit

from .base import Kind, pct
from .registry import registry


def _derive(values: dict) -> dict:
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
    return {ind.code: values.get(ind.code) for ind in registry.all()}


def compute(unit: Unit, period: Period) -> dict:
    """Every indicator of `unit` for `period`. For a unit with descendants, counts are summed
    over the whole subtree (one aggregate per source, no GROUP BY) and rates recomputed."""
    unit_filter = Q(unit__path__startswith=unit.path)
    values: dict = {}
    for source in registry.sources():
        counts = source.counts(unit_filter=unit_filter, period=period, group_by_unit=False)
        values.update(counts.get(None, {}))
    return _order(_derive(values))


def compute_many(units: list[Unit], period: Period) -> dict[int, dict]:
    """Every indicator for each of `units` (e.g. all communes and their parents).

    One grouped query per source over the union of the subtrees (GROUP BY unit), then each
    requested unit gets the sum of the raw counts of its subtree — a loop over units, never
    over records — and its rates recomputed from those sums."""
    if not units:
        return {}
    cond = Q()
    for u in units:
        cond |= Q(unit__path__startswith=u.path)
    per_unit: dict[int, dict] = defaultdict(dict)
    for source in registry.sources():
        for unit_id, counts in source.counts(
            unit_filter=cond, period=period, group_by_unit=True
        ).items():
            per_unit[unit_id].update(counts)
    paths = dict(Unit.objects.filter(pk__in=per_unit.keys()).values_list("pk", "path"))
    count_codes = {c for src in registry.sources() for c in src.codes}
    wanted = {u.path: u.pk for u in units}
    totals: dict[int, dict] = {u.pk: dict.fromkeys(count_codes, 0) for u in units}
    for unit_id, counts in per_unit.items():
        path = paths.get(unit_id, "")
        # Add the unit's counts to every requested unit on its path (itself and ancestors).
        ids = path.strip("/").split("/")
        for i in range(1, len(ids) + 1):
            target = wanted.get("/" + "/".join(ids[:i]) + "/")
            if target is not None:
                bucket = totals[target]
                for code, value in counts.items():
                    bucket[code] += value
    return {pk: _order(_derive(vals)) for pk, vals in totals.items()}


def to_json(values: dict) -> dict:
    """SPEC §9 JSON: counts and VND as integers, rates as strings like "99.05" or null."""
    out = {}
    for code, value in values.items():
        ind = registry.get(code)
        if value is None:
            out[code] = None
        elif ind.kind == Kind.PERCENT or isinstance(value, Decimal):
            out[code] = f"{Decimal(value):.2f}"
        else:
            out[code] = int(value)
    return out
