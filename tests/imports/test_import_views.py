"""The browser import flow: upload → preview with counts and every error → confirm."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportBatch
from reports.models import Job
from tests.factories import PASSWORD
from tests.tthc.importdata import csv_bytes, good_rows, row, xlsx_bytes
from tthc.models import Dossier, Procedure

pytestmark = pytest.mark.django_db


def url(name, unit, period="2023", **kw):
    return reverse(name, kwargs={"code": unit.code, "period": period, **kw})


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def upload(client, unit, data: bytes, name="hoso.csv", kind="dossiers"):
    f = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(url("import_upload", unit, kind=kind), {"file": f})


def test_clerk_uploads_sees_counts_then_confirms(client, cast):
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, csv_bytes(good_rows(3)))
    assert resp.status_code == 302
    preview = client.get(resp["Location"])
    html = preview.content.decode()
    assert 'id="count-created">3<' in html and 'id="confirm-import"' in html
    # The first rows as they will be stored: one table row per data row, values as printed.
    sample = html[
        html.index('id="import-sample"') : html.index("</table>", html.index('id="import-sample"'))
    ]
    assert sample.count("<tr>") == 1 + 3  # header + three rows
    assert "Mã hồ sơ" in sample and "Ngày tiếp nhận" in sample
    assert not Dossier.objects.exists()
    job = Job.objects.get()
    assert job.unit == cast.commune_a and job.params["preview"]["created"] == 3
    done = client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job.pk))
    assert done.status_code == 302
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 3
    page = client.get(done["Location"]).content.decode()
    assert 'id="import-done"' in page and 'id="confirm-import"' not in page
    # Confirming twice does not import twice.
    client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job.pk))
    assert ImportBatch.objects.count() == 1


def test_bad_file_preview_lists_every_error_and_offers_no_confirm(client, cast):
    login(client, cast.clerk_a)
    rows = good_rows(3)
    rows[0] = row("HS-1", **{"Ngày tiếp nhận": "31/02/2023"})
    rows[2] = row("HS-3", **{"Hình thức nộp": "Fax"})
    resp = upload(client, cast.commune_a, csv_bytes(rows, sep=";"))
    html = client.get(resp["Location"]).content.decode()
    assert 'id="count-errors">2<' in html
    assert "31/02/2023" in html and "Fax" in html and "Ngày tiếp nhận" in html
    assert 'id="confirm-import"' not in html
    job = Job.objects.get()
    client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job.pk))
    assert not Dossier.objects.exists()


def test_xlsx_upload_works_like_csv(client, cast):
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, xlsx_bytes(good_rows(2)), name="hoso.xlsx")
    assert 'id="count-created">2<' in client.get(resp["Location"]).content.decode()


@pytest.mark.parametrize(
    ("data", "name", "fragment"),
    [
        (b"%PDF-1.7", "baocao.pdf", "chỉ nhận tệp .csv"),
        (b"not a zip", "hoso.xlsx", "không phải tệp Excel hợp lệ"),
        (b"", "hoso.csv", "rỗng"),
    ],
)
def test_wrong_type_or_empty_upload_is_refused_with_a_clear_message(
    client, cast, data, name, fragment
):
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, data, name=name)
    assert resp.status_code == 400
    assert fragment in resp.content.decode()
    assert not Job.objects.exists()


def test_upload_over_the_size_limit_is_refused(client, cast, settings):
    settings.CCHC_MAX_UPLOAD_BYTES = 200
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, csv_bytes(good_rows(5)))
    assert resp.status_code == 400 and "quá lớn" in resp.content.decode()


def test_reviewer_may_not_import_and_other_commune_is_404(client, cast):
    login(client, cast.reviewer)
    assert upload(client, cast.commune_a, csv_bytes(good_rows(1))).status_code == 403
    client.logout()
    login(client, cast.clerk_b)
    assert upload(client, cast.commune_a, csv_bytes(good_rows(1))).status_code == 404
    assert client.get(url("import_index", cast.commune_a)).status_code == 404


def test_pending_upload_of_another_unit_is_not_reachable(client, cast):
    login(client, cast.clerk_a)
    upload(client, cast.commune_a, csv_bytes(good_rows(1)))
    job = Job.objects.get()
    client.logout()
    login(client, cast.clerk_b)
    resp = client.post(url("import_confirm", cast.commune_b, kind="dossiers", job_id=job.pk))
    assert resp.status_code == 404
    assert not Dossier.objects.exists()


def test_only_an_admin_imports_the_procedure_catalogue(client, cast):
    data = "Mã TTHC,Tên TTHC,Lĩnh vực,Mức độ DVC,Nhóm liên thông\r\n1.001,Khai sinh,Hộ tịch,Toàn trình,\r\n".encode()
    login(client, cast.clerk_a)
    assert upload(client, cast.commune_a, data, kind="procedures").status_code == 403
    client.logout()
    login(client, cast.admin)
    resp = upload(client, cast.commune_a, data, kind="procedures")
    job = Job.objects.get()
    client.post(url("import_confirm", cast.commune_a, kind="procedures", job_id=job.pk))
    assert Procedure.objects.get(code="1.001").online_level == "full"
    assert resp.status_code == 302


def test_staff_preview_shows_the_rows_as_they_will_be_stored(client, cast):
    login(client, cast.clerk_a)
    data = (
        '"Họ và tên",Loại,"Chức vụ, chức danh",Trình độ chuyên môn,Trình độ lý luận chính trị\r\n'
        "Trần Văn A,Cán bộ,Chủ tịch UBND,Đại học,Cao cấp\r\n"
        "Lê Thị B,Công chức,Công chức Tư pháp - Hộ tịch,Cao đẳng,Trung cấp\r\n"
    ).encode()
    resp = upload(client, cast.commune_a, data, name="canbo.csv", kind="staff")
    assert resp.status_code == 302
    html = client.get(resp["Location"]).content.decode()
    sample = html[
        html.index('id="import-sample"') : html.index("</table>", html.index('id="import-sample"'))
    ]
    assert sample.count("<tr>") == 1 + 2
    assert "Trần Văn A" in sample and "Công chức Tư pháp - Hộ tịch" in sample


def test_staff_upload_goes_through_the_same_flow(client, cast):
    from staff.models import Person

    data = (
        "Họ và tên,Loại,Chức vụ, chức danh,Trình độ chuyên môn,Trình độ lý luận chính trị\r\n"
    ).replace("Chức vụ, chức danh", '"Chức vụ, chức danh"')
    data += "Nguyễn Văn An,Cán bộ,Chủ tịch UBND,Đại học,Cao cấp\r\n"
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, data.encode(), kind="staff")
    assert 'id="count-created">1<' in client.get(resp["Location"]).content.decode()
    job = Job.objects.get()
    client.post(url("import_confirm", cast.commune_a, kind="staff", job_id=job.pk))
    assert Person.objects.get().unit == cast.commune_a


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_template_files_carry_the_exact_headers(client, cast, fmt):
    login(client, cast.clerk_a)
    resp = client.get(url("import_template", cast.commune_a, kind="dossiers", fmt=fmt))
    assert resp.status_code == 200
    from imports.reader import open_table
    from tests.tthc.importdata import HEADERS
    from tests.tthc.importdata import upload as as_file

    table = open_table(as_file(resp.content, f"mau.{fmt}"), name=f"mau.{fmt}")
    assert [str(h) for h in table.headers] == HEADERS


def test_index_lists_kinds_and_recent_imports(client, cast):
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, csv_bytes(good_rows(2)))
    job = Job.objects.get()
    client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job.pk))
    html = client.get(url("import_index", cast.commune_a)).content.decode()
    assert "hoso.csv" in html and url("import_upload", cast.commune_a, kind="staff") in html
    # The catalogue is not offered to a clerk.
    assert url("import_upload", cast.commune_a, kind="procedures") not in html
    assert resp.status_code == 302


@pytest.mark.django_db(transaction=True)
def test_large_file_is_checked_and_imported_by_a_celery_job(client, celery_worker, settings):
    from tests.factories import make_cast
    from tests.helpers.waiting import wait_until

    cast = make_cast()
    settings.CCHC_IMPORT_ASYNC_BYTES = 10
    login(client, cast.clerk_a)
    resp = upload(client, cast.commune_a, csv_bytes(good_rows(50)))
    job = Job.objects.get()

    def wait(key):
        def done() -> bool:
            job.refresh_from_db()
            return bool(job.params.get(key)) and job.status == "done"

        wait_until(
            done,
            timeout=30,
            message=lambda: f"job did not finish: {job.status} {job.error}",
        )

    wait("preview")
    assert job.params["preview"]["created"] == 50 and job.result["redirect"]
    html = client.get(resp["Location"]).content.decode()
    assert 'id="confirm-import"' in html
    client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job.pk))
    wait("imported")
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 50


@pytest.mark.django_db(transaction=True)
def test_job_progress_is_written_outside_the_import_transaction():
    from django.db import transaction

    from imports.services import _job_progress_writer

    job = Job.objects.create(kind="import_dossiers")
    progress, close = _job_progress_writer(job.pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        progress(0.42, "Đã đọc 42 000 dòng")
        raise RuntimeError  # the import's transaction rolls back; the progress stays
    close()
    job.refresh_from_db()
    assert (job.progress, job.message) == (42, "Đã đọc 42 000 dòng")


@pytest.mark.parametrize(
    ("kind", "header"),
    [
        ("dossiers", "Ngày tiếp nhận"),
        ("staff", "Trình độ lý luận chính trị"),
        ("budget", "Kế hoạch (đồng)"),
        ("investment", "Dự án, công trình"),
    ],
)
def test_every_unit_import_kind_has_an_upload_page_and_templates(client, cast, kind, header):
    login(client, cast.approver_a)
    page = client.get(url("import_upload", cast.commune_a, kind=kind))
    assert page.status_code == 200 and header in page.content.decode()
    # Every column is listed with the English name the page promises, in square brackets.
    from imports.registry import import_kinds

    html = page.content.decode()
    for column in import_kinds.get(kind).columns():
        assert f"<code>[{column.alias}]</code>" in html
    for fmt in ("csv", "xlsx"):
        resp = client.get(url("import_template", cast.commune_a, kind=kind, fmt=fmt))
        assert resp.status_code == 200 and resp["Content-Disposition"].endswith(f'.{fmt}"')
    assert client.get(url("import_upload", cast.commune_a, kind="nope")).status_code == 404


def test_abandoned_previews_are_purged_with_their_files_imports_stay(client, cast, settings):
    import datetime as dt

    from django.utils import timezone

    from imports.services import import_jobs_purge

    login(client, cast.clerk_a)
    upload(client, cast.commune_a, csv_bytes(good_rows(2)))  # previewed, then left
    upload(client, cast.commune_a, b"Ma ho so\r\n", name="hong.csv")  # refused by the preview
    imported = upload(client, cast.commune_a, csv_bytes(good_rows(3)))
    job_id = int(imported["Location"].rstrip("/").rsplit("/", 1)[-1])
    client.post(url("import_confirm", cast.commune_a, kind="dossiers", job_id=job_id))
    fresh = upload(client, cast.commune_a, csv_bytes(good_rows(1)))  # today's preview
    fresh_id = int(fresh["Location"].rstrip("/").rsplit("/", 1)[-1])
    assert Job.objects.count() == 4
    old = timezone.now() - dt.timedelta(hours=settings.CCHC_IMPORT_KEEP_HOURS + 1)
    Job.objects.exclude(pk=fresh_id).update(created_at=old)
    stale = list(Job.objects.filter(created_at=old).exclude(pk=job_id))
    storage = stale[0].input_file.storage
    assert all(storage.exists(j.input_file.name) for j in stale)

    assert import_jobs_purge() == 2
    assert set(Job.objects.values_list("pk", flat=True)) == {job_id, fresh_id}
    assert not any(storage.exists(j.input_file.name) for j in stale)
    assert Dossier.objects.filter(unit=cast.commune_a).count() == 3  # nothing imported is lost
    # The purged preview's page is gone (404), the import's page stays.
    gone = url("import_preview", cast.commune_a, kind="dossiers", job_id=stale[0].pk)
    assert client.get(gone).status_code == 404
    kept = url("import_preview", cast.commune_a, kind="dossiers", job_id=job_id)
    assert client.get(kept).status_code == 200
