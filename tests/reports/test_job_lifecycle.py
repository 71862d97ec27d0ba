"""The job lifecycle without a worker: claiming a delivery, the reaper, the delayed and failed
states the page shows, the retry, the structured log lines (issue 10, points 6 and 12)."""

from __future__ import annotations

import logging
import os
import subprocess
from datetime import timedelta

import pytest
from django.utils import timezone

from reports.jobs import (
    job_create,
    job_enqueue,
    job_start,
    jobs_reap,
    jobs_resend,
)
from reports.models import IndicatorSnapshot, Job, JobKind, JobStatus
from reports.recompute import records_changed
from reports.services import report_get_or_create, report_transition
from reports.snapshots import snapshot_refresh
from reports.tasks import recompute_job
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db

DELAYED = "hệ thống xử lý nền đang chậm"


@pytest.fixture
def events(caplog):
    caplog.set_level(logging.INFO, logger="cchc.security")
    return caplog


def recompute(cast) -> Job:
    job = job_create(
        kind=JobKind.RECOMPUTE, by=cast.clerk_a, unit=cast.commune_a, period=cast.period
    )
    job_enqueue(job, recompute_job, job.pk)  # not sent: the test's transaction never commits
    job.refresh_from_db()
    return job


def dead_pid() -> int:
    proc = subprocess.Popen(["true"])
    proc.wait()
    return proc.pid


def test_a_queued_job_is_claimed_once(cast, events):
    job = recompute(cast)
    assert job.task_name == recompute_job.name and job.task_args == [job.pk]
    assert job_start(job) is True
    job.refresh_from_db()
    assert job.status == JobStatus.RUNNING and job.attempts == 1 and job.worker
    # A second delivery while a live worker runs it (fresh heartbeat, another process): skipped.
    Job.objects.filter(pk=job.pk).update(worker="elsewhere:1")
    assert job_start(job) is False
    assert "event=job_started" in events.text and "event=job_skipped" in events.text


def test_a_delivery_handed_back_after_its_worker_died_runs_again(cast):
    import socket

    job = recompute(cast)
    assert job_start(job)
    Job.objects.filter(pk=job.pk).update(worker=f"{socket.gethostname()}:{dead_pid()}")
    assert job_start(job) is True
    job.refresh_from_db()
    assert job.attempts == 2 and job.worker.endswith(f":{os.getpid()}")


def test_a_job_that_kills_its_worker_every_time_fails_after_max_attempts(cast, settings):
    settings.CCHC_JOB_MAX_ATTEMPTS = 2
    job = recompute(cast)
    stale = timezone.now() - timedelta(hours=1)
    Job.objects.filter(pk=job.pk).update(
        status=JobStatus.RUNNING, attempts=2, heartbeat_at=stale, worker="gone:1"
    )
    assert job_start(job) is False
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "2 lần" in job.error


def test_the_reaper_fails_a_running_job_without_heartbeat_and_the_page_offers_retry(
    cast, client, events
):
    job = recompute(cast)
    assert job_start(job)
    Job.objects.filter(pk=job.pk).update(
        progress=95, heartbeat_at=timezone.now() - timedelta(minutes=10)
    )
    assert jobs_reap() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and "gián đoạn" in job.error and job.can_retry
    assert "event=job_reaped" in events.text and f"job={job.pk}" in events.text
    client.login(username=cast.clerk_a.username, password=PASSWORD)
    fragment = client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    assert "hx-get" not in fragment  # polling stops
    assert job.error in fragment and f"/jobs/{job.pk}/retry/" in fragment
    assert client.get(f"/jobs/{job.pk}/").json()["can_retry"] is True
    # «Thử lại»: queued again (another user of the unit may not).
    other = client.__class__()
    other.login(username=cast.approver_a.username, password=PASSWORD)
    assert other.post(f"/jobs/{job.pk}/retry/").status_code == 403
    assert client.post(f"/jobs/{job.pk}/retry/", HTTP_HX_REQUEST="true").status_code == 200
    job.refresh_from_db()
    assert job.status == JobStatus.QUEUED and job.attempts == 0 and not job.error


def test_a_running_job_with_a_fresh_heartbeat_is_not_reaped(cast):
    job = recompute(cast)
    assert job_start(job)
    assert jobs_reap() == 0


def test_a_job_queued_too_long_is_shown_delayed_then_failed(cast, client, settings):
    job = recompute(cast)
    client.login(username=cast.clerk_a.username, password=PASSWORD)
    assert DELAYED not in client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    Job.objects.filter(pk=job.pk).update(queued_at=timezone.now() - timedelta(minutes=5))
    fragment = client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    assert DELAYED in fragment and "hx-get" in fragment
    assert client.get(f"/jobs/{job.pk}/").json()["delayed"] is True
    Job.objects.filter(pk=job.pk).update(
        queued_at=timezone.now() - timedelta(seconds=settings.CCHC_JOB_QUEUED_DEADLINE + 1)
    )
    assert jobs_reap() == 1
    assert Job.objects.get(pk=job.pk).status == JobStatus.FAILED


def test_the_reconciler_sends_a_queued_job_again(cast, settings, events):
    job = recompute(cast)
    settings.CCHC_JOB_RESEND_AFTER = 0
    assert jobs_resend() == 1  # eager here: the job runs
    job.refresh_from_db()
    assert job.status == JobStatus.DONE
    assert "event=job_resent" in events.text and "event=job_done" in events.text


def test_records_changed_survives_an_unreachable_cache_and_marks_the_snapshot_stale(
    cast, monkeypatch, events
):
    from django.core.cache import cache

    snap = snapshot_refresh(unit=cast.commune_a, period=cast.period, ancestors=False)

    def refused(*args, **kwargs):
        raise ConnectionError("refused")

    monkeypatch.setattr(cache, "add", refused)
    assert records_changed(unit=cast.commune_a, period=cast.period) == 1
    snap = IndicatorSnapshot.objects.get(pk=snap.pk)
    assert snap.changed_at > snap.computed_at
    assert "event=cache_unavailable" in events.text


def test_a_report_transition_writes_a_log_line(cast, events):
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    report_transition(report=report, name="submit", by=cast.approver_a)
    line = next(r.getMessage() for r in events.records if "report_transition" in r.getMessage())
    assert "transition=submit" in line and "to_state=submitted" in line
    assert f"report={report.pk}" in line and "by=approver.a" in line
