"""The register of documents from a spreadsheet, through the browser flow: upload → preview →
confirm; headers in Vietnamese or their [English] names; all-or-nothing; idempotent; locked."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from imports.models import ImportBatch
from plans.models import DocumentType, RegisteredDocument
from reports.models import Job, JobKind
from tests.imports.filedata import xlsx_bytes

pytestmark = pytest.mark.django_db

HEADERS = ["Loại văn bản", "Số", "Ký hiệu", "Ngày ban hành", "Cơ quan ban hành", "Trích yếu"]
ROWS = [
    [
        "Quyết định",
        "690",
        "QĐ-UBND",
        "30/12/2022",
        "UBND xã Bình Phước",
        "Ban hành Kế hoạch CCHC năm 2023",
    ],
    [
        "KH",
        "18",
        "KH-UBND",
        "22/02/2023",
        "UBND xã Bình Phước",
        "Tuyên truyền cải cách hành chính năm 2023",
    ],
    ["Kế hoạch", "17", "KH-UBND", "", "UBND xã Bình Phước", "Truyền thông về kiểm soát TTHC"],
    [
        "Nghị định",
        "61/2018",
        "NĐ-CP",
        "23/04/2018",
        "Chính phủ",
        "Thực hiện cơ chế một cửa, một cửa liên thông",
    ],
]


def csv_bytes(rows, headers=HEADERS, sep=",") -> bytes:
    def cell(v):
        v = str(v)
        return f'"{v}"' if sep in v or '"' in v else v

    lines = [sep.join(cell(h) for h in headers)] + [sep.join(cell(c) for c in r) for r in rows]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def url(name, unit, **kw):
    return reverse(name, kwargs={"code": unit.code, "period": "2023", **kw})


@pytest.fixture
def clerk(client, cast):
    client.force_login(cast.clerk_a)
    return client


def upload(client, unit, data: bytes, name="sovanban.csv"):
    f = SimpleUploadedFile(name, data, content_type="text/csv")
    return client.post(url("import_upload", unit, kind="documents"), {"file": f})


def confirm(client, unit):
    job = Job.objects.filter(kind=JobKind.IMPORT_DOCUMENTS).latest("pk")
    return client.post(url("import_confirm", unit, kind="documents", job_id=job.pk))


def test_the_import_page_offers_the_register_and_its_template(clerk, cast):
    html = clerk.get(url("import_index", cast.commune_a)).content.decode()
    assert "Sổ văn bản" in html
    template = clerk.get(url("import_template", cast.commune_a, kind="documents", fmt="csv"))
    body = b"".join(template.streaming_content) if template.streaming else template.content
    assert body.decode("utf-8-sig").splitlines()[0].split(",")[:3] == [
        "Loại văn bản",
        "Số",
        "Ký hiệu",
    ]


def test_upload_preview_confirm_writes_the_register_once(clerk, cast):
    resp = upload(clerk, cast.commune_a, csv_bytes(ROWS))
    assert resp.status_code == 302
    html = clerk.get(resp["Location"]).content.decode()
    assert 'id="count-created">4<' in html and 'id="confirm-import"' in html
    assert not RegisteredDocument.objects.exists()  # a preview writes nothing
    done = confirm(clerk, cast.commune_a)
    assert done.status_code == 302
    docs = {d.reference: d for d in RegisteredDocument.objects.filter(unit=cast.commune_a)}
    assert set(docs) == {"690/QĐ-UBND", "18/KH-UBND", "17/KH-UBND", "61/2018/NĐ-CP"}
    assert docs["18/KH-UBND"].doc_type == DocumentType.PLAN
    assert docs["690/QĐ-UBND"].doc_type == DocumentType.DECISION
    assert str(docs["61/2018/NĐ-CP"].issued_on) == "2018-04-23"
    assert docs["17/KH-UBND"].issued_on is None
    assert all(d.period == cast.period for d in docs.values())
    assert ImportBatch.objects.get().kind == ImportBatch.Kind.DOCUMENTS

    # the same file again: nothing to import
    again = upload(clerk, cast.commune_a, csv_bytes(ROWS))
    html = clerk.get(again["Location"]).content.decode()
    assert 'id="count-created">0<' in html and 'id="count-unchanged">4<' in html


def test_english_headers_and_xlsx_read_the_same(clerk, cast):
    english = ["doc_type", "number", "symbol", "issued_on", "issuer", "subject"]
    rows = [list(r) for r in ROWS]
    rows[0][1] = 690  # a number cell in the spreadsheet
    resp = upload(clerk, cast.commune_a, xlsx_bytes(rows, headers=english), name="sovanban.xlsx")
    assert 'id="count-created">4<' in clerk.get(resp["Location"]).content.decode()
    confirm(clerk, cast.commune_a)
    assert RegisteredDocument.objects.filter(number="690", symbol="QĐ-UBND").exists()


def test_a_bad_row_imports_nothing_and_names_line_and_column(clerk, cast):
    rows = [list(r) for r in ROWS]
    rows[1][0] = "Tờ trình lạ"
    rows[2][3] = "31/02/2023"
    rows[3][5] = ""
    resp = upload(clerk, cast.commune_a, csv_bytes(rows, sep=";"))
    html = clerk.get(resp["Location"]).content.decode()
    assert 'id="count-errors">3<' in html and 'id="confirm-import"' not in html
    assert "Tờ trình lạ" in html and "31/02/2023" in html and "Trích yếu" in html
    confirm(clerk, cast.commune_a)
    assert not RegisteredDocument.objects.exists()


def test_the_same_document_twice_in_a_file_is_an_error(clerk, cast):
    resp = upload(clerk, cast.commune_a, csv_bytes([*ROWS, ROWS[1]]))
    html = clerk.get(resp["Location"]).content.decode()
    assert "Trùng với dòng 3" in html and 'id="confirm-import"' not in html


def test_a_missing_required_column_is_named(clerk, cast):
    headers = HEADERS[:4] + HEADERS[5:]
    rows = [r[:4] + r[5:] for r in ROWS]
    resp = upload(clerk, cast.commune_a, csv_bytes(rows, headers=headers))
    html = clerk.get(resp["Location"]).content.decode()
    assert "Cơ quan ban hành" in html and 'id="confirm-import"' not in html


def test_the_register_of_a_submitted_period_is_not_imported(clerk, cast):
    from reports.models import Report, ReportState

    Report.objects.create(unit=cast.commune_a, period=cast.period, state=ReportState.SUBMITTED)
    resp = upload(clerk, cast.commune_a, csv_bytes(ROWS))
    location = resp.get("Location")
    html = (clerk.get(location) if location else resp).content.decode()
    assert "đã gửi" in html
    assert not RegisteredDocument.objects.exists()
