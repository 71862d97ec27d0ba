"""Snapshots: stored figures and validation per (unit, period), kept fresh by debounced jobs."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest

from orgs.models import Period
from plans.models import PlanTask
from reports.indicators import compute, to_json
from reports.models import IndicatorSnapshot, Job, JobStatus
from reports.recompute import records_changed
from reports.snapshots import snapshot_get, snapshot_refresh, snapshot_refresh_period
from tests.helpers.dossiers import dossier, local, make
from tests.helpers.waiting import wait_until


@pytest.fixture(autouse=True)
def _own_cache_keys(settings):
    """Debounce keys under a prefix of this test only (never flush the shared Redis db, which
    also holds Celery results of other tests)."""
    default = {**settings.CACHES["default"], "KEY_PREFIX": f"h3t-{uuid.uuid4().hex}"}
    settings.CACHES = {"default": default}


@pytest.mark.django_db
def test_a_refresh_stores_the_spec_json_and_refreshes_the_ancestors(cast):
    make(dossier(cast.commune_a, received=local(2023, 4, 1)))
    snap = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert snap.values == to_json(compute(cast.commune_a, cast.period))
    assert snap.values["tthc.received_new"] == 1
    for parent in (cast.district, cast.province):
        stored = IndicatorSnapshot.objects.get(unit=parent, period=cast.period)
        assert stored.values["tthc.received_new"] == 1
    assert not IndicatorSnapshot.objects.filter(unit=cast.commune_b).exists()


@pytest.mark.django_db
def test_refreshing_twice_keeps_one_snapshot_with_the_same_figures(cast):
    first = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    second = snapshot_refresh(unit=cast.commune_a, period=cast.period)
    assert first.pk == second.pk
    assert first.data_version == second.data_version
    assert IndicatorSnapshot.objects.filter(unit=cast.commune_a).count() == 1


@pytest.mark.django_db
def test_snapshot_get_computes_a_missing_snapshot(cast):
    assert snapshot_get(unit=cast.commune_b, period=cast.period).computed_at is not None


@pytest.mark.django_db
def test_the_period_refresh_covers_every_unit(cast):
    assert snapshot_refresh_period(period=cast.period) == 6
    assert IndicatorSnapshot.objects.filter(period=cast.period).count() == 6


@pytest.mark.django_db
def test_many_changes_schedule_one_recomputation(cast, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        scheduled = sum(
            records_changed(unit=cast.commune_a, period=cast.period) for _ in range(1000)
        )
    assert scheduled == 1
    assert len(callbacks) == 1
    # eager in unit tests: the job ran on commit
    assert IndicatorSnapshot.objects.filter(unit=cast.commune_a, period=cast.period).exists()


@pytest.mark.django_db
def test_without_a_period_every_open_period_is_scheduled(cast, django_capture_on_commit_callbacks):
    Period.objects.create(code="2023Q1", start=dt.date(2023, 1, 1), end=dt.date(2023, 3, 31))
    Period.objects.create(
        code="2022", start=dt.date(2021, 12, 15), end=dt.date(2022, 10, 31), is_closed=True
    )
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert records_changed(unit=cast.commune_a) == 2
    assert len(callbacks) == 2


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_recomputes_once_after_a_burst_of_changes(cast, celery_worker, settings):
    settings.CCHC_RECOMPUTE_DEBOUNCE = 1
    from django.db import transaction

    for i in range(50):
        with transaction.atomic():
            PlanTask.objects.create(unit=cast.commune_a, period=cast.period, title=f"t{i}")
            records_changed(unit=cast.commune_a, period=cast.period)
    assert wait_until(
        lambda: IndicatorSnapshot.objects.filter(
            unit=cast.commune_a, period=cast.period, values__contains={"plan.tasks": 50}
        ).exists(),
        timeout=30,
        message="the commune's snapshot never counted the 50 tasks",
    )
    # the district's snapshot includes the commune's figures
    assert (
        IndicatorSnapshot.objects.get(unit=cast.district, period=cast.period).values["plan.tasks"]
        == 50
    )


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_recompute_now_runs_as_a_job_through_a_real_worker(cast, celery_worker):
    from reports.jobs import job_create
    from reports.tasks import recompute_job

    job = job_create(kind="recompute", unit=cast.commune_a, period=cast.period)
    recompute_job.delay(job.pk)
    assert wait_until(
        lambda: Job.objects.get(pk=job.pk).is_finished,
        timeout=30,
        message="the recompute job did not finish",
    )
    job.refresh_from_db()
    assert job.status == JobStatus.DONE, job.error
    assert job.progress == 100
    assert job.result["redirect"].endswith("/indicators/")
    assert IndicatorSnapshot.objects.filter(unit=cast.commune_a, period=cast.period).exists()


@pytest.mark.worker
@pytest.mark.django_db(transaction=True)
def test_the_nightly_refresh_task_runs_on_a_real_worker(cast, celery_worker):
    from reports.tasks import refresh_open_periods

    refresh_open_periods.delay()
    assert wait_until(
        lambda: IndicatorSnapshot.objects.filter(period=cast.period).count() == 6,
        timeout=30,
        message="the nightly refresh did not write the six units' snapshots",
    )
