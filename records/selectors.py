"""Reads of section records: the period's list (search, filters, sort) and its inline totals."""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.db.models import Q, QuerySet

from orgs.models import Period, Unit

from .spec import Section


@dataclass(frozen=True)
class ListParams:
    q: str
    sort: str  # "" or a whitelisted field, "-" prefixed for descending
    filters: dict[str, str]


def list_params(section: Section, get) -> ListParams:
    """Parse ?q=&sort=&<filter>= keeping only whitelisted values (anything else is ignored)."""
    q = (get.get("q") or "").strip()[:200]
    sort = (get.get("sort") or "").strip()
    if sort.lstrip("-") not in section.sortable:
        sort = ""
    filters = {}
    for f in section.filters:
        value = (get.get(f.name) or "").strip()
        if value and value in {str(k) for k, _label in filter_choices(section, f)}:
            filters[f.name] = value
    return ListParams(q=q, sort=sort, filters=filters)


def filter_choices(section: Section, f) -> list[tuple[str, str]]:
    if f.choices is not None:
        return [(str(k), str(v)) for k, v in f.choices]
    return [(str(k), str(v)) for k, v in section.model._meta.get_field(f.name).flatchoices]


def period_records(section: Section, *, unit: Unit, period: Period) -> QuerySet:
    """Every record of the section for (unit, period), before search and filters."""
    return section.scope.listed(section.base_queryset(), unit=unit, period=period)


def records_list(section: Section, *, unit: Unit, period: Period, params: ListParams) -> QuerySet:
    qs = period_records(section, unit=unit, period=period)
    if params.q and section.search:
        qs = qs.filter(
            reduce(or_, (Q(**{f"{name}__icontains": params.q}) for name in section.search))
        )
    if params.filters:
        qs = qs.filter(**params.filters)
    order = [params.sort] if params.sort else []
    # A unique tie-breaker keeps pages stable.
    return qs.order_by(*order, *section.ordering, "pk")


@dataclass(frozen=True)
class TotalValue:
    label: str
    value: object
    kind: str
    indicator: str


def section_totals(
    section: Section, *, unit: Unit, period: Period
) -> list[tuple[str, list[TotalValue]]]:
    """The inline totals of the section: each the registry's value of its indicator for
    (unit, period), computed once for all of them. An unknown code is a programming error."""
    if not section.totals:
        return []
    from reports.indicators import compute, registry

    official = compute(unit, period)
    out = []
    for group in section.totals:
        items = []
        for t in group.items:
            if t.indicator not in registry:
                raise KeyError(f"{section.key}: no indicator {t.indicator!r} in the registry")
            items.append(TotalValue(str(t.label), official.get(t.indicator), t.kind, t.indicator))
        out.append((str(group.title), items))
    return out
