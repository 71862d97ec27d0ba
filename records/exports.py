"""XLSX and CSV exports of a section's list with django-import-export.

The resource is declared from the section (Vietnamese headers, choice labels, dd/mm/yyyy dates)
and exports a `values()` queryset read with `.iterator()`, so no model instance is built even for
a list of 100 000 dossiers."""

from __future__ import annotations

from functools import cache

from django.db import models
from django.http import HttpResponse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from import_export import fields, resources, widgets

from .spec import Section


class ChoiceLabelWidget(widgets.Widget):
    def __init__(self, choices):
        super().__init__()
        self.labels = {k: v for k, v in choices}

    def render(self, value, obj=None, **kwargs):
        if value in (None, ""):
            return ""
        return str(self.labels.get(value, value))


class YesNoWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return _("Có") if value else _("Không")


class PlainWidget(widgets.Widget):
    def render(self, value, obj=None, **kwargs):
        return "" if value is None else value


def _model_field(model, name: str):
    f = None
    for part in name.split("__"):
        f = model._meta.get_field(part)
        if f.is_relation and f.related_model is not None:
            model = f.related_model
    return f


def _widget_for(f) -> widgets.Widget:
    if getattr(f, "choices", None):
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


def export_response(section: Section, queryset, *, fmt: str, filename: str) -> HttpResponse:
    resource = section_resource(section)()
    names = list(resource._meta.fields)
    dataset = resource.export(queryset.values(*names))
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
