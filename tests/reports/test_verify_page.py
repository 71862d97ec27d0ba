"""The verification page: any uploaded PDF, each signature intact or not, who signed, trust."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from reports.models import Report, ReportState
from reports.services import report_get_or_create
from reports.signing import Pkcs12Signer, sign_report
from tests.factories import PASSWORD
from tests.helpers.documents import load_seed_commune
from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_pdf(cast, tmp_path):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    Report.objects.filter(pk=report.pk).update(
        state=ReportState.ACCEPTED, doc_number=12, issued_on=dt.date(2023, 11, 10)
    )
    report.refresh_from_db()
    ca_pem, p12 = make_test_ca_and_p12()
    doc = sign_report(report=report, signer=Pkcs12Signer(p12, P12_PASSWORD), by=cast.approver_a)
    ca_path = tmp_path / "test-ca.pem"
    ca_path.write_bytes(ca_pem)
    with doc.file.open("rb") as fh:
        return fh.read(), ca_path


def upload(client, data: bytes, name: str = "bao-cao.pdf"):
    return client.post("/verify/", {"file": SimpleUploadedFile(name, data, "application/pdf")})


def test_an_intact_signature_by_an_untrusted_ca_is_reported_distinctly(cast, client, signed_pdf):
    data, _ca = signed_pdf
    client.login(username="reviewer.d", password=PASSWORD)
    page = upload(client, data).content.decode()
    assert 'data-level="warning"' in page
    assert "Chữ ký còn nguyên vẹn" in page and "không thuộc" in page
    assert "Ngô Văn Vương" in page and "UBND xã Bình Phước" in page
    assert "Tệp trùng khớp với bản đã lưu trên cổng: Bản đã ký số (PDF) — Xã Bình Phước" in page


def test_a_stored_copy_is_not_revealed_to_a_user_outside_the_unit(cast, client, signed_pdf):
    data, _ca = signed_pdf
    client.login(username="clerk.b", password=PASSWORD)
    page = upload(client, data).content.decode()
    assert 'data-level="warning"' in page
    assert "trùng khớp" not in page


def test_a_signature_chaining_to_a_configured_trust_root_is_valid(
    cast, client, signed_pdf, settings
):
    data, ca_path = signed_pdf
    settings.CCHC_TRUST_ROOTS = [str(ca_path)]
    client.login(username="clerk.b", password=PASSWORD)
    page = upload(client, data).content.decode()
    assert 'data-level="ok"' in page
    assert "Chữ ký hợp lệ, nội dung nguyên vẹn" in page


def test_a_tampered_copy_is_reported_invalid(cast, client, signed_pdf, settings):
    data, ca_path = signed_pdf
    settings.CCHC_TRUST_ROOTS = [str(ca_path)]
    tampered = bytearray(data)
    # One byte inside the first content stream (the signed range covers it).
    at = tampered.index(b"stream", 1000) + 40
    tampered[at] = (tampered[at] + 1) % 256
    client.login(username="reviewer.d", password=PASSWORD)
    page = upload(client, bytes(tampered)).content.decode()
    assert 'data-level="error"' in page
    assert "KHÔNG hợp lệ" in page
    assert 'data-level="ok"' not in page


def test_an_unsigned_or_broken_file_gets_a_clear_message(cast, client):
    client.login(username="reviewer.d", password=PASSWORD)
    response = upload(client, b"%PDF-1.4\nnot really a pdf")
    assert response.status_code == 200
    assert "Tệp không phải PDF hợp lệ hoặc đã bị hỏng." in response.content.decode()
    from reports.rendering.pdf import html_to_pdf

    unsigned, _pages = html_to_pdf("<p>Không ký</p>", with_fields=False)
    assert "Tệp PDF không có chữ ký số nào." in upload(client, unsigned).content.decode()
    response = upload(client, b"hello", name="thu.txt")
    assert response.status_code == 400
    assert "Tệp không phải PDF." in response.content.decode()


def test_the_verification_page_needs_a_login(client):
    response = client.get("/verify/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
