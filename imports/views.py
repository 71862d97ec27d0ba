"""Spreadsheet imports in the browser: upload → preview (counts, every problem) → confirm."""

from __future__ import annotations

import csv
import io
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from common.files import stored_file_response
from orgs.decorators import unit_period_view
from orgs.http import UnitPeriodRequest
from orgs.policy import is_catalogue_admin
from reports.jobs import job_enqueue
from reports.models import Job

from .base import ImportRefused, ImportResult
from .models import ImportBatch
from .registry import ImportKind, import_kinds
from .services import (
    import_columns,
    import_headers,
    import_is_async,
    import_job_create,
    import_job_run,
    import_job_status,
)


def _kind(request: UnitPeriodRequest, kind: str) -> ImportKind:
    """The import kind, if this user may import it here: unit data needs a clerk or approver
    of the unit; the catalogue is global and needs an admin."""
    spec = import_kinds.get(kind)
    if spec is None:
        raise Http404
    allowed = is_catalogue_admin(request.user) if spec.admin_only else request.can_edit
    if not allowed:
        raise PermissionDenied
    return spec


def _ctx(request: UnitPeriodRequest, **extra: Any) -> dict:
    return {"unit": request.unit, "period": request.period, **extra}


def _pending(request: UnitPeriodRequest, kind: str, job_id: int) -> Job:
    """A pending upload of this unit and period (never a path from the form)."""
    return get_object_or_404(
        Job,
        pk=job_id,
        unit=request.unit,
        period=request.period,
        params__import_kind=kind,
    )


@unit_period_view
def import_index(request: UnitPeriodRequest) -> HttpResponse:
    kinds = [
        k
        for k in import_kinds.all()
        if (is_catalogue_admin(request.user) if k.admin_only else request.can_edit)
    ]
    batches = ImportBatch.objects.filter(unit=request.unit).select_related("by")[:20]
    return render(
        request,
        "imports/import_index.html",
        _ctx(request, kinds=kinds, batches=batches, can_edit=request.can_edit),
    )


@unit_period_view
def import_batch_file(request: UnitPeriodRequest, pk: int) -> HttpResponseBase:
    """The stored file of an accepted import of this unit (the catalogue's, unit-less, only to
    a catalogue admin); anything else is 404 (issue 10, 8)."""
    scope = Q(unit=request.unit)
    if is_catalogue_admin(request.user):
        scope |= Q(unit__isnull=True)
    batch = get_object_or_404(ImportBatch.objects.filter(scope), pk=pk)
    return stored_file_response(batch.file, download_name=batch.original_name)


@unit_period_view
def import_upload(request: UnitPeriodRequest, kind: str) -> HttpResponse:
    spec = _kind(request, kind)
    error = ""
    if request.method == "POST":
        upload = request.FILES.get("file")
        if upload is None:
            error = _("Hãy chọn tệp CSV hoặc XLSX để nhập.")
        else:
            try:
                job = import_job_create(
                    kind=kind,
                    upload=upload,
                    unit=request.unit,
                    period=request.period,
                    by=request.user,
                )
            except ImportRefused as exc:
                error = exc.message
            else:
                if import_is_async(job):
                    from .tasks import import_run

                    job_enqueue(job, import_run, job.pk, False)
                else:
                    import_job_run(job_id=job.pk, commit=False)
                return redirect(
                    "import_preview",
                    code=request.unit.code,
                    period=request.period.code,
                    kind=kind,
                    job_id=job.pk,
                )
    return render(
        request,
        "imports/import_upload.html",
        _ctx(
            request,
            spec=spec,
            error=error,
            columns=import_columns(kind),
            max_mb=settings.CCHC_MAX_UPLOAD_BYTES // (1024 * 1024),
        ),
        status=400 if error else 200,
    )


@unit_period_view
def import_preview(request: UnitPeriodRequest, kind: str, job_id: int) -> HttpResponse:
    job = _pending(request, kind, job_id)  # the lookup in scope first: outside is 404, not 403
    spec = _kind(request, kind)
    state = import_job_status(job)
    preview = ImportResult.from_dict(job.params["preview"]) if job.params.get("preview") else None
    imported = (
        ImportResult.from_dict(job.params["imported"]) if job.params.get("imported") else None
    )
    shown = imported or preview
    return render(
        request,
        "imports/import_preview.html",
        _ctx(
            request,
            spec=spec,
            job=job,
            state=state,
            preview=preview,
            imported=imported,
            shown=shown,
            can_confirm=bool(state == "previewed" and preview and preview.ok and preview.changed),
        ),
    )


@require_POST
@unit_period_view
def import_confirm(request: UnitPeriodRequest, kind: str, job_id: int) -> HttpResponse:
    job = _pending(request, kind, job_id)  # the lookup in scope first: outside is 404, not 403
    _kind(request, kind)
    state = import_job_status(job)
    preview = job.params.get("preview") or {}
    if state != "previewed" or not ImportResult.from_dict(preview).ok:
        messages.error(request, _("Tệp này chưa kiểm tra xong hoặc có lỗi: không thể nhập."))
    elif import_is_async(job):
        from .tasks import import_run

        job_enqueue(job, import_run, job.pk, True)
    else:
        result = import_job_run(job_id=job.pk, commit=True)
        if result is not None and result.ok:
            messages.success(
                request,
                _("Đã nhập %(rows)s dòng: %(c)s mới, %(u)s cập nhật, %(s)s không đổi.")
                % {
                    "rows": result.rows,
                    "c": result.created,
                    "u": result.updated,
                    "s": result.unchanged,
                },
            )
        elif result is not None:
            messages.error(request, _("Không nhập được: dữ liệu đã thay đổi từ lúc kiểm tra."))
    return redirect(
        "import_preview",
        code=request.unit.code,
        period=request.period.code,
        kind=kind,
        job_id=job.pk,
    )


@unit_period_view
def import_template(request: UnitPeriodRequest, kind: str, fmt: str) -> HttpResponse:
    """An empty file with the exact headers of the import kind."""
    spec = import_kinds.get(kind)
    if spec is None or fmt not in ("csv", "xlsx"):
        raise Http404
    headers = import_headers(kind)
    filename = f"mau-nhap-{kind}.{fmt}"
    if fmt == "csv":
        out = io.StringIO()
        csv.writer(out).writerow(headers)
        data = ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8
        content_type = "text/csv; charset=utf-8"
    else:
        from openpyxl import Workbook

        wb = Workbook()
        ws = wb.active
        ws.title = str(spec.label)[:31]
        ws.append(headers)
        for i, _h in enumerate(headers, start=1):
            ws.column_dimensions[ws.cell(row=1, column=i).column_letter].width = 22
        buf = io.BytesIO()
        wb.save(buf)
        data = buf.getvalue()
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
