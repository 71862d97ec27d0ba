"""The lifecycle of a background job row: create → start → progress* → finish | fail.

Progress and status are written with `UPDATE … WHERE pk` outside long transactions, so the
browser polling `job_status` sees them while the job runs."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from .models import Job, JobStatus


def job_create(
    *,
    kind: str,
    by: Any = None,
    unit: Any = None,
    period: Any = None,
    params: dict | None = None,
    input_file: Any = None,
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
