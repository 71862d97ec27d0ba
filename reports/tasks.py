"""Celery tasks of the indicator snapshots: thin, idempotent, retried on database trouble."""

from __future__ import annotations

from celery import shared_task
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.urls import reverse
from django.utils.translation import gettext as _

from orgs.models import Period, Unit

RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": True,
    "max_retries": 3,
}


def pending_key(unit_id: int, period_id: int) -> str:
    """The cache key that debounces the refresh of a (unit, period): set by
    `reports.recompute.records_changed` when it schedules one, cleared when the refresh starts."""
    return f"indicators:recompute:{unit_id}:{period_id}"


@shared_task(**RETRY)
def refresh_snapshot(unit_id: int, period_id: int) -> int | None:
    """Recompute the snapshot of a (unit, period) and its ancestors."""
    from .snapshots import snapshot_refresh

    cache.delete(pending_key(unit_id, period_id))
    unit = Unit.objects.filter(pk=unit_id).first()
    period = Period.objects.filter(pk=period_id).first()
    if unit is None or period is None:
        return None
    return snapshot_refresh(unit=unit, period=period).pk


@shared_task(**RETRY)
def recompute_job(job_id: int) -> None:
    """'Recompute now': the job row shows progress to the browser."""
    from .jobs import job_fail, job_finish, job_progress, job_start
    from .models import Job
    from .snapshots import snapshot_refresh

    job = Job.objects.filter(pk=job_id).select_related("unit", "period").first()
    if job is None or job.is_finished:
        return
    job_start(job)
    job_progress(job, 10, _("Đang tính các chỉ tiêu…"))
    unit, period = job.unit, job.period
    try:
        assert unit is not None and period is not None  # a recompute job names both
        snap = snapshot_refresh(unit=unit, period=period)
    except (OperationalError, InterfaceError):
        raise
    except Exception as exc:  # the job row tells the user; the log keeps the traceback
        job_fail(job, _("Không tính được chỉ tiêu: %(error)s") % {"error": exc})
        raise
    job_finish(
        job,
        result={
            "snapshot": snap.pk,
            "redirect": reverse("indicators", kwargs={"code": unit.code, "period": period.code}),
        },
        message=_("Đã tính xong %(n)s chỉ tiêu.") % {"n": len(snap.values)},
    )


@shared_task(**RETRY)
def refresh_open_periods() -> int:
    """Nightly: refresh the snapshots of every unit for every open period."""
    from .snapshots import snapshot_refresh_period

    return sum(snapshot_refresh_period(period=p) for p in Period.objects.open())
