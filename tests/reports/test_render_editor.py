"""The narrative editor, document settings and export pages."""

from __future__ import annotations

import pytest

from reports.models import DocumentSettings, Job, JobStatus, NarrativeSection, RenderedDocument
from tests.factories import PASSWORD
from tests.helpers.documents import HEADINGS, load_seed_commune

pytestmark = pytest.mark.django_db

BASE = "/u/21073/2023/report/"


@pytest.fixture
def clerk(client, cast):
    client.login(username="clerk.a", password=PASSWORD)
    return client


def test_the_editor_starts_from_the_default_draft_with_live_values(cast, clerk):
    load_seed_commune(cast)
    page = clerk.get(BASE).content.decode()
    assert page.count('class="editor"') == 11
    assert "II.2. Cải cách thủ tục hành chính" in page
    assert "{{ tthc.total }}" in page  # in the textarea and the placeholder list
    assert "1.962" in page and "99,05%" in page  # the preview beside it, resolved


def test_the_preview_resolves_placeholders_and_shows_unknown_ones_and_contradictions(cast, clerk):
    load_seed_commune(cast)
    response = clerk.post(
        BASE + "section/procedures/preview/",
        {"text": "Tổng {{ tthc.total }}, sai {{ tthc.khong_co }}; có 17 hồ sơ trễ hạn."},
        HTTP_HX_REQUEST="true",
    )
    page = response.content.decode()
    assert 'Tổng <span class="value">1.962</span>' in page
    assert "tthc.khong_co" in page and "không tồn tại" in page
    assert "khác chỉ tiêu" in page and "= 18" in page


def test_saving_with_an_unknown_placeholder_shows_the_error_and_keeps_the_text(cast, clerk):
    response = clerk.post(
        BASE + "section/egov/", {"text": "Có {{ egov.khong_co }} tổ.", "version": "0"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Chỉ tiêu không tồn tại: {{ egov.khong_co }}" in page
    assert "Có {{ egov.khong_co }} tổ." in page
    assert not NarrativeSection.objects.exists()


def test_saving_a_section_stores_it_and_the_pdf_uses_it(cast, clerk):
    load_seed_commune(cast)
    response = clerk.post(
        BASE + "section/strengths/",
        {"text": "Tỷ lệ đúng hạn đạt **{{ tthc.on_time_rate }}**.", "version": "0"},
    )
    assert response.status_code == 302 and response["Location"].endswith("#sec-strengths")
    row = NarrativeSection.objects.get(key="strengths")
    assert row.version == 1 and row.updated_by == cast.clerk_a
    html = clerk.get(BASE + "preview/").content.decode()
    assert "Tỷ lệ đúng hạn đạt <strong>99,05%</strong>." in html
    for heading in HEADINGS:
        assert heading in html


def test_a_reviewer_reads_the_editor_but_cannot_save(cast, client):
    client.login(username="reviewer.d", password=PASSWORD)
    assert client.get(BASE).status_code == 200
    response = client.post(BASE + "section/egov/", {"text": "x", "version": "0"})
    assert response.status_code == 403
    assert not NarrativeSection.objects.exists()


def test_a_clerk_of_another_commune_gets_404(cast, client):
    client.login(username="clerk.b", password=PASSWORD)
    assert client.get(BASE).status_code == 404
    assert client.get(BASE + "preview/").status_code == 404


def test_the_approver_sets_the_document_number_and_header_data(cast, client):
    client.login(username="approver.a", password=PASSWORD)
    page = client.get(BASE + "settings/").content.decode()
    assert "ỦY BAN NHÂN DÂN" in page  # defaults derived from the unit
    response = client.post(
        BASE + "settings/",
        {
            "num-doc_number": "5",
            "num-doc_symbol": "bc-ubnd",
            "num-issued_on": "2024-01-05",
            "doc-issuing_body": "ỦY BAN NHÂN DÂN\nXÃ BÌNH PHƯỚC",
            "doc-place_name": "Bình Phước",
            "doc-addressee": "Phòng Nội vụ huyện Bình Sơn",
            "doc-basis": "",
            "doc-recipients": "Như trên\nTT. Đảng ủy xã\nLưu: VT",
            "doc-signer_title": "vice",
            "doc-signer_name": "Trần Thị Hoa",
            "doc-organisation_name": "UBND xã Bình Phước",
        },
    )
    assert response.status_code == 302
    row = DocumentSettings.objects.get(unit=cast.commune_a, period=cast.period)
    assert row.signer_name == "Trần Thị Hoa"
    html = client.get(BASE + "preview/").content.decode()
    for expected in (
        "Số: 05/BC-UBND",
        "Bình Phước, ngày 05 tháng 01 năm 2024",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "- Như trên;",
        "- Lưu: VT.",
    ):
        assert expected in html, expected


def test_a_clerk_cannot_change_the_document_settings(cast, clerk):
    assert clerk.post(BASE + "settings/", {"num-doc_number": "9"}).status_code == 403


def test_export_creates_a_job_and_the_file_is_downloadable(
    cast, clerk, django_capture_on_commit_callbacks
):
    load_seed_commune(cast)
    with django_capture_on_commit_callbacks(execute=True):
        response = clerk.post(BASE + "export/pdf/", HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert "<progress" in response.content.decode()
    job = Job.objects.get()
    assert job.status == JobStatus.DONE, job.error  # eager in unit tests
    doc = RenderedDocument.objects.get(pk=job.result["document"])
    download = clerk.get(job.result["redirect"])
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")
    assert doc.sha256 == job.result["sha256"]
    client_b = clerk
    client_b.login(username="clerk.b", password=PASSWORD)
    assert client_b.get(job.result["redirect"]).status_code == 404
