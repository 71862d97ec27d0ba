"""Rendering services: build the context once, render, store with hashes, reuse when unchanged.

    document_render(report=, fmt="pdf"|"docx", by=, progress=) -> RenderedDocument
    document_render_enqueue(report=, fmt=, by=) -> Job      (a Celery worker renders)

A stored file is keyed by (report, kind, data_hash): the SHA-256 of everything the document
prints and of the layout files. A second render of unchanged data returns the stored row and
does not run WeasyPrint. Every stored file carries the SHA-256 of its bytes; the row's history
(django-simple-history) is the audit trail of who produced which file.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from common.history import history_user_set

from ..models import DocumentKind, Job, JobKind, RenderedDocument, Report
from .context import build_context
from .html import render_html

if TYPE_CHECKING:
    from ..forms_document import DocumentSettingsForm, ReportNumberForm

FORMATS = ("pdf", "docx")


def kind_for(report: Report, fmt: str) -> str:
    if fmt == "docx":
        return DocumentKind.DOCX
    from ..workflow import is_final

    return DocumentKind.FINAL if is_final(report.state) else DocumentKind.PREVIEW


def stored_document(*, report: Report, kind: str, data_hash: str) -> RenderedDocument | None:
    doc = (
        RenderedDocument.objects.filter(report=report, kind=kind, data_hash=data_hash)
        .order_by("-created_at")
        .first()
    )
    if doc is not None and doc.file.name and doc.file.storage.exists(doc.file.name):
        return doc
    return None


def file_name(report: Report, kind: str, sha256: str) -> str:
    ext = "docx" if kind == DocumentKind.DOCX else "pdf"
    return f"bao-cao-cchc-{report.unit.code}-{report.period.code}-{kind}-{sha256[:10]}.{ext}"


def document_store(
    *,
    report: Report,
    kind: str,
    content: bytes,
    data_hash: str,
    pages: int,
    by: User | None,
    version_number: int | None = None,
) -> RenderedDocument:
    sha = hashlib.sha256(content).hexdigest()
    doc = RenderedDocument(
        report=report,
        kind=kind,
        sha256=sha,
        data_hash=data_hash,
        pages=pages,
        by=by,
        version_number=version_number,
    )
    history_user_set(doc, by)
    doc.file.save(file_name(report, kind, sha), ContentFile(content), save=False)
    doc.save()
    return doc


@translation.override("vi")  # the document is Vietnamese whatever the UI language
def render_bytes(ctx: dict[str, Any], fmt: str) -> tuple[bytes, int]:
    if fmt == "docx":
        from .docx import context_to_docx

        return context_to_docx(ctx), 0
    from .pdf import html_to_pdf

    return html_to_pdf(render_html(ctx, for_print=True))


def document_render(
    *,
    report: Report,
    fmt: str = "pdf",
    by: User | None = None,
    progress: Callable[[int, str], None] | None = None,
) -> RenderedDocument:
    """Render the report (or return the stored file when nothing it prints has changed)."""
    if fmt not in FORMATS:
        raise ValueError(fmt)

    def step(pct: int, msg: str) -> None:
        if progress is not None:
            progress(pct, msg)

    step(5, _("Đang tính các chỉ tiêu"))
    ctx = build_context(report=report)
    kind = kind_for(report, fmt)
    existing = stored_document(report=report, kind=kind, data_hash=ctx["data_hash"])
    if existing is not None:
        step(100, _("Dữ liệu không đổi: dùng tệp đã lưu"))
        return existing
    step(30, _("Đang dàn trang") if fmt == "pdf" else _("Đang tạo tệp Word"))
    content, pages = render_bytes(ctx, fmt)
    step(90, _("Đang lưu tệp"))
    with transaction.atomic():
        return document_store(
            report=report,
            kind=kind,
            content=content,
            data_hash=ctx["data_hash"],
            pages=pages,
            by=by,
            version_number=ctx.get("version_number"),
        )


def document_render_enqueue(*, report: Report, fmt: str, by: User) -> Job:
    """Create the job row and hand the rendering to a worker once the row is committed."""
    from ..jobs import job_create, job_enqueue
    from .tasks import render_report_task

    if fmt not in FORMATS:
        raise ValueError(fmt)
    job = job_create(
        kind=JobKind.RENDER_DOCX if fmt == "docx" else JobKind.RENDER_PDF,
        by=by,
        unit=report.unit,
        period=report.period,
        params={"report": report.pk, "format": fmt},
    )
    job_enqueue(job, render_report_task, job.pk)
    return job


def _ensure_document_editable(*, report: Report, by: User | None) -> None:
    """Number, date and settings follow the report's state (`workflow`): refused from
    submission on, under the workflow's row lock, and the refusal is logged like every other."""
    from ..locks import PeriodLocked, log_lock_refused
    from ..workflow import document_settings_are_editable

    state = Report.objects.select_for_update().values_list("state", flat=True).get(pk=report.pk)
    if not document_settings_are_editable(state):
        log_lock_refused(unit=report.unit, periods=[report.period], channel="document", by=by)
        raise PeriodLocked(
            _(
                "Báo cáo kỳ %(period)s đã gửi: số, ngày văn bản và thông tin văn bản "
                "(người ký, nơi nhận…) không sửa được nữa."
            )
            % {"period": report.period.code},
            periods=[report.period],
        )


def document_settings_save(*, report: Report, form: DocumentSettingsForm, by: User) -> None:
    """Save the header and closing data of `report`'s period (stored signed files never
    change): refused once the report is submitted."""
    with transaction.atomic():
        _ensure_document_editable(report=report, by=by)
        obj = form.save(commit=False)
        obj.unit = report.unit
        obj.period = report.period
        history_user_set(obj, by)
        obj.save()


def report_number_save(*, report: Report, form: ReportNumberForm, by: User) -> Report:
    """Number/symbol/date of issue: only before submission (what is sent is what is signed)."""
    with transaction.atomic():
        _ensure_document_editable(report=report, by=by)
        obj = form.save(commit=False)
        obj.version += 1
        history_user_set(obj, by)
        obj.save(update_fields=["doc_number", "doc_symbol", "issued_on", "version", "updated_at"])
    return obj
