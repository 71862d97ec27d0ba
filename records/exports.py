"""XLSX and CSV exports of a section's list with django-import-export.

The resource is declared from the section (Vietnamese headers, choice labels, dd/mm/yyyy dates)
and exports a `values()` queryset read with `.iterator()`, so no model instance is built even for
a list of 100 000 dossiers.

Every text cell of every CSV/XLSX export goes through `spreadsheet_safe` (formula injection,
OWASP "CSV Injection"): a text starting with = + - @ tab or CR is prefixed with a single quote,
so a spreadsheet shows it as text and never evaluates it; numbers stay numbers."""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import Any

import tablib
from django.db import models
from django.db.models import Field, ForeignObjectRel, Model, QuerySet
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .spec import Section

# What a spreadsheet may read as the start of a formula (or of a DDE command).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates: text starting with = + - @ tab or CR gets a
    leading single quote; anything else (numbers, dates, None, other text) is returned as is."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def safe_dataset(
    rows: Iterable[Iterable[Any]], *, headers: Iterable[Any] = (), title: str | None = None
) -> tablib.Dataset:
    """A tablib Dataset of `rows` with every cell (and header) through `spreadsheet_safe`: the
    one way an export builds what it writes to CSV or XLSX."""
    data = tablib.Dataset(title=title)
    heads = [spreadsheet_safe(h) for h in headers]
    if heads:
        data.headers = heads
    for row in rows:
        data.append([spreadsheet_safe(v) for v in row])
    return data


class ChoiceLabelWidget(widgets.Widget):
    def __init__(self, choices: Iterable[tuple[Any, Any]]) -> None:
        super().__init__()
        self.labels = {k: v for k, v in choices}

    def render(self, value: Any, obj: Model | None = None, **kwargs: Any) -> str:
        if value in (None, ""):
            return ""
        return str(self.labels.get(value, value))


class YesNoWidget(widgets.Widget):
    def render(self, value: Any, obj: Model | None = None, **kwargs: Any) -> str:
        if value is None:
            return ""
        return _("Có") if value else _("Không")


class PlainWidget(widgets.Widget):
    def render(self, value: Any, obj: Model | None = None, **kwargs: Any) -> Any:
        return "" if value is None else value


def _model_field(model: type[Model], name: str) -> Field | ForeignObjectRel | None:
    f = None
    for part in name.split("__"):
        f = model._meta.get_field(part)
        if f.is_relation and f.related_model is not None:
            model = f.related_model
    return f


def _widget_for(f: Field | ForeignObjectRel | None) -> widgets.Widget:
    if isinstance(f, Field) and f.choices:
        return ChoiceLabelWidget(f.flatchoices)
    if isinstance(f, models.BooleanField):
        return YesNoWidget()
    if isinstance(f, models.DateTimeField):
        return widgets.DateTimeWidget(format="%d/%m/%Y %H:%M")
    if isinstance(f, models.DateField):
        return widgets.DateWidget(format="%d/%m/%Y")
    if isinstance(f, models.IntegerField):
        return PlainWidget()  # numbers stay numbers in XLSX
    return widgets.Widget()


@cache
def section_resource(section: Section) -> type[resources.Resource]:
    """A Resource class for the section: one declared Field per export column."""
    names = section.export_fields or tuple(c.name for c in section.columns)
    labels = {c.name: c.label for c in section.columns if c.label}
    attrs = {}
    for name in names:
        f = _model_field(section.model, name)
        label = labels.get(name) or section.field_label(name)
        attrs[name] = fields.Field(attribute=name, column_name=str(label), widget=_widget_for(f))
    attrs["Meta"] = type("Meta", (), {"fields": names, "export_order": names, "chunk_size": 2000})
    return type(f"{section.model.__name__}ExportResource", (resources.Resource,), attrs)


def export_response(
    section: Section, queryset: QuerySet, *, fmt: str, filename: str
) -> HttpResponse:
    resource = section_resource(section)()
    names = list(resource._meta.fields)
    exported = resource.export(queryset.values(*names))
    dataset = safe_dataset(exported, headers=exported.headers)
    if fmt == "xlsx":
        content = dataset.export("xlsx")
        ctype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    else:
        # A BOM so that Excel opens the UTF-8 Vietnamese text correctly.
        content = "\ufeff" + dataset.export("csv")
        ctype = "text/csv; charset=utf-8"
    response = HttpResponse(content, content_type=ctype)
    safe = slugify(filename) or "export"
    response["Content-Disposition"] = f'attachment; filename="{safe}.{fmt}"'
    return response
