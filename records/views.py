"""Generic views of a record section: list, totals, create, edit, delete, history, export.

Thin: parse the request, call a selector or `record_save` / `record_delete`, render. Every view
starts from `unit_period_view` (404 outside scope) and looks records up through the section's
scope (another unit's id → 404)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from orgs.decorators import ViewFunc, unit_period_view
from orgs.http import UnitPeriodRequest
from reports.locks import log_lock_refused, period_is_locked

from .exports import export_response
from .filters import filter_choices
from .forms import RecordForm, format_amount, parse_amount
from .history import import_origin_entry, record_history
from .selectors import list_params, records_list, section_totals
from .services import ConcurrentEditError, ensure_can_write, record_delete, record_save
from .spec import Section
from .tables import RecordTable, cell_value, section_table_page

# --- helpers ----------------------------------------------------------------------------------


def _urls(section: Section, request: UnitPeriodRequest) -> dict[str, str]:
    args = [request.unit.code, request.period.code]
    return {
        action: reverse(section.url_name(action), args=args)
        for action in ("list", "create", "totals", "deleted")
    }


def _record_url(section: Section, request: UnitPeriodRequest, action: str, pk: int) -> str:
    return reverse(section.url_name(action), args=[request.unit.code, request.period.code, pk])


def _state(section: Section, request: UnitPeriodRequest) -> dict[str, bool]:
    """Whether this user may write here, and why not."""
    locked = not section.scope.global_catalogue and period_is_locked(
        unit=request.unit, period=request.period
    )
    try:
        ensure_can_write(section=section, user=request.user, roles=request.roles)
        may_write = True
    except PermissionDenied:
        may_write = False
    return {"locked": locked, "can_write": may_write and not locked, "may_write": may_write}


def _context(section: Section, request: UnitPeriodRequest, **extra: Any) -> dict[str, Any]:
    ctx = {
        "unit": request.unit,
        "period": request.period,
        "section": section,
        "urls": _urls(section, request),
    }
    ctx.update(_state(section, request))
    ctx.update(extra)
    return ctx


def _rows(section: Section, request: UnitPeriodRequest, table: RecordTable) -> list[dict]:
    """The rows of the table's current page: the record, its cells' texts, its links."""
    rows = []
    for row in table.page.object_list:
        obj = row.record
        cells = [{"text": row.get_cell(col.name), "column": col} for col in section.columns]
        rows.append(
            {
                "obj": obj,
                "cells": cells,
                "edit_url": _record_url(section, request, "edit", obj.pk),
                "history_url": _record_url(section, request, "history", obj.pk),
                "delete_url": _record_url(section, request, "delete", obj.pk),
            }
        )
    return rows


def _headers(section: Section, request: UnitPeriodRequest, table: RecordTable) -> list[dict]:
    """Column headers; a sortable one links to its next order (asc → desc → asc)."""
    headers = []
    for col in section.columns:
        bound = table.columns[col.name]
        label = col.label or section.field_label(col.name)
        h = {"label": label, "column": col, "url": None, "dir": ""}
        if bound.orderable:
            q = request.GET.copy()
            q.pop("page", None)
            q["sort"] = bound.order_by_alias.next
            if bound.is_ordered:
                h["dir"] = "desc" if bound.order_by_alias.is_descending else "asc"
            h["url"] = "?" + q.urlencode()
        headers.append(h)
    return headers


def _owned(section: Section, request: UnitPeriodRequest, pk: int) -> Model:
    qs = section.scope.owned(section.base_queryset(), unit=request.unit, period=request.period)
    obj = qs.filter(pk=pk).first()
    if obj is None:
        raise Http404
    return obj


def _form(
    section: Section,
    request: UnitPeriodRequest,
    *,
    instance: Model | None = None,
    data: QueryDict | None = None,
) -> RecordForm:
    return section.form(data=data, instance=instance, unit=request.unit, period=request.period)


def _current_values(section: Section, obj: Model | None) -> list[tuple[str, str]]:
    if obj is None:
        return []
    out = []
    for name in section.form._meta.fields or ():
        f = section.model_field(name)
        text, _raw = cell_value(obj, name)
        out.append((str(f.verbose_name), text))
    return out


# --- views ------------------------------------------------------------------------------------


def make_views(section: Section) -> dict[str, ViewFunc]:
    """The view functions of one section (closures over the section spec)."""

    @require_GET
    @unit_period_view
    def list_view(request: UnitPeriodRequest) -> HttpResponse:
        params = list_params(section, request.GET)
        qs = records_list(section, unit=request.unit, period=request.period, params=params)
        table = section_table_page(section, qs, sort=params.sort, page=request.GET.get("page"))
        keep = request.GET.copy()
        keep.pop("page", None)
        ctx = _context(
            section,
            request,
            page_obj=table.page,
            rows=_rows(section, request, table),
            headers=_headers(section, request, table),
            params=params,
            filters=[
                {
                    "f": f,
                    "label": f.label or section.field_label(f.name),
                    "choices": filter_choices(section, f),
                    "value": params.filters.get(f.name),
                }
                for f in section.filters
            ],
            totals=section_totals(section, unit=request.unit, period=request.period),
            keep_query=keep.urlencode(),
            export_query=keep.urlencode(),
        )
        if request.htmx and request.htmx.target == "records-table":
            return render(request, "records/list.html#table", ctx)
        return render(request, "records/list.html", ctx)

    @require_GET
    @unit_period_view
    def totals_view(request: UnitPeriodRequest) -> HttpResponse:
        ctx = _context(
            section,
            request,
            totals=section_totals(section, unit=request.unit, period=request.period),
        )
        return render(request, "records/_totals.html", ctx)

    def _save(
        request: UnitPeriodRequest, *, instance: Model, obj_for_page: Model | None
    ) -> HttpResponse:
        """POST handling shared by create and edit."""
        state = _state(section, request)
        if not state["may_write"]:
            raise PermissionDenied
        form = _form(section, request, instance=instance, data=request.POST)
        conflict = None
        current_values: list = []
        status = 200
        if state["locked"]:
            form.is_valid()
            form.add_error(
                None,
                _(
                    "Báo cáo kỳ %(period)s đã gửi: dữ liệu của kỳ này chỉ được xem, "
                    "không được thêm, sửa hay xóa."
                )
                % {"period": request.period.code},
            )
            log_lock_refused(
                unit=request.unit, periods=[request.period], channel="form", by=request.user
            )
            status = 403
        elif form.is_valid():
            errors = section.scope.validate(form.instance, period=request.period)
            for name, message in errors.items():
                form.add_error(name if name in form.fields else None, message)
        if status == 200 and not form.errors:
            try:
                saved = record_save(
                    section=section,
                    instance=form.instance,
                    by=request.user,
                    unit=request.unit,
                    period=request.period,
                    expected_version=form.expected_version if instance.pk else None,
                )
            except ConcurrentEditError as exc:
                conflict = exc
                status = 409
                current_values = _current_values(section, exc.current)
                form.add_error(None, exc.message)
                if exc.current is not None:
                    # The next save is a conscious overwrite of what the user has now seen.
                    data = request.POST.copy()
                    data["version"] = str(exc.current.version)
                    form = _form(section, request, instance=exc.current, data=data)
                    form.is_valid()
                    form.add_error(None, exc.message)
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error(None, message)
            else:
                label = _("Đã lưu «%(obj)s».") % {"obj": saved}
                add_another = "save_add" in request.POST
                if add_another:
                    fresh = _form(section, request, instance=section.model())
                    ctx = _context(
                        section,
                        request,
                        form=fresh,
                        obj=None,
                        saved_message=label,
                        totals=section_totals(section, unit=request.unit, period=request.period),
                    )
                    response = render(request, "records/form.html", ctx)
                    response["HX-Trigger"] = "recordsChanged"
                    return response
                messages.success(request, label)
                target = _urls(section, request)["list"]
                if request.htmx:
                    response = HttpResponse(status=204)
                    response["HX-Redirect"] = target
                    return response
                return redirect(target)
        ctx = _context(
            section,
            request,
            form=form,
            obj=obj_for_page,
            conflict=conflict,
            current_values=current_values,
            totals=section_totals(section, unit=request.unit, period=request.period),
        )
        if request.htmx:
            # htmx swaps only 2xx answers; the refusal is in the content.
            status = 200
        return render(request, "records/form.html", ctx, status=status)

    @require_http_methods(["GET", "POST"])
    @unit_period_view
    def create_view(request: UnitPeriodRequest) -> HttpResponse:
        state = _state(section, request)
        if not state["may_write"]:
            raise PermissionDenied
        if request.method == "POST":
            return _save(request, instance=section.model(), obj_for_page=None)
        ctx = _context(
            section,
            request,
            form=_form(section, request, instance=section.model()),
            obj=None,
            totals=section_totals(section, unit=request.unit, period=request.period),
        )
        return render(request, "records/form.html", ctx)

    @require_http_methods(["GET", "POST"])
    @unit_period_view
    def edit_view(request: UnitPeriodRequest, pk: int) -> HttpResponse:
        obj = _owned(section, request, pk)
        if request.method == "POST":
            return _save(request, instance=obj, obj_for_page=obj)
        form = _form(section, request, instance=obj)
        state = _state(section, request)
        if not state["can_write"]:
            for f in form.fields.values():
                f.disabled = True
        ctx = _context(
            section,
            request,
            form=form,
            obj=obj,
            totals=section_totals(section, unit=request.unit, period=request.period),
        )
        return render(request, "records/form.html", ctx)

    @require_http_methods(["GET", "POST"])
    @unit_period_view
    def delete_view(request: UnitPeriodRequest, pk: int) -> HttpResponse:
        # The lookup in scope first: another unit's record is 404 for everyone (SPEC §1),
        # only then may the role refuse (403).
        obj = _owned(section, request, pk)
        state = _state(section, request)
        if not state["may_write"]:
            raise PermissionDenied
        error = None
        status = 200
        if request.method == "POST":
            try:
                version = int(request.POST.get("version", ""))
            except ValueError:
                version = None
            try:
                record_delete(
                    section=section,
                    pk=obj.pk,
                    by=request.user,
                    unit=request.unit,
                    period=request.period,
                    expected_version=version,
                )
            except ConcurrentEditError as exc:
                error, status = exc.message, 409
                obj = exc.current or obj
            except ValidationError as exc:
                error, status = " ".join(exc.messages), 403 if state["locked"] else 400
            else:
                messages.success(request, _("Đã xóa «%(obj)s».") % {"obj": obj})
                return redirect(_urls(section, request)["list"])
        ctx = _context(
            section,
            request,
            obj=obj,
            error=error,
            current_values=_current_values(section, obj),
            history_url=_record_url(section, request, "history", obj.pk),
        )
        return render(request, "records/confirm_delete.html", ctx, status=status)

    @require_GET
    @unit_period_view
    def history_view(request: UnitPeriodRequest, pk: int) -> HttpResponse:
        flt = section.scope.history_filter(unit=request.unit, period=request.period)
        records = list(
            section.history.filter(id=pk, **flt)
            .select_related("history_user")
            .order_by("-history_date", "-history_id")
        )
        obj = (
            section.scope.owned(
                section.model._default_manager.all(), unit=request.unit, period=request.period
            )
            .filter(pk=pk)
            .first()
        )
        if not records and obj is None:
            raise Http404
        batch = getattr(obj, "import_batch", None) if obj is not None else None
        entries = record_history(section, records)
        if not records and obj is not None:
            origin = import_origin_entry(obj)
            entries = [origin] if origin is not None else []
        ctx = _context(
            section,
            request,
            obj=obj,
            title=str(obj) if obj else str(records[0].instance),
            entries=entries,
            import_batch=batch,
            edit_url=_record_url(section, request, "edit", pk) if obj else None,
        )
        return render(request, "records/history.html", ctx)

    @require_GET
    @unit_period_view
    def deleted_view(request: UnitPeriodRequest) -> HttpResponse:
        flt = section.scope.history_filter(unit=request.unit, period=request.period)
        rows = (
            section.history.filter(history_type="-", **flt)
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        items = [
            {
                "label": str(r.instance),
                "at": r.history_date,
                "who": r.history_user.get_username() if r.history_user else "",
                "url": _record_url(section, request, "history", r.id),
            }
            for r in rows
        ]
        return render(request, "records/deleted.html", _context(section, request, items=items))

    @require_GET
    @unit_period_view
    def export_view(request: UnitPeriodRequest, fmt: str) -> HttpResponse:
        if fmt not in ("xlsx", "csv"):
            raise Http404
        params = list_params(section, request.GET)
        qs = records_list(section, unit=request.unit, period=request.period, params=params)
        name = f"{section.key}-{request.unit.code}-{request.period.code}"
        return export_response(section, qs, fmt=fmt, filename=name)

    return {
        "list": list_view,
        "totals": totals_view,
        "create": create_view,
        "edit": edit_view,
        "delete": delete_view,
        "history": history_view,
        "deleted": deleted_view,
        "export": export_view,
    }


@require_GET
@unit_period_view
def amount_echo(request: UnitPeriodRequest) -> HttpResponse:
    """htmx: the parsed value of a money/count input, formatted back (1.500 → 1.500 = 1500)."""
    raw = request.GET.get(request.GET.get("f", ""), "")
    if not raw.strip():
        return HttpResponse("")
    try:
        value = parse_amount(raw)
    except ValueError as exc:
        return HttpResponse(f'<span class="echo bad">{_escape(str(exc))}</span>')
    return HttpResponse(
        f'<span class="echo">= {format_amount(value)} {_escape(request.GET.get("u", ""))}</span>'
    )


def _escape(text: str) -> str:
    from django.utils.html import escape

    return escape(text)
