"""Celery tasks of the report document: thin, idempotent, take ids (DESIGN habit 6)."""

from __future__ import annotations

import logging

from celery import shared_task
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from ..jobs import job_fail, job_finish, job_heartbeat, job_progress, job_start
from ..models import Job, JobStatus, Report

log = logging.getLogger(__name__)


@shared_task(name="reports.rendering.render_report", acks_late=True, bind=True)
def render_report_task(self, job_id: int) -> int | None:  # noqa: ANN001 - Celery's bound task
    """Render the report named by the job's params; progress and result go to the job row.

    Running it twice is safe: the second run finds the stored file (same data hash)."""
    from .services import document_render

    job = Job.objects.filter(pk=job_id).first()
    if job is None or job.status == JobStatus.DONE or not job_start(job):
        return None
    try:
        report = Report.objects.select_related("unit", "period").get(pk=job.params["report"])
        with job_heartbeat(job, enabled=not self.request.is_eager):
            doc = document_render(
                report=report,
                fmt=job.params.get("format", "pdf"),
                by=job.created_by,
                progress=lambda pct, msg: job_progress(job, pct, msg),
            )
    except ValidationError as exc:  # a refusal (e.g. no signer name): its own message
        job_fail(job, " ".join(exc.messages))
        return None
    except Exception:  # the job row tells the user; the log keeps the traceback
        log.exception("render job %s failed", job_id)
        job_fail(job, _("Không tạo được tệp báo cáo. Vui lòng thử lại hoặc báo quản trị."))
        return None
    url = reverse(
        "document_download",
        kwargs={"code": report.unit.code, "period": report.period.code, "pk": doc.pk},
    )
    job_finish(
        job,
        result={"document": doc.pk, "sha256": doc.sha256, "pages": doc.pages, "redirect": url},
        message=_("Đã tạo tệp (%(pages)s trang)") % {"pages": doc.pages}
        if doc.pages
        else _("Đã tạo tệp"),
    )
    return doc.pk
