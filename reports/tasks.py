"""Celery tasks of the indicator snapshots: thin, idempotent, retried on database trouble."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from celery import shared_task
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc_portal.security import log_event
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


@shared_task(bind=True, acks_late=True, **RETRY)
def recompute_job(self, job_id: int) -> None:  # noqa: ANN001 - Celery's bound task
    """'Recompute now': the job row shows progress to the browser."""
    from .jobs import job_fail, job_finish, job_heartbeat, job_progress, job_start
    from .models import Job
    from .snapshots import snapshot_refresh

    job = Job.objects.filter(pk=job_id).select_related("unit", "period").first()
    if job is None or job.is_finished or not job_start(job):
        return
    job_progress(job, 10, _("Đang tính các chỉ tiêu…"))
    try:
        with job_heartbeat(job, enabled=not self.request.is_eager):
            unit, period = job.unit, job.period
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


def send_refresh(unit_id: int, period_id: int, countdown: int) -> bool:
    """Publish a snapshot refresh; a broker error is logged, not raised (the reconciler will
    recompute the snapshot, whose `changed_at` is newer than its figures)."""
    from .jobs import _broker_errors

    try:
        refresh_snapshot.apply_async(
            args=(unit_id, period_id),
            countdown=countdown,
            retry=True,
            retry_policy=settings.CELERY_TASK_PUBLISH_RETRY_POLICY,
        )
    except _broker_errors() as exc:
        log_event(
            "recompute_enqueue_failed",
            level=logging.WARNING,
            unit=unit_id,
            period=period_id,
            error=exc.__class__.__name__,
        )
        return False
    return True


def snapshots_resend(*, now: datetime | None = None) -> int:
    """The reconciler: recompute (through the broker) every snapshot whose data changed after
    it was computed, once the debounce and CCHC_JOB_RESEND_AFTER have passed (a refresh lost
    while the broker was down). Returns how many refreshes were sent."""
    from .models import IndicatorSnapshot

    now = now or timezone.now()
    cutoff = now - timedelta(
        seconds=int(getattr(settings, "CCHC_RECOMPUTE_DEBOUNCE", 5))
        + settings.CCHC_JOB_RESEND_AFTER
    )
    stale = IndicatorSnapshot.objects.filter(
        changed_at__gt=F("computed_at"), changed_at__lt=cutoff
    ).values_list("unit_id", "period_id")
    sent = 0
    for unit_id, period_id in list(stale):
        if send_refresh(unit_id, period_id, countdown=0):
            sent += 1
            log_event("recompute_resent", unit=unit_id, period=period_id)
    return sent


@shared_task
def jobs_reconcile() -> dict[str, int]:
    """Every minute (beat): fail the jobs whose worker died, send again the queued jobs the
    broker refused or lost, recompute the snapshots older than their data."""
    from .jobs import jobs_reap, jobs_resend

    return {"reaped": jobs_reap(), "resent": jobs_resend(), "recomputed": snapshots_resend()}
