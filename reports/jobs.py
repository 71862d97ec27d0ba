"""The lifecycle of a background job row: create → enqueue → start → progress* → finish | fail.

    job = job_create(kind=, by=, unit=, period=, params=)       status queued
    job_enqueue(job, task, *args)      the task is sent to the broker once the row is committed;
                                       a broker that refuses or stalls leaves the job queued
    job_start(job) -> bool             a worker claims the job (False: not its to run)
    with job_heartbeat(job): ...       a thread writes a sign of life while the job runs
    job_progress / job_finish / job_fail
    job_retry(job)                     a failed job queued again (the page's «Thử lại»)
    jobs_reap() / jobs_resend()        the reconciler (Celery beat, reports.tasks.jobs_reconcile)

Delivery: tasks are acknowledged late and handed back when their worker process dies
(CELERY_TASK_REJECT_ON_WORKER_LOST), so a job may be delivered twice; `job_start` lets exactly
one delivery run it: a queued job, or a running job whose worker is gone (its heartbeat older
than CCHC_JOB_HEARTBEAT_TIMEOUT, or its process dead on this host). A job started
CCHC_JOB_MAX_ATTEMPTS times fails instead of running again (a file that kills the worker each
time). A running job without a heartbeat for CCHC_JOB_HEARTBEAT_TIMEOUT seconds is reaped:
failed, with a message, and the user may retry it. A queued job whose last send is
CCHC_JOB_RESEND_AFTER seconds old is sent again (the broker was down or lost it).

Progress and status are written with `UPDATE … WHERE pk` outside long transactions, so the
browser polling `job_status` sees them while the job runs. Every state change writes one
structured log line (`cchc_portal.security.log_event`: job_queued, job_started, job_done,
job_failed, job_reaped, job_resent, job_enqueue_failed)."""

from __future__ import annotations

import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from cchc_portal.security import log_event

from .models import Job, JobStatus

logger = logging.getLogger(__name__)

WORKER_ID = f"{socket.gethostname()}:{{pid}}"


def _worker_id() -> str:
    return WORKER_ID.format(pid=os.getpid())


def job_create(
    *,
    kind: str,
    by: Any = None,
    unit: Any = None,
    period: Any = None,
    params: dict | None = None,
    input_file: Any = None,
) -> Job:
    job = Job(
        kind=kind,
        created_by=by,
        unit=unit,
        period=period,
        params=params or {},
        queued_at=timezone.now(),
    )
    if input_file is not None:
        job.input_file.save(getattr(input_file, "name", "input"), input_file, save=False)
    job.save()
    log_event("job_queued", job=job.pk, kind=kind, unit=unit.pk if unit is not None else None)
    return job


# --- sending -----------------------------------------------------------------------------------


def _broker_errors() -> tuple[type[BaseException], ...]:
    """What a refused or stalled broker raises while a task is published."""
    import kombu.exceptions

    errors: list[type[BaseException]] = [kombu.exceptions.OperationalError, OSError]
    try:
        import redis.exceptions

        errors.append(redis.exceptions.RedisError)
    except ImportError:  # pragma: no cover - redis is a dependency
        pass
    return tuple(errors)


def job_send(job_id: int) -> bool:
    """Hand a queued job's task to the broker now. A broker error is logged and the job stays
    queued (the reconciler sends it again): never raised, so a request whose data is committed
    never fails because of the broker. Returns whether the task was sent."""
    from cchc_portal.celery import app

    job = Job.objects.filter(pk=job_id).only("pk", "status", "task_name", "task_args").first()
    if job is None or job.status != JobStatus.QUEUED or not job.task_name:
        return False
    task = app.tasks[job.task_name]
    if app.conf.task_always_eager:
        # No broker (development, unit tests): the task runs here and now.
        Job.objects.filter(pk=job_id).update(sent_at=timezone.now())
        task.apply_async(args=list(job.task_args))
        return True
    try:
        task.apply_async(
            args=list(job.task_args),
            retry=True,
            retry_policy=settings.CELERY_TASK_PUBLISH_RETRY_POLICY,
        )
    except _broker_errors() as exc:
        log_event(
            "job_enqueue_failed",
            level=logging.WARNING,
            job=job_id,
            task=job.task_name,
            error=exc.__class__.__name__,
        )
        return False
    Job.objects.filter(pk=job_id).update(sent_at=timezone.now())
    return True


def job_enqueue(job: Job, task: Any, *args: Any) -> None:
    """Queue the job to be run by `task(*args)`: the row records the task (so it can be sent
    again) and the task is sent once the current transaction commits (at once outside one)."""
    now = timezone.now()
    Job.objects.filter(pk=job.pk).update(
        task_name=task.name,
        task_args=list(args),
        status=JobStatus.QUEUED,
        progress=0,
        message="",
        error="",
        queued_at=now,
        sent_at=None,
        finished_at=None,
        attempts=0,
    )
    job.task_name, job.task_args, job.status, job.queued_at = task.name, list(args), "queued", now
    pk = job.pk
    transaction.on_commit(lambda: job_send(pk))


# --- running -----------------------------------------------------------------------------------


def _owner_dead(worker: str) -> bool:
    """The job's worker process is known to be gone: it ran on this host and its pid is dead."""
    host, _sep, pid = worker.rpartition(":")
    if host != socket.gethostname() or not pid.isdigit():
        return False
    try:
        os.kill(int(pid), 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False
    return int(pid) != os.getpid() and _is_zombie(int(pid))


def _is_zombie(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] == "Z"
    except (OSError, IndexError):
        return False


def job_start(job: Job) -> bool:
    """Claim the job for this process: True when it is this delivery's to run. A queued job is
    claimed; so is a running one whose worker is gone (a delivery handed back after the worker
    process died). A job already started CCHC_JOB_MAX_ATTEMPTS times is failed instead."""
    now = timezone.now()
    stale = now - timedelta(seconds=settings.CCHC_JOB_HEARTBEAT_TIMEOUT)
    current = Job.objects.filter(pk=job.pk).values("status", "worker", "heartbeat_at").first()
    if current is None:
        return False
    claimable = Q(status=JobStatus.QUEUED)
    if current["status"] == JobStatus.RUNNING and (
        current["heartbeat_at"] is None
        or current["heartbeat_at"] < stale
        or _owner_dead(current["worker"])
    ):
        claimable |= Q(status=JobStatus.RUNNING, worker=current["worker"])
    if current["status"] == JobStatus.RUNNING and current["worker"] == _worker_id():
        claimable |= Q(status=JobStatus.RUNNING, worker=current["worker"])  # same process
    if (
        Job.objects.filter(pk=job.pk, attempts__gte=settings.CCHC_JOB_MAX_ATTEMPTS)
        .filter(claimable)
        .exists()
    ):
        job_fail(
            job,
            _(
                "Công việc đã bị gián đoạn %(n)s lần (tiến trình xử lý nền dừng đột ngột) nên "
                "không chạy lại nữa. Dữ liệu không thay đổi; hãy báo quản trị."
            )
            % {"n": settings.CCHC_JOB_MAX_ATTEMPTS},
        )
        return False
    claimed = (
        Job.objects.filter(pk=job.pk)
        .filter(claimable)
        .update(
            status=JobStatus.RUNNING,
            started_at=now,
            heartbeat_at=now,
            worker=_worker_id(),
            attempts=F("attempts") + 1,
            error="",
        )
    )
    if not claimed:
        log_event("job_skipped", job=job.pk, status=current["status"], worker=current["worker"])
        return False
    job.status = JobStatus.RUNNING
    log_event("job_started", job=job.pk, kind=job.kind, worker=_worker_id())
    return True


@contextmanager
def job_heartbeat(job: Job, *, enabled: bool = True) -> Iterator[None]:
    """While the block runs, a thread (with its own database connection) writes the job's
    heartbeat every CCHC_JOB_HEARTBEAT_SECONDS, so a long step without progress is not taken
    for a dead worker. Disabled for tasks run eagerly inside a request or a test."""
    if not enabled:
        yield
        return
    stop = threading.Event()
    interval = max(1, settings.CCHC_JOB_HEARTBEAT_SECONDS)
    me = _worker_id()

    def beat() -> None:
        conn = None
        try:
            while not stop.wait(interval):
                try:
                    if conn is None:
                        conn = connections.create_connection(DEFAULT_DB_ALIAS)
                    with conn.cursor() as cursor:
                        cursor.execute(
                            f"UPDATE {Job._meta.db_table} SET heartbeat_at = %s "
                            "WHERE id = %s AND status = %s AND worker = %s",
                            [timezone.now(), job.pk, JobStatus.RUNNING, me],
                        )
                except Exception:  # a missed beat is not an error; the next one may pass
                    logger.debug("heartbeat of job %s failed", job.pk, exc_info=True)
        finally:
            if conn is not None:
                conn.close()

    thread = threading.Thread(target=beat, name=f"job-{job.pk}-heartbeat", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join(timeout=5)


def job_progress(job: Job, progress: int, message: str = "") -> None:
    """Written outside long transactions so the browser sees it while the job runs."""
    Job.objects.filter(pk=job.pk).update(
        progress=max(0, min(100, int(progress))),
        message=message[:300],
        status=JobStatus.RUNNING,
        heartbeat_at=timezone.now(),
    )


def job_finish(job: Job, *, result: dict | None = None, message: str = "") -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.DONE,
        progress=100,
        finished_at=timezone.now(),
        result=result or {},
        message=message[:300],
    )
    log_event("job_done", job=job.pk, kind=job.kind)


def job_fail(job: Job, error: str) -> None:
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.FAILED, finished_at=timezone.now(), error=error
    )
    log_event("job_failed", level=logging.WARNING, job=job.pk, kind=job.kind, error=error)


def job_retry(job: Job) -> bool:
    """Queue a failed job again with its task (the «Thử lại» button). False if it cannot be."""
    if job.status != JobStatus.FAILED or not job.task_name:
        return False
    from cchc_portal.celery import app

    job_enqueue(job, app.tasks[job.task_name], *job.task_args)
    log_event("job_retried", job=job.pk, kind=job.kind)
    return True


# --- the reconciler ----------------------------------------------------------------------------


def jobs_reap(*, now: datetime | None = None) -> int:
    """Fail the jobs nobody runs any more: running without a heartbeat for
    CCHC_JOB_HEARTBEAT_TIMEOUT seconds, queued for longer than CCHC_JOB_QUEUED_DEADLINE.
    Returns how many were reaped."""
    now = now or timezone.now()
    dead = Job.objects.annotate(
        last_sign=Coalesce("heartbeat_at", "started_at", "created_at")
    ).filter(
        status=JobStatus.RUNNING,
        last_sign__lt=now - timedelta(seconds=settings.CCHC_JOB_HEARTBEAT_TIMEOUT),
    )
    waiting = Job.objects.annotate(since=Coalesce("queued_at", "created_at")).filter(
        status=JobStatus.QUEUED,
        since__lt=now - timedelta(seconds=settings.CCHC_JOB_QUEUED_DEADLINE),
    )
    reaped = 0
    for job, reason in [(j, "heartbeat") for j in dead] + [(j, "queued") for j in waiting]:
        if reason == "heartbeat":
            error = _(
                "Công việc bị gián đoạn: tiến trình xử lý nền đã dừng đột ngột. Dữ liệu không "
                "thay đổi; hãy bấm «Thử lại»."
            )
        else:
            error = _(
                "Hệ thống xử lý nền không nhận công việc này trong thời gian cho phép. "
                "Hãy bấm «Thử lại» hoặc báo quản trị."
            )
        done = (
            Job.objects.filter(pk=job.pk, status=job.status)
            .filter(Q(heartbeat_at=job.heartbeat_at) | Q(status=JobStatus.QUEUED))
            .update(status=JobStatus.FAILED, finished_at=now, error=error)
        )
        if done:
            reaped += 1
            log_event(
                "job_reaped",
                level=logging.WARNING,
                job=job.pk,
                kind=job.kind,
                reason=reason,
                worker=job.worker,
                error=error,
            )
    return reaped


def jobs_resend(*, now: datetime | None = None) -> int:
    """Send again the queued jobs whose last send is CCHC_JOB_RESEND_AFTER seconds old (or
    that were never sent: the broker refused them). A job delivered twice runs once
    (`job_start`). Returns how many were sent."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.CCHC_JOB_RESEND_AFTER)
    due = (
        Job.objects.filter(status=JobStatus.QUEUED)
        .exclude(task_name="")
        .annotate(last=Coalesce("sent_at", "queued_at", "created_at"))
        .filter(last__lt=cutoff)
        .values_list("pk", "kind", "sent_at")
    )
    sent = 0
    for pk, kind, sent_at in list(due):
        if job_send(pk):
            sent += 1
            log_event("job_resent", job=pk, kind=kind, first_send_lost=sent_at is None)
    return sent
