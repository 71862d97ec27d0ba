"""The list table of a section, with django-tables2: columns, sorting (`?sort=`, a column name,
`-` for descending; anything else ignored) and paging (`?page=`, 50 rows, out-of-range pages
show the nearest one).

The table is rendered by our own template (records/list.html), so the page looks as before;
cells are the texts the rest of the kit shows (choice labels, dd/mm/yyyy, 1.500.000)."""

from __future__ import annotations

from functools import cache
from typing import Any

import django_tables2 as tables
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db import models
from django.db.models import Field, ForeignObjectRel, QuerySet

from .history import display
from .spec import Column, Section

PAGE_SIZE = 50


def cell_value(obj: models.Model, name: str) -> tuple[str, object]:
    """(display text, raw) of a column value, following a__b lookups."""
    target: Any = obj
    field: Field | ForeignObjectRel | None = None
    model = type(obj)
    for part in name.split("__"):
        field = model._meta.get_field(part)
        target = getattr(target, part, None) if target is not None else None
        if field.is_relation and field.related_model is not None:
            model = field.related_model
    if isinstance(field, models.ForeignKey):
        return ("—" if target is None else str(target)), target
    return display(field, target), target


def ordered(section: Section, qs: QuerySet, sort: str) -> QuerySet:
    """The list order: the chosen column first, then the section's order, then the pk as a
    unique tie-breaker so that pages are stable."""
    first = [sort] if sort else []
    return qs.order_by(*first, *section.ordering, "pk")


class SpecColumn(tables.Column):
    """A column declared by a `records.spec.Column`: its text and its sort order."""

    def __init__(self, spec: Column, section: Section, **kwargs: Any) -> None:
        self.spec = spec
        self.section = section
        kwargs.setdefault("empty_values", ())
        super().__init__(
            accessor=tables.A("pk"),
            verbose_name=spec.label or section.field_label(spec.name),
            orderable=spec.sortable,
            **kwargs,
        )

    def render(self, record: models.Model) -> str:
        if self.spec.render is not None:
            return self.spec.render(record)
        return cell_value(record, self.spec.name)[0]

    def order(self, queryset: QuerySet, is_descending: bool) -> tuple[QuerySet, bool]:
        sort = ("-" if is_descending else "") + self.spec.name
        return ordered(self.section, queryset, sort), True


class NearestPagePaginator(Paginator):
    """A page number that is not a number shows page 1; one past the end shows the last."""

    def page(self, number: Any) -> Page:
        try:
            number = self.validate_number(number)
        except PageNotAnInteger:
            number = 1
        except EmptyPage:
            number = self.num_pages
        return super().page(number)


class RecordTable(tables.Table):
    class Meta:
        order_by_field = "sort"
        page_field = "page"
        per_page = PAGE_SIZE


@cache
def section_table(section: Section) -> type[RecordTable]:
    """A Table class for the section: one `SpecColumn` per declared column, in order."""
    attrs: dict[str, object] = {c.name: SpecColumn(c, section) for c in section.columns}
    attrs["Meta"] = type(
        "Meta", (RecordTable.Meta,), {"sequence": [c.name for c in section.columns]}
    )
    return type(f"{section.model.__name__}Table", (RecordTable,), attrs)


def section_table_page(section: Section, qs: QuerySet, *, sort: str, page: object) -> RecordTable:
    """The table of `qs` sorted by `sort` (already whitelisted) at page `page`."""
    table = section_table(section)(qs, order_by=sort or None)
    table.paginate(paginator_class=NearestPagePaginator, per_page=PAGE_SIZE, page=page or 1)
    return table
