"""Reads of section records: the period's list (search, filters, sort) and its inline totals."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet
from django.http import QueryDict

from orgs.models import Period, Unit

from .filters import filter_choices, section_filterset
from .spec import Section
from .tables import ordered

__all__ = ["ListParams", "filter_choices", "list_params", "period_records", "records_list"]


@dataclass(frozen=True)
class ListParams:
    q: str
    sort: str  # "" or a whitelisted field, "-" prefixed for descending
    filters: dict[str, str]


def list_params(section: Section, get: QueryDict) -> ListParams:
    """Parse ?q=&sort=&<filter>= keeping only whitelisted values (anything else is ignored):
    the search and filters through the section's FilterSet form."""
    form = section_filterset(section)(get, queryset=section.model._default_manager.none()).form
    form.is_valid()
    data = form.cleaned_data
    q = (data.get("q") or "").strip()[:200]
    sort = (get.get("sort") or "").strip()
    if sort.lstrip("-") not in section.sortable:
        sort = ""
    filters = {f.name: data[f.name] for f in section.filters if data.get(f.name)}
    return ListParams(q=q, sort=sort, filters=filters)


def period_records(section: Section, *, unit: Unit, period: Period) -> QuerySet:
    """Every record of the section for (unit, period), before search and filters."""
    return section.scope.listed(section.base_queryset(), unit=unit, period=period)


def records_list(section: Section, *, unit: Unit, period: Period, params: ListParams) -> QuerySet:
    """The period's records searched, filtered (django-filter) and sorted as the list shows."""
    data = {"q": params.q, **params.filters}
    qs = section_filterset(section)(
        data, queryset=period_records(section, unit=unit, period=period)
    ).qs
    return ordered(section, qs, params.sort)


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
