"""Writes on the procedure catalogue and dossiers: the spreadsheet imports.

dossiers_import(file=f, unit=unit, by=user, commit=False)   # preview: counts + problems
dossiers_import(file=f, unit=unit, by=user)                 # all-or-nothing upsert
procedures_import(file=f, by=user)
unit_for_import(code="21061", file=f)                        # a reused code, by reception dates
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from orgs.models import Unit

from .importing import ImportRefused, ImportResult, scan_received_range
from .importing import dossiers_import as _dossiers_import
from .importing import procedures_import as _procedures_import
from .importing.base import Progress


def dossiers_import(
    *,
    file: Any,
    unit: Unit,
    by=None,
    commit: bool = True,
    name: str = "",
    progress: Progress | None = None,
    error_limit: int | None = 5000,
) -> ImportResult:
    """Import (or, with commit=False, preview) a dossier file for a unit: SPEC §4."""
    return _dossiers_import(
        file=file,
        unit=unit,
        by=by,
        commit=commit,
        name=name,
        progress=progress,
        error_limit=error_limit,
    )


def procedures_import(
    *, file: Any, by=None, commit: bool = True, name: str = "", progress: Progress | None = None
) -> ImportResult:
    """Import (or preview) the procedure catalogue: upsert by national code."""
    return _procedures_import(file=file, by=by, commit=commit, name=name, progress=progress)


def unit_for_import(*, code: str, file: Any) -> Unit:
    """The unit with `code` that was valid when the file's dossiers were received.

    Codes are reused after the 2025 merger (SPEC §2): when several units carry the code, the
    one valid over every reception date of the file is chosen; anything else is refused."""
    code = str(code or "").strip()
    units = list(Unit.objects.filter(code=code).order_by("valid_from"))
    if not units:
        raise ImportRefused(_("Không có đơn vị hành chính mã «%(code)s».") % {"code": code})
    if len(units) == 1:
        return units[0]

    def label(u: Unit) -> str:
        a = u.valid_from.strftime("%d/%m/%Y") if u.valid_from else "…"
        b = u.valid_to.strftime("%d/%m/%Y") if u.valid_to else "…"
        return f"{u.name} ({a} – {b})"

    names = "; ".join(label(u) for u in units)
    span = scan_received_range(file=file)
    if span is None:
        raise ImportRefused(
            _(
                "Mã «%(code)s» ứng với nhiều đơn vị (%(units)s) và tệp không có ngày tiếp nhận "
                "hợp lệ để chọn đơn vị."
            )
            % {"code": code, "units": names}
        )
    lo, hi = span
    fits = [u for u in units if u.is_valid_on(lo) and u.is_valid_on(hi)]
    if len(fits) == 1:
        return fits[0]
    raise ImportRefused(
        _(
            "Mã «%(code)s» ứng với nhiều đơn vị (%(units)s); hồ sơ trong tệp tiếp nhận từ "
            "%(lo)s đến %(hi)s không thuộc trọn thời gian hoạt động của đúng một đơn vị. "
            "Hãy tách tệp theo thời điểm sáp nhập."
        )
        % {
            "code": code,
            "units": names,
            "lo": lo.strftime("%d/%m/%Y"),
            "hi": hi.strftime("%d/%m/%Y"),
        }
    )


# --- the browser flow: upload → preview → confirm, kept in a Job row ---------------------------

from dataclasses import dataclass  # noqa: E402

from django.conf import settings  # noqa: E402
from django.db import DEFAULT_DB_ALIAS, connections  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils.translation import gettext_lazy  # noqa: E402

from orgs.models import Period  # noqa: E402
from orgs.policy import is_catalogue_admin  # noqa: E402, F401  (re-exported for views_import)
from reports.jobs import job_create, job_fail, job_finish, job_start  # noqa: E402
from reports.models import Job, JobKind, JobStatus  # noqa: E402

from .importing import dossiers as _dossier_format  # noqa: E402
from .importing import procedures as _procedure_format  # noqa: E402
from .importing.reader import check_upload  # noqa: E402


@dataclass(frozen=True)
class ImportKind:
    code: str
    label: Any
    job_kind: str
    admin_only: bool = False
    description: Any = ""


IMPORT_KINDS: dict[str, ImportKind] = {
    k.code: k
    for k in (
        ImportKind(
            "dossiers",
            gettext_lazy("Hồ sơ TTHC"),
            JobKind.IMPORT_DOSSIERS,
            description=gettext_lazy(
                "Tệp hồ sơ xuất từ Hệ thống một cửa (CSV UTF-8 hoặc XLSX); hồ sơ đã có được cập "
                "nhật theo mã hồ sơ."
            ),
        ),
        ImportKind(
            "procedures",
            gettext_lazy("Danh mục TTHC"),
            JobKind.IMPORT_PROCEDURES,
            admin_only=True,
            description=gettext_lazy("Danh mục thủ tục hành chính dùng chung; chỉ quản trị nhập."),
        ),
        ImportKind(
            "staff",
            gettext_lazy("Cán bộ, công chức, người hoạt động KCT"),
            JobKind.IMPORT_STAFF,
            description=gettext_lazy(
                "Danh sách cán bộ, công chức; nhận diện theo họ tên và chức vụ."
            ),
        ),
        ImportKind(
            "budget",
            gettext_lazy("Thu, chi ngân sách"),
            JobKind.IMPORT_BUDGET,
            description=gettext_lazy("Kế hoạch và thực hiện thu, chi ngân sách của kỳ báo cáo."),
        ),
        ImportKind(
            "investment",
            gettext_lazy("Vốn đầu tư công"),
            JobKind.IMPORT_INVESTMENT,
            description=gettext_lazy("Vốn giao và giải ngân theo dự án, công trình của kỳ."),
        ),
    )
}


def import_headers(kind: str) -> list[str]:
    """The exact headers of an import kind, for the downloadable template."""
    if kind == "dossiers":
        return [c.label for c in _dossier_format.COLUMNS]
    if kind == "procedures":
        return [c.label for c in _procedure_format.COLUMNS]
    from .importing.tabular import resource_columns

    return [c.label for c in resource_columns(_resource_class(kind)(unit=None, **_extra(kind)))]


def _resource_class(kind: str):
    if kind == "staff":
        from staff.resources import PersonResource

        return PersonResource
    from finance.resources import BudgetLineResource, InvestmentLineResource

    return {"budget": BudgetLineResource, "investment": InvestmentLineResource}[kind]


def _extra(kind: str) -> dict:
    return {} if kind == "staff" else {"period": None}


def run_import(
    *,
    kind: str,
    file: Any,
    unit: Unit | None,
    period: Period | None,
    by=None,
    commit: bool,
    name: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Preview or import one file of any kind."""
    if kind == "dossiers":
        return dossiers_import(
            file=file, unit=unit, by=by, commit=commit, name=name, progress=progress
        )
    if kind == "procedures":
        return procedures_import(file=file, by=by, commit=commit, name=name, progress=progress)
    if kind == "staff":
        from staff.resources import staff_import

        return staff_import(file=file, unit=unit, period=period, by=by, commit=commit, name=name)
    from finance.resources import budget_import, investment_import

    fn = budget_import if kind == "budget" else investment_import
    return fn(file=file, unit=unit, period=period, by=by, commit=commit, name=name)


def import_upload_check(*, upload) -> None:
    """Refuse an upload that is too large or of the wrong type (ImportRefused, in Vietnamese)."""
    head = upload.read(8192)
    upload.seek(0)
    check_upload(name=upload.name or "", size=upload.size or 0, head=head)


def import_job_create(*, kind: str, upload, unit: Unit, period: Period, by) -> Job:
    """Keep the uploaded file in a Job row (scoped to the unit) between preview and confirm."""
    import_upload_check(upload=upload)
    return job_create(
        kind=IMPORT_KINDS[kind].job_kind,
        by=by,
        unit=unit,
        period=period,
        params={"import_kind": kind, "name": upload.name, "size": upload.size},
        input_file=upload,
    )


def import_is_async(job: Job) -> bool:
    return int(job.params.get("size") or 0) > settings.CCHC_IMPORT_ASYNC_BYTES


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
                    f"UPDATE {table} SET progress = %s, message = %s WHERE id = %s",
                    [pct, message[:300], job_id],
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
    job_start(job)
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
        import logging

        logging.getLogger(__name__).exception("import job %s failed", job_id)
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
        if job.unit_id and job.period_id
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


IMPORT_JOB_KINDS = [spec.job_kind for spec in IMPORT_KINDS.values()]


def import_jobs_purge(*, now=None) -> int:
    """Delete upload jobs that never led to an import (a preview left unconfirmed, a refused or
    failed file, a job whose worker died) once they are older than CCHC_IMPORT_KEEP_HOURS,
    together with their stored files. Jobs that imported stay: they are the import log (and a
    dossier import keeps its file in its ImportBatch). Returns how many jobs were deleted."""
    from datetime import timedelta

    from django.utils import timezone

    cutoff = (now or timezone.now()) - timedelta(hours=settings.CCHC_IMPORT_KEEP_HOURS)
    stale = Job.objects.filter(kind__in=IMPORT_JOB_KINDS, created_at__lt=cutoff).exclude(
        params__has_key="imported"
    )
    deleted = 0
    for job in stale.iterator():
        if job.input_file:
            job.input_file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
