"""Issue 10, point 13: one tested backup and restore of the database AND the stored files."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from django.conf import settings as dj_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.urls import reverse

from imports.models import ImportBatch
from orgs.backup import stored_files_check
from reports.models import DocumentKind, Job, RenderedDocument
from reports.rendering.services import document_store
from reports.services import report_get_or_create
from tests.conftest import need
from tests.factories import PASSWORD
from tests.tthc.importdata import csv_bytes, good_rows
from tthc.models import Dossier

PDF = b"%PDF-1.7\n% signed report bytes \x00\x01\x02\n%%EOF\n"


def make_data(cast, client) -> tuple[RenderedDocument, ImportBatch]:
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    doc = document_store(
        report=report, kind=DocumentKind.SIGNED, content=PDF, data_hash="d" * 64, pages=1, by=None
    )
    assert client.login(username="clerk.a", password=PASSWORD)
    f = SimpleUploadedFile("hoso.csv", csv_bytes(good_rows(3)), content_type="text/csv")
    kw = {"code": "21073", "period": "2023", "kind": "dossiers"}
    client.post(reverse("import_upload", kwargs=kw), {"file": f})
    job = Job.objects.get()
    client.post(reverse("import_confirm", kwargs={**kw, "job_id": job.pk}))
    return doc, ImportBatch.objects.get()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_backup_wipe_restore_round_trips_records_and_files(cast, client, tmp_path):
    need(connection.vendor == "postgresql", "the pg_dump/pg_restore round trip needs PostgreSQL")
    need(bool(shutil.which("pg_dump")), "pg_dump (postgresql-client) is not installed")
    doc, batch = make_data(cast, client)
    doc_pk, doc_name, batch_pk = doc.pk, doc.file.name, batch.pk
    media = Path(dj_settings.MEDIA_ROOT)
    out = tmp_path / "backup"
    call_command("backup", "--out", str(out))
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["database"]["engine"] == "postgresql"
    assert (out / "db.dump").is_file() and (out / "media.tar.gz").is_file()
    assert manifest["files"][doc_name] == hashlib.sha256(PDF).hexdigest()
    assert batch.file.name in manifest["files"]

    # Disaster: every table emptied (this test's own database) and the media directory gone.
    call_command("flush", "--no-input")
    shutil.rmtree(media)
    assert not RenderedDocument.objects.exists() and not media.exists()

    call_command("restore", str(out))
    call_command("check_files")
    assert stored_files_check() == []
    doc = RenderedDocument.objects.get(pk=doc_pk)
    with doc.file.open("rb") as fh:
        assert fh.read() == PDF  # byte-identical
    assert ImportBatch.objects.get(pk=batch_pk).file.name == batch.file.name
    assert Dossier.objects.filter(unit__code="21073").count() == 3
    # The restored portal serves the restored document.
    assert client.login(username="clerk.a", password=PASSWORD)
    url = reverse("document_download", kwargs={"code": "21073", "period": "2023", "pk": doc_pk})
    assert b"".join(client.get(url).streaming_content) == PDF


@pytest.mark.django_db
def test_check_files_names_every_missing_or_altered_file(cast, client):
    doc, batch = make_data(cast, client)
    call_command("check_files")  # all present
    media = Path(dj_settings.MEDIA_ROOT)
    (media / doc.file.name).write_bytes(PDF + b"tampered")
    with pytest.raises(CommandError) as exc:
        call_command("check_files")
    assert f"reports.RenderedDocument.file #{doc.pk}: {doc.file.name} SHA-256" in str(exc.value)
    shutil.rmtree(media)
    with pytest.raises(CommandError) as exc:
        call_command("check_files")
    text = str(exc.value)
    assert f"{doc.file.name} missing" in text
    assert f"imports.ImportBatch.file #{batch.pk}: {batch.file.name} missing" in text
    assert "reports.Job.input_file" in text  # the stored upload of the import job too


@pytest.mark.django_db
def test_restore_refuses_a_damaged_backup(cast, client, tmp_path):
    make_data(cast, client)
    out = tmp_path / "b"
    if connection.vendor != "postgresql" or not shutil.which("pg_dump"):
        pytest.skip("needs pg_dump")
    call_command("backup", "--out", str(out))
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", "--out", str(out))
    with open(out / "media.tar.gz", "ab") as fh:
        fh.write(b"x")
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(out))
    assert RenderedDocument.objects.count() == 1  # nothing was touched
