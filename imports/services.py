"""The browser import flow, kept in a Job row: upload → preview → confirm, for every kind.

import_job_create(kind="dossiers", upload=f, unit=unit, period=period, by=user)
import_job_run(job_id=job.pk, commit=False)      # preview: counts and every problem
import_job_run(job_id=job.pk, commit=True)       # the import itself, all-or-nothing

and the two helpers every importer of unit data shares: the lock check of a submitted period
and the ImportBatch audit row of an accepted file.
"""

from __future__ import annotations

import hashlib
import logging
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from reports.jobs import job_create, job_fail, job_finish, job_start
from reports.locks import ensure_unlocked
from reports.models import Job, JobStatus

from .base import Column, ImportResult, Progress
from .models import ImportBatch
from .reader import implied_work, unwrap
from .registry import import_kinds

logger = logging.getLogger(__name__)


def import_locked_reason(
    *, unit: Unit, period: Period, by: Any = None, channel: str = "import"
) -> str | None:
    """Why data of (unit, period) may not be imported now (its report is submitted), or None.
    A quick first answer before the file is read: the rows are judged again by the dates they
    affect, inside the writing transaction (`records.locking.RecordLockGuard`)."""
    try:
        ensure_unlocked(unit=unit, period=period, channel=channel, by=by)
    except ValidationError as exc:
        return exc.messages[0]
    return None


def import_batch_record(
    *, result: ImportResult, kind: str, unit: Unit | None, by: Any, file: Any, name: str
) -> ImportBatch:
    """Store the accepted file with its SHA-256 and counts; sets `result.batch_id`."""
    raw = unwrap(file)
    raw.seek(0)
    digest = hashlib.sha256(raw.read()).hexdigest()
    raw.seek(0)
    batch = ImportBatch(
        kind=kind,
        unit=unit,
        original_name=(name or getattr(file, "name", "") or kind)
        .replace("\\", "/")
        .rsplit("/", 1)[-1][:255],
        sha256=digest,
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        warnings=result.warnings,
        by=by if getattr(by, "pk", None) else None,
    )
    batch.file.save(batch.original_name or f"{kind}.csv", File(raw), save=False)
    batch.save()
    result.batch_id = batch.pk
    return batch


def run_import(
    *,
    kind: str,
    file: Any,
    unit: Unit | None,
    period: Period | None,
    by: Any = None,
    commit: bool,
    name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Preview or import one file of any registered kind."""
    spec = import_kinds.get(kind)
    if spec is None:
        raise KeyError(kind)
    return spec.run(
        file=file, unit=unit, period=period, by=by, commit=commit, name=name, progress=progress
    )


def import_headers(kind: str) -> list[str]:
    """The exact headers of an import kind, for the downloadable template."""
    spec = import_kinds.get(kind)
    if spec is None:
        raise KeyError(kind)
    return spec.headers()


def import_columns(kind: str) -> list[Column]:
    """The columns of an import kind (Vietnamese header, English name, required), for the page."""
    spec = import_kinds.get(kind)
    if spec is None:
        raise KeyError(kind)
    return spec.columns()


def import_upload_check(*, upload: Any) -> int:
    """Refuse an upload that is too large, of the wrong type or whose XLSX parts pass a limit
    (a zip bomb: judged by the declared sizes, nothing decompressed) — ImportRefused, in
    Vietnamese. Returns the work the file implies (decompressed bytes of an XLSX, a CSV's
    bytes), which decides whether it is read in the request or by a worker."""
    try:
        return implied_work(upload, name=upload.name or "")
    finally:
        upload.seek(0)


def import_job_create(*, kind: str, upload: Any, unit: Unit, period: Period, by: Any) -> Job:
    """Keep the uploaded file in a Job row (scoped to the unit) between preview and confirm."""
    spec = import_kinds.get(kind)
    if spec is None:
        raise KeyError(kind)
    work = import_upload_check(upload=upload)
    return job_create(
        kind=spec.job_kind,
        by=by,
        unit=unit,
        period=period,
        params={"import_kind": kind, "name": upload.name, "size": upload.size, "work": work},
        input_file=upload,
    )


def import_is_async(job: Job) -> bool:
    """Whether the file implies enough work to be checked and imported by a Celery worker:
    judged by its decompressed size (an XLSX of 600 KB may expand to hundreds of MB), not by
    the bytes uploaded."""
    work = job.params.get("work", job.params.get("size"))
    return int(work or 0) > settings.CCHC_IMPORT_ASYNC_BYTES


def _job_progress_writer(job_id: int) -> tuple[Progress, Any]:
    """Progress written through a second connection (opened on first use), so the browser sees
    it while the import's own transaction is still open. Returns (callback, closer)."""
    table = Job._meta.db_table
    state: dict[str, Any] = {"last": -1, "conn": None}

    def progress(fraction: float, message: str) -> None:
        pct = max(1, min(99, int(fraction * 100)))
        if pct == state["last"]:
            return
        state["last"] = pct
        try:
            if state["conn"] is None:
                state["conn"] = connections.create_connection(DEFAULT_DB_ALIAS)
            with state["conn"].cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET progress = %s, message = %s, heartbeat_at = %s "
                    "WHERE id = %s",
                    [pct, message[:300], timezone.now(), job_id],
                )
        except Exception:  # progress is a courtesy; never fail an import over it
            pass

    def close() -> None:
        if state["conn"] is not None:
            state["conn"].close()

    return progress, close


def import_job_run(*, job_id: int, commit: bool) -> ImportResult | None:
    """Run the preview (commit=False) or the import of a pending upload. Idempotent: an import
    already done is not repeated; a re-run of the same file changes nothing anyway."""
    job = Job.objects.select_related("unit", "period", "created_by").get(pk=job_id)
    params = dict(job.params)
    if commit and params.get("imported"):
        return ImportResult.from_dict(params["imported"])
    kind = params.get("import_kind", "")
    if commit and job.status == JobStatus.DONE and params.get("preview"):
        # The import of a previewed upload run in the request (small files): queued again.
        Job.objects.filter(pk=job.pk, status=JobStatus.DONE).update(status=JobStatus.QUEUED)
        job.status = JobStatus.QUEUED
    if not job_start(job):  # another delivery runs it, or it is finished
        return None
    progress, close_progress = _job_progress_writer(job.pk)
    try:
        with job.input_file.open("rb") as f:
            result = run_import(
                kind=kind,
                file=f,
                unit=job.unit,
                period=job.period,
                by=job.created_by,
                commit=commit,
                name=params.get("name", ""),
                progress=progress,
            )
    except Exception as exc:  # a bug must not leave the job spinning; the log keeps the trace
        logger.exception("import job %s failed", job_id)
        job_fail(
            job,
            _("Lỗi hệ thống khi nhập tệp (%(e)s); dữ liệu không thay đổi.")
            % {"e": exc.__class__.__name__},
        )
        return None
    finally:
        close_progress()
    params["imported" if commit else "preview"] = result.as_dict()
    Job.objects.filter(pk=job.pk).update(params=params)
    url = (
        reverse(
            "import_preview",
            kwargs={
                "code": job.unit.code,
                "period": job.period.code,
                "kind": kind,
                "job_id": job.pk,
            },
        )
        if job.unit and job.period
        else ""
    )
    if result.ok:
        message = (
            _("Đã nhập: %(c)s mới, %(u)s cập nhật, %(s)s không đổi.")
            if commit
            else _("Đã kiểm tra: %(c)s mới, %(u)s cập nhật, %(s)s không đổi.")
        ) % {"c": result.created, "u": result.updated, "s": result.unchanged}
    else:
        message = _("Tệp có %(n)s lỗi, không nhập dòng nào.") % {"n": result.error_count}
    job_finish(job, result={"redirect": url, "ok": result.ok}, message=message)
    return result


def import_job_status(job: Job) -> str:
    """'running', 'failed', 'previewed' or 'imported'."""
    if job.status == JobStatus.FAILED:
        return "failed"
    if job.params.get("imported"):
        return "imported"
    if job.params.get("preview") and job.status == JobStatus.DONE:
        return "previewed"
    return "running"


def import_jobs_purge(*, now: datetime | None = None) -> int:
    """Delete upload jobs that never led to an import (a preview left unconfirmed, a refused or
    failed file, a job whose worker died) once they are older than CCHC_IMPORT_KEEP_HOURS,
    together with their stored files. Jobs that imported stay: they are the import log (and a
    dossier import keeps its file in its ImportBatch). Returns how many jobs were deleted."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.CCHC_IMPORT_KEEP_HOURS)
    stale = Job.objects.filter(kind__in=import_kinds.job_kinds(), created_at__lt=cutoff).exclude(
        params__has_key="imported"
    )
    deleted = 0
    for job in stale.iterator():
        if job.input_file:
            job.input_file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
