"""Writes on reports: workflow transitions, locking of a period's data, jobs."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from orgs.models import Period, Unit
from orgs.selectors import can_approve, can_review

from .models import Job, JobStatus, Report, ReportComment, ReportState, ReportTransition
from .workflow import TRANSITIONS


def report_get_or_create(*, unit: Unit, period: Period) -> Report:
    report, _created = Report.objects.get_or_create(unit=unit, period=period)
    return report


def data_is_locked(*, unit: Unit, period: Period) -> bool:
    """Submitted and later states lock the unit's data for the period."""
    return Report.objects.filter(
        unit=unit,
        period=period,
        state__in=(ReportState.SUBMITTED, ReportState.ACCEPTED, ReportState.SIGNED),
    ).exists()


def ensure_data_editable(*, unit: Unit, period: Period) -> None:
    if data_is_locked(unit=unit, period=period):
        raise ValidationError(
            _("Báo cáo kỳ %(period)s của %(unit)s đã gửi: dữ liệu chỉ được xem, không được sửa.")
            % {"period": period.code, "unit": unit.name}
        )


def report_transition(*, report: Report, name: str, by, comment: str = "", check=None) -> Report:
    """Move a report through the workflow. `check` is an optional callable run inside the
    transaction before submitting (validation gate); it raises ValidationError to refuse."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise ValidationError(_("Thao tác không hợp lệ."))
    with transaction.atomic():
        report = Report.objects.select_for_update().get(pk=report.pk)
        if transition.actor == "approver" and not can_approve(by, report.unit):
            raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới được thực hiện thao tác này."))
        if transition.actor == "reviewer" and not can_review(by, report.unit):
            raise PermissionDenied(
                _("Chỉ chuyên viên Nội vụ cấp trên mới được thực hiện thao tác này.")
            )
        if report.state not in transition.sources:
            raise ValidationError(
                _("Không thể «%(action)s» khi báo cáo đang ở trạng thái «%(state)s».")
                % {"action": transition.label, "state": report.get_state_display()}
            )
        comment = (comment or "").strip()
        if transition.needs_comment and not comment:
            raise ValidationError(_("Cần ghi rõ lý do khi trả lại báo cáo."))
        if check is not None:
            check(report)
        old = report.state
        report.state = transition.target
        if transition.target == ReportState.SUBMITTED:
            report.submitted_at = timezone.now()
        report.version += 1
        report._history_user = by
        report.save()
        ReportTransition.objects.create(
            report=report, from_state=old, to_state=report.state, by=by, comment=comment
        )
    return report


def report_comment_add(*, report: Report, by, text: str) -> ReportComment:
    text = (text or "").strip()
    if not text:
        raise ValidationError(_("Nội dung ý kiến không được để trống."))
    return ReportComment.objects.create(report=report, by=by, text=text)


# --- jobs -------------------------------------------------------------------------------------


def job_create(
    *, kind: str, by=None, unit=None, period=None, params: dict | None = None, input_file=None
) -> Job:
    job = Job(kind=kind, created_by=by, unit=unit, period=period, params=params or {})
    if input_file is not None:
        job.input_file.save(getattr(input_file, "name", "input"), input_file, save=False)
    job.save()
    return job


def job_progress(job: Job, progress: int, message: str = "") -> None:
    """Written outside long transactions so the browser sees it while the job runs."""
    Job.objects.filter(pk=job.pk).update(
        progress=max(0, min(100, int(progress))), message=message[:300], status=JobStatus.RUNNING
    )


def job_start(job: Job) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, started_at=timezone.now(), error=""
    )


def job_finish(job: Job, *, result: dict | None = None, message: str = "") -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
        result=result or {},
        message=message[:300],
    )


def job_fail(job: Job, error: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=error
    )
