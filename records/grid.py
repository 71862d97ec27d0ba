"""Spreadsheet-like entry of a section (DHIS2's data-entry screen, for small tables).

    GET  <section>/grid/       one row per record (or per key of `Grid.keys`), one input per cell
    POST <section>/grid/save/  one cell: the row's record is validated by the section's form with
                               the cell's new value and saved by `record_save` (locks, optimistic
                               version, history) — the same rules as the one-record form.

Keyboard movement (Tab, Enter, arrows) and the per-cell save are static/js/grid.js.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import HttpResponse, JsonResponse, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from orgs.decorators import ViewFunc, unit_period_view
from orgs.http import UnitPeriodRequest
from reports.locks import log_lock_refused

from .forms import RecordForm
from .services import ConcurrentEditError, record_save
from .spec import Grid, Section
from .views import _context, _form, _owned, _state


def _grid(section: Section) -> Grid:
    assert section.grid is not None
    return section.grid


def _quiet(form: RecordForm) -> RecordForm:
    """No live echo requests from the cells of a grid (one per amount cell on load)."""
    for f in form.fields.values():
        for attr in [a for a in f.widget.attrs if a.startswith("hx-")]:
            del f.widget.attrs[attr]
    return form


def _data_of(form: RecordForm) -> dict[str, Any]:
    """The form data that re-submits an instance as it is stored (the unchanged cells)."""
    data: dict[str, Any] = {}
    for name, field in form.fields.items():
        if name == "version":
            continue
        value = form[name].value()
        widget = field.widget
        if getattr(widget, "input_type", "") == "checkbox":
            if value:
                data[name] = "on"
            continue
        formatted = widget.format_value(value)
        if isinstance(formatted, list):  # a select answers the list of its chosen values
            formatted = formatted[0] if formatted else ""
        data[name] = "" if formatted is None else formatted
    return data


def _row(
    section: Section,
    request: UnitPeriodRequest,
    index: int,
    obj: Model | None,
    key: str = "",
    label: str = "",
) -> dict[str, Any]:
    grid = _grid(section)
    instance = obj if obj is not None else section.model()
    if obj is None and grid.key and key:
        setattr(instance, grid.key, key)
    form = _quiet(_form(section, request, instance=instance))
    form.prefix = f"r{index}"
    cells = []
    for name in grid.fields:
        bound = form[name]
        cells.append(
            {
                "name": name,
                "label": bound.label,
                "html": bound.as_widget(
                    attrs={
                        "data-field": name,
                        "aria-label": f"{label or _('Dòng mới')} — {bound.label}",
                        "aria-describedby": f"r{index}-{name}-error",
                    }
                ),
                "error_id": f"r{index}-{name}-error",
            }
        )
    return {
        "index": index,
        "pk": getattr(obj, "pk", None) or "",
        "version": getattr(obj, "version", "") if obj is not None else "",
        "key": key,
        "label": label,
        "cells": cells,
        "history_url": reverse(
            section.url_name("history"), args=[request.unit.code, request.period.code, obj.pk]
        )
        if obj is not None
        else "",
    }


def make_grid_views(section: Section) -> dict[str, ViewFunc]:
    grid = _grid(section)

    @require_GET
    @unit_period_view
    def grid_view(request: UnitPeriodRequest) -> HttpResponse:
        state = _state(section, request)
        records = list(
            section.scope.owned(
                section.base_queryset(), unit=request.unit, period=request.period
            ).order_by(*section.ordering)
        )
        rows = []
        if grid.key and grid.keys is not None:
            by_key = {str(getattr(r, grid.key)): r for r in records}
            for i, (key, label) in enumerate(grid.keys()):
                rows.append(_row(section, request, i, by_key.get(key), key, str(label)))
        else:
            for i, obj in enumerate(records):
                rows.append(_row(section, request, i, obj, label=str(obj)))
            if grid.new_rows and state["can_write"]:
                rows.append(_row(section, request, len(rows), None))
        headers = [str(section.model_field(name).verbose_name) for name in grid.fields]
        ctx = _context(
            section,
            request,
            rows=rows,
            headers=headers,
            keyed=bool(grid.key and grid.keys),
            save_url=reverse(
                section.url_name("grid_save"), args=[request.unit.code, request.period.code]
            ),
        )
        return render(request, "records/grid.html", ctx)

    @require_POST
    @unit_period_view
    def grid_save(request: UnitPeriodRequest) -> HttpResponse:
        state = _state(section, request)
        if not state["may_write"]:
            raise PermissionDenied
        post = request.POST
        changed = post.get("changed", "")
        if changed not in grid.fields:
            return JsonResponse({"ok": False, "message": _("Ô không hợp lệ.")}, status=400)
        if state["locked"]:
            log_lock_refused(
                unit=request.unit, periods=[request.period], channel="form", by=request.user
            )
            return JsonResponse(
                {
                    "ok": False,
                    "message": _(
                        "Báo cáo kỳ %(period)s đã gửi: dữ liệu của kỳ này chỉ được xem, "
                        "không được thêm, sửa hay xóa."
                    )
                    % {"period": request.period.code},
                },
                status=403,
            )
        pk_text = post.get("pk", "")
        version: int | None = None
        if pk_text:
            try:
                pk = int(pk_text)
                version = int(post.get("version", ""))
            except ValueError:
                return JsonResponse({"ok": False, "message": _("Dòng không hợp lệ.")}, status=400)
            instance = _owned(section, request, pk)
            data = _data_of(_form(section, request, instance=instance))
        else:
            instance = section.model()
            data = {}
            if grid.key:
                allowed = {k for k, _label in (grid.keys() if grid.keys else [])}
                key = post.get("key", "")
                if grid.keys is not None and key not in allowed:
                    return JsonResponse(
                        {"ok": False, "message": _("Dòng không hợp lệ.")}, status=400
                    )
                data[grid.key] = key
        # The page sends every cell of the row; an unticked checkbox sends nothing.
        for name in grid.fields:
            if f"f_{name}" in post:
                data[name] = post[f"f_{name}"]
            else:
                data.pop(name, None)
        qd = QueryDict(mutable=True)
        for name, value in data.items():
            qd[name] = value
        if version is not None:
            qd["version"] = str(version)
        form = _form(section, request, instance=instance, data=qd)
        errors: dict[str, list[str]] = {}
        message = ""
        if form.is_valid():
            for name, text in section.scope.validate(form.instance, period=request.period).items():
                form.add_error(name if name in form.fields else None, text)
        if form.errors:
            errors = {k: [str(m) for m in v] for k, v in form.errors.items()}
            message = " ".join(errors.pop("__all__", []))
            others = [k for k in errors if k not in grid.fields]
            for k in others:
                message = " ".join(
                    [message, f"{form.fields[k].label}: {' '.join(errors.pop(k))}"]
                ).strip()
            return JsonResponse({"ok": False, "errors": errors, "message": message}, status=400)
        try:
            saved = record_save(
                section=section,
                instance=form.instance,
                by=request.user,
                unit=request.unit,
                period=request.period,
                expected_version=version,
            )
        except ConcurrentEditError as exc:
            current = exc.current
            return JsonResponse(
                {
                    "ok": False,
                    "message": exc.message,
                    "version": getattr(current, "version", None),
                },
                status=409,
            )
        except ValidationError as exc:
            return JsonResponse({"ok": False, "message": " ".join(exc.messages)}, status=400)
        shown = _data_of(_form(section, request, instance=saved))
        return JsonResponse(
            {
                "ok": True,
                "pk": saved.pk,
                "version": saved.version,
                "values": {name: shown.get(name, "") for name in grid.fields},
                "message": _("Đã lưu"),
                "history_url": reverse(
                    section.url_name("history"),
                    args=[request.unit.code, request.period.code, saved.pk],
                ),
            }
        )

    return {"grid": grid_view, "grid_save": grid_save}
