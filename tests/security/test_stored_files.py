"""Issue 10, point 8: stored files are never public by URL; only scoped views serve them, and
their names cannot be guessed."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

import pytest
from django.conf import settings as dj_settings
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches, reverse

from common.files import RandomName, random_token
from imports.models import ImportBatch
from reports.jobs import job_create
from reports.models import DocumentKind, Job, JobKind, RenderedDocument
from reports.rendering.services import document_store
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.tthc.importdata import csv_bytes, good_rows

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n% a stored document\n%%EOF\n"
TOKEN = re.compile(r"^[A-Za-z0-9_-]{32}$")  # 24 random bytes, URL-safe base64


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def stored_document(cast) -> RenderedDocument:
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    return document_store(
        report=report, kind=DocumentKind.FINAL, content=PDF, data_hash="x" * 64, pages=1, by=None
    )


def imported_batch(client, cast) -> ImportBatch:
    login(client, cast.clerk_a)
    f = SimpleUploadedFile("d21073-hoso.csv", csv_bytes(good_rows(2)), content_type="text/csv")
    resp = client.post(
        reverse("import_upload", kwargs={"code": "21073", "period": "2023", "kind": "dossiers"}),
        {"file": f},
    )
    job = Job.objects.get()
    client.post(
        reverse(
            "import_confirm",
            kwargs={"code": "21073", "period": "2023", "kind": "dossiers", "job_id": job.pk},
        )
    )
    assert resp.status_code == 302
    client.logout()
    return ImportBatch.objects.get()


def stem(name: str) -> str:
    return Path(name).name.split(".", 1)[0]


def test_stored_names_are_random_tokens_of_at_least_128_bits(cast, client):
    doc = stored_document(cast)
    batch = imported_batch(client, cast)
    job = Job.objects.get()
    for name in (doc.file.name, batch.file.name, job.input_file.name):
        assert TOKEN.match(stem(name)), name
        # Nothing of the unit, period or the user's file name is in the path.
        assert "21073" not in name and "2023" not in Path(name).name and "hoso" not in name
    assert doc.file.name.startswith("reports/") and doc.file.name.endswith(".pdf")
    assert batch.file.name.startswith("imports/") and batch.file.name.endswith(".csv")
    assert job.input_file.name.startswith("jobs/in/")
    # 24 bytes = 192 bits from secrets; every call differs.
    assert len({random_token() for _ in range(1000)}) == 1000
    upload_to = RandomName("jobs/out")
    assert upload_to(None, "a.csv") != upload_to(None, "a.csv")
    evil = upload_to(None, "../../etc/passwd")  # the user's name never shapes the path
    assert re.match(r"^jobs/out/\d{4}/\d{2}/[A-Za-z0-9_-]{32}$", evil), evil
    # The original name is kept only for the download (Content-Disposition).
    assert batch.original_name == "d21073-hoso.csv"


def test_rendered_document_is_served_only_in_scope(cast, client):
    doc = stored_document(cast)
    url = reverse("document_download", kwargs={"code": "21073", "period": "2023", "pk": doc.pk})
    assert client.get(url).status_code == 302  # anonymous: to the login page, no file
    login(client, cast.clerk_b)
    assert client.get(url).status_code == 404
    # The same document id under the sibling's own URL is not found either.
    other = reverse("document_download", kwargs={"code": "21061", "period": "2023", "pk": doc.pk})
    assert client.get(other).status_code == 404
    login(client, cast.other_reviewer)
    assert client.get(url).status_code == 404
    for user in (cast.clerk_a, cast.reviewer):
        login(client, user)
        resp = client.get(url)
        assert resp.status_code == 200
        assert b"".join(resp.streaming_content) == PDF
        assert 'filename="bao-cao-cchc-21073-2023.pdf"' in resp["Content-Disposition"]


def test_import_file_is_served_only_in_scope_under_its_original_name(cast, client):
    batch = imported_batch(client, cast)
    url = reverse("import_batch_file", kwargs={"code": "21073", "period": "2023", "pk": batch.pk})
    assert client.get(url).status_code == 302
    for user in (cast.clerk_b, cast.other_reviewer):
        login(client, user)
        assert client.get(url).status_code == 404
        other = reverse(
            "import_batch_file", kwargs={"code": "21061", "period": "2023", "pk": batch.pk}
        )
        assert client.get(other).status_code == 404
    login(client, cast.clerk_a)
    page = client.get(reverse("import_index", kwargs={"code": "21073", "period": "2023"}))
    assert url in page.content.decode()
    resp = client.get(url)
    assert resp.status_code == 200
    assert 'filename="d21073-hoso.csv"' in resp["Content-Disposition"]
    with batch.file.open("rb") as fh:
        assert b"".join(resp.streaming_content) == fh.read()


def test_job_result_file_is_served_only_in_scope(cast, client):
    job = job_create(kind=JobKind.EXPORT, by=cast.clerk_a, unit=cast.commune_a, period=cast.period)
    job.params = {"download_name": "ho-so-21073.csv"}
    job.result_file.save("export.csv", ContentFile(b"a;b\n1;2\n"), save=False)
    job.save()
    assert TOKEN.match(stem(job.result_file.name))
    url = reverse("job_file", args=[job.pk])
    assert client.get(url).status_code == 404  # anonymous
    for user in (cast.clerk_b, cast.other_reviewer):
        login(client, user)
        assert client.get(url).status_code == 404
        assert client.get(reverse("job_status", args=[job.pk])).status_code == 404
    login(client, cast.approver_a)
    status = client.get(reverse("job_status", args=[job.pk])).json()
    assert status["result_url"] == url
    assert url in client.get(reverse("job_status", args=[job.pk]) + "?fragment=1").content.decode()
    resp = client.get(url)
    assert resp.status_code == 200 and b"".join(resp.streaming_content) == b"a;b\n1;2\n"
    assert 'filename="ho-so-21073.csv"' in resp["Content-Disposition"]
    assert resp["Cache-Control"] == "private, no-store"


def test_media_url_answers_404_even_with_debug(cast, client, settings):
    """The reproduction of issue 10: with DEBUG=1, /media/<path> served every stored file."""
    doc = stored_document(cast)
    path = Path(dj_settings.MEDIA_ROOT) / doc.file.name
    assert path.is_file()
    import cchc_portal.urls

    settings.DEBUG = True
    try:
        importlib.reload(cchc_portal.urls)
        clear_url_caches()
        for user in (None, cast.clerk_a, cast.admin):
            if user is not None:
                login(client, user)
            assert client.get("/media/" + doc.file.name).status_code == 404
            assert client.get("/" + dj_settings.MEDIA_URL.strip("/") + "/").status_code == 404
    finally:
        settings.DEBUG = False
        importlib.reload(cchc_portal.urls)
        clear_url_caches()
