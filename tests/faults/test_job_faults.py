"""Fault tests against a real worker process and the real broker (issue 10, points 6 and 12):
the pool process killed mid-import and mid-render, the broker refusing and stalled. Each ends
in a clear state — done, or failed with a message and a retry — with nothing half-written."""

from __future__ import annotations

import logging
import os
import signal
import time
from urllib.parse import urlparse, urlunparse

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import DEFAULT_DB_ALIAS, connections
from django.urls import reverse

from imports.models import ImportBatch
from reports.jobs import jobs_reap, jobs_resend
from reports.models import IndicatorSnapshot, Job, JobStatus, RenderedDocument
from reports.snapshots import snapshot_refresh
from reports.tasks import snapshots_resend
from staff.models import Person
from tests.conftest import _reachable, need
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune
from tests.helpers.faults import WorkerProcess, broker_at, closed_port, stalled_server
from tests.helpers.waiting import wait_until
from tests.tthc.importdata import csv_bytes, good_rows
from tthc.models import Dossier

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]

DELAYED = "hệ thống xử lý nền đang chậm"


@pytest.fixture(scope="module")
def worker_process(django_db_setup, django_db_blocker, tmp_path_factory):
    """One real worker (prefork pool of one process) for the module, on its own queue."""
    redis_url = os.environ.get("REDIS_URL", "")
    need(bool(redis_url) and _reachable(redis_url, 6379), "REDIS_URL not set or Redis unreachable")
    database_url = os.environ.get("DATABASE_URL", "")
    need(database_url.startswith("postgres"), "the worker process needs PostgreSQL")
    with django_db_blocker.unblock():
        name = connections[DEFAULT_DB_ALIAS].settings_dict["NAME"]
    test_db = urlunparse(urlparse(database_url)._replace(path=f"/{name}"))
    root = tmp_path_factory.mktemp("fault-worker")
    worker = WorkerProcess(
        database=test_db, redis_url=redis_url, media=root / "media", log=root / "worker.log"
    )
    try:
        worker.wait_ready()
        yield worker
    finally:
        worker.stop()


@pytest.fixture
def real_broker(settings, caplog):
    """Tasks go through the real Redis broker (not run in-process)."""
    redis_url = os.environ.get("REDIS_URL", "")
    need(bool(redis_url) and _reachable(redis_url, 6379), "REDIS_URL not set or Redis unreachable")
    from cchc_portal.celery import app

    previous = (app.conf.broker_url, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    caplog.set_level(logging.INFO, logger="cchc.security")
    settings.CCHC_IMPORT_ASYNC_BYTES = 0  # every upload goes through the worker
    with broker_at(redis_url):
        yield app
    app.conf.task_default_queue = previous[1]
    app.conf.task_always_eager = True


@pytest.fixture
def on_worker(real_broker, worker_process, settings):
    real_broker.conf.task_default_queue = worker_process.queue
    settings.MEDIA_ROOT = worker_process.media
    return worker_process


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, unit, data: bytes):
    url = reverse("import_upload", kwargs={"code": unit.code, "period": "2023", "kind": "dossiers"})
    return client.post(url, {"file": SimpleUploadedFile("hoso.csv", data, "text/csv")})


def finished(job_id: int, *, reap: bool = False):
    def check() -> Job | None:
        if reap:
            jobs_reap()
        job = Job.objects.get(pk=job_id)
        return job if job.is_finished else None

    return check


class TableLocked:
    """Writes to `table` wait (EXCLUSIVE lock from another connection) until the block ends."""

    def __init__(self, table: str) -> None:
        self.table = table
        self.conn = connections.create_connection(DEFAULT_DB_ALIAS)

    def __enter__(self) -> TableLocked:
        self.conn.set_autocommit(False)
        with self.conn.cursor() as cursor:
            cursor.execute(f"LOCK TABLE {self.table} IN EXCLUSIVE MODE")
        return self

    def writer_waiting(self) -> bool:
        with self.conn.cursor() as cursor:
            cursor.execute(
                "SELECT count(*) FROM pg_locks WHERE relation = %s::regclass AND NOT granted",
                [self.table],
            )
            return cursor.fetchone()[0] > 0

    def __exit__(self, *exc: object) -> None:
        self.conn.rollback()
        self.conn.close()


def kill_pool_process(job: Job) -> int:
    host, _sep, pid = job.worker.rpartition(":")
    os.kill(int(pid), signal.SIGKILL)
    return int(pid)


def test_pool_killed_mid_import_ends_done_or_failed_never_half_written(
    client, cast, on_worker, settings
):
    settings.CCHC_JOB_HEARTBEAT_TIMEOUT = 5
    login(client, cast.clerk_a)
    assert upload(client, cast.commune_a, csv_bytes(good_rows(40))).status_code == 302
    job = Job.objects.get()
    job = wait_until(finished(job.pk), timeout=30, message=on_worker.output)
    assert job.status == JobStatus.DONE and job.params["preview"]["created"] == 40
    confirm = reverse(
        "import_confirm",
        kwargs={"code": "21073", "period": "2023", "kind": "dossiers", "job_id": job.pk},
    )
    with TableLocked(Dossier._meta.db_table) as lock:
        assert client.post(confirm).status_code == 302
        # The import is inside its transaction, writing rows: kill its pool process there.
        wait_until(lock.writer_waiting, timeout=30, message=on_worker.output)
        job.refresh_from_db()
        assert job.status == JobStatus.RUNNING and job.attempts == 1
        kill_pool_process(job)
    job = wait_until(finished(job.pk, reap=True), timeout=30, message=on_worker.output)
    assert "WorkerLostError" in on_worker.output() or job.attempts >= 1
    if job.status == JobStatus.DONE:  # handed back to the broker and run again, once
        assert job.attempts == 2
        assert Dossier.objects.filter(unit=cast.commune_a).count() == 40
        assert ImportBatch.objects.count() == 1
    else:  # reaped: a message and a retry, nothing written
        assert job.error and job.can_retry
        assert not Dossier.objects.exists() and not ImportBatch.objects.exists()


def test_pool_killed_mid_render_ends_done_or_failed(client, cast, on_worker, settings):
    settings.CCHC_JOB_HEARTBEAT_TIMEOUT = 5
    load_seed_commune(cast)
    login(client, cast.clerk_a)
    with TableLocked(RenderedDocument._meta.db_table) as lock:
        response = client.post("/u/21073/2023/report/export/pdf/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        wait_until(lock.writer_waiting, timeout=30, message=on_worker.output)
        job = Job.objects.get()
        assert job.status == JobStatus.RUNNING
        kill_pool_process(job)
    job = wait_until(finished(job.pk, reap=True), timeout=30, message=on_worker.output)
    if job.status == JobStatus.DONE:
        assert RenderedDocument.objects.count() == 1
        assert job.result["document"] == RenderedDocument.objects.get().pk
    else:
        assert job.error and job.can_retry and not RenderedDocument.objects.exists()
    fragment = client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    assert "hx-get" not in fragment  # the page stops polling


def test_broker_refused_requests_succeed_and_the_reconciler_sends_the_work(
    client, cast, on_worker, settings, caplog
):
    settings.CCHC_RECOMPUTE_DEBOUNCE = 0
    snapshot = snapshot_refresh(unit=cast.commune_a, period=cast.period, ancestors=False)
    login(client, cast.clerk_a)
    with broker_at(f"redis://127.0.0.1:{closed_port()}/0"):
        started = time.monotonic()
        assert upload(client, cast.commune_a, csv_bytes(good_rows(3))).status_code == 302
        saved = client.post(
            "/u/21073/2023/staff/people/new/",
            {
                "full_name": "Nguyễn Văn An",
                "category": "civil_servant",
                "position": "Công chức Văn phòng - Thống kê",
                "education": "university",
                "political_theory": "intermediate",
                "in_post_from": "2020-01-01",
            },
        )
        assert time.monotonic() - started < 10
    assert saved.status_code == 302, saved.content.decode()[:2000]
    assert Person.objects.filter(full_name="Nguyễn Văn An").exists()  # committed, and said so
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.sent_at is None
    assert "event=job_enqueue_failed" in caplog.text
    settings.CCHC_JOB_DELAYED_AFTER = 0
    assert DELAYED in client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    snapshot.refresh_from_db()
    assert snapshot.changed_at and snapshot.changed_at > snapshot.computed_at

    # The broker is back: the reconciler (beat) sends the job and the lost recompute.
    settings.CCHC_JOB_RESEND_AFTER = 0
    assert jobs_resend() == 1
    assert "event=job_resent" in caplog.text
    assert snapshots_resend() == 1
    job = wait_until(finished(job.pk), timeout=30, message=on_worker.output)
    assert job.status == JobStatus.DONE and job.params["preview"]["created"] == 3
    wait_until(
        lambda: IndicatorSnapshot.objects.get(pk=snapshot.pk).computed_at > snapshot.changed_at,
        timeout=30,
        message=on_worker.output,
    )


def test_broker_stalled_requests_return_within_seconds(client, cast, real_broker, settings):
    with stalled_server() as port:
        stalled = f"redis://127.0.0.1:{port}/0"
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": stalled,
                "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
            }
        }
        login(client, cast.clerk_a)
        with broker_at(stalled):
            started = time.monotonic()
            response = client.post("/u/21073/2023/report/export/pdf/", HTTP_HX_REQUEST="true")
            assert time.monotonic() - started < 8
            assert response.status_code == 200
            started = time.monotonic()
            saved = client.post(
                "/u/21073/2023/staff/people/new/",
                {
                    "full_name": "Trần Văn Bình",
                    "category": "civil_servant",
                    "position": "Công chức Tư pháp - Hộ tịch",
                    "education": "university",
                    "political_theory": "intermediate",
                    "in_post_from": "2020-01-01",
                },
            )
            assert time.monotonic() - started < 8
    assert saved.status_code == 302
    assert Person.objects.filter(full_name="Trần Văn Bình").exists()
    job = Job.objects.get()
    assert job.status == JobStatus.QUEUED and job.sent_at is None
