"""Rendering through a real Celery worker: the request does not wait, the job row reports."""

from __future__ import annotations

import pytest

from reports.models import Job, JobStatus, RenderedDocument
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune, pdf_text
from tests.helpers.waiting import tasks_held, wait_until

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def wait_for(job_id: int) -> Job:
    def finished() -> Job | None:
        job = Job.objects.get(pk=job_id)
        return job if job.is_finished else None

    return wait_until(finished, timeout=60, message=f"job {job_id} did not finish")


def test_the_pdf_is_rendered_by_a_worker_and_then_served_from_storage(cast, client, celery_worker):
    load_seed_commune(cast)
    client.login(username="clerk.a", password=PASSWORD)
    with tasks_held():
        response = client.post("/u/21073/2023/report/export/pdf/", HTTP_HX_REQUEST="true")
        assert response.status_code == 200
        page = response.content.decode()
        assert "<progress" in page and "hx-get" in page  # the browser polls the job row
        job = Job.objects.get()
        # The worker cannot render before this block ends: the request did not hold the rendering.
        assert not job.is_finished
    job = wait_for(job.pk)
    assert job.status == JobStatus.DONE, job.error
    assert job.progress == 100
    fragment = client.get(f"/jobs/{job.pk}/?fragment=1").content.decode()
    assert job.result["redirect"] in fragment
    download = client.get(job.result["redirect"])
    data = b"".join(download.streaming_content)
    assert "1.962" in pdf_text(data)

    client.post("/u/21073/2023/report/export/pdf/", HTTP_HX_REQUEST="true")
    second = wait_for(Job.objects.order_by("-pk").first().pk)
    assert second.result["document"] == job.result["document"]
    assert RenderedDocument.objects.count() == 1
