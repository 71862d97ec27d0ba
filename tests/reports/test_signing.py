"""PAdES signing of the report with a test CA generated inside the test."""

from __future__ import annotations

import hashlib
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from reports.models import DocumentKind, RenderedDocument, ReportState
from reports.rendering.pdf import SEAL_FIELD, SIGNER_FIELD
from reports.services import report_get_or_create
from tests.factories import PASSWORD
from tests.helpers.documents import pdf_text
from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

# --- signing the report -----------------------------------------------------------------------


def sign_url(cast) -> str:
    return f"/u/{cast.commune_a.code}/{cast.period.code}/report/sign/"


@pytest.mark.django_db
def test_the_approver_signs_an_accepted_report_and_pyhanko_validates_it(
    cast, accepted_report, client
):
    from reports.signing import Pkcs12Signer, sign_report

    ca_pem, p12 = make_test_ca_and_p12()
    signed = sign_report(
        report=accepted_report, signer=Pkcs12Signer(p12, P12_PASSWORD), by=cast.approver_a
    )
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.SIGNED
    assert signed.kind == DocumentKind.SIGNED
    with signed.file.open("rb") as fh:
        data = fh.read()
    assert hashlib.sha256(data).hexdigest() == signed.sha256
    assert signed.history.first().sha256 == signed.sha256

    from asn1crypto import pem
    from asn1crypto import x509 as asn1_x509

    _t, _h, der = pem.unarmor(ca_pem)
    reader = PdfFileReader(BytesIO(data))
    sig = reader.embedded_signatures[0]
    assert sig.field_name == SIGNER_FIELD
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    )
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Ngô Văn Vương"
    assert "/ETSI.CAdES.detached" in str(sig.sig_object["/SubFilter"])

    # The visible signature sits on the page of the signature block; the seal field stays empty.
    pdf = PdfReader(BytesIO(data))
    fields = pdf.get_fields()
    assert SEAL_FIELD in fields and fields[SEAL_FIELD].get("/V") is None
    for number, page in enumerate(pdf.pages, start=1):
        names = [a.get_object().get("/T") for a in page.get("/Annots", [])]
        if SIGNER_FIELD in names:
            assert "TM. ỦY BAN NHÂN DÂN" in pdf_text(data, "-f", str(number), "-l", str(number))
            break
    else:
        pytest.fail("signature widget not found")
    assert "Ngô Văn Vương" in pdf_text(data)


@pytest.mark.django_db
def test_a_wrong_password_gives_a_clear_message_and_no_file(cast, accepted_report, client):
    _ca, p12 = make_test_ca_and_p12()
    client.login(username="approver.a", password=PASSWORD)
    response = client.post(
        sign_url(cast),
        {
            "certificate": SimpleUploadedFile("chu-ky.p12", p12, "application/x-pkcs12"),
            "password": "sai-mat-khau",
        },
    )
    assert response.status_code == 400
    assert response.content.decode().count("mật khẩu không đúng") == 1  # printed once
    assert not RenderedDocument.objects.filter(kind=DocumentKind.SIGNED).exists()
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.ACCEPTED


@pytest.mark.django_db
def test_signing_through_the_page_stores_the_file_and_never_the_password(
    cast, accepted_report, client, caplog
):
    _ca, p12 = make_test_ca_and_p12()
    client.login(username="approver.a", password=PASSWORD)
    response = client.post(
        sign_url(cast),
        {
            "certificate": SimpleUploadedFile("chu-ky.pfx", p12, "application/x-pkcs12"),
            "password": P12_PASSWORD,
        },
        follow=True,
    )
    assert response.status_code == 200
    signed = RenderedDocument.objects.get(kind=DocumentKind.SIGNED)
    assert signed.sha256 in response.content.decode()
    assert P12_PASSWORD not in caplog.text
    for row in RenderedDocument.history.all():
        assert P12_PASSWORD not in str(row.__dict__)
    download = client.get(f"/u/21073/2023/report/files/{signed.pk}/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"%PDF-")


@pytest.mark.django_db
def test_only_the_approver_may_sign_and_only_an_accepted_report(cast, client):
    from reports.signing import Pkcs12Signer, sign_report

    _ca, p12 = make_test_ca_and_p12()
    client.login(username="clerk.a", password=PASSWORD)
    assert client.get(sign_url(cast)).status_code == 403
    client.login(username="reviewer.d", password=PASSWORD)
    assert client.get(sign_url(cast)).status_code == 403
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="tiếp nhận"):
        sign_report(report=report, signer=Pkcs12Signer(p12, P12_PASSWORD), by=cast.approver_a)
    assert not RenderedDocument.objects.exists()


@pytest.mark.django_db
def test_the_generic_sign_transition_is_refused_and_the_signing_service_still_signs(
    cast, accepted_report, client
):
    """Issue 10.1: «sign» belongs to the signing service; POSTing the generic transition as the
    approver is refused (4xx, state unchanged, no signature-less «signed»)."""
    from django.core.exceptions import ValidationError

    from reports.services import report_transition

    client.login(username="approver.a", password=PASSWORD)
    response = client.post(f"/u/{cast.commune_a.code}/{cast.period.code}/transition/sign/")
    assert response.status_code == 409
    assert "Ký số" in response.content.decode()
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.ACCEPTED
    assert not accepted_report.transitions.exists()
    with pytest.raises(ValidationError):
        report_transition(report=accepted_report, name="sign", by=cast.approver_a)
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.ACCEPTED

    # The workspace offers «Ký số» as a link to the signing page, not as a generic POST.
    page = client.get(f"/u/{cast.commune_a.code}/{cast.period.code}/").content.decode()
    assert 'value="sign"' not in page and sign_url(cast) in page

    _ca, p12 = make_test_ca_and_p12()
    response = client.post(
        sign_url(cast),
        {
            "certificate": SimpleUploadedFile("chu-ky.p12", p12, "application/x-pkcs12"),
            "password": P12_PASSWORD,
        },
        follow=True,
    )
    assert response.status_code == 200
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.SIGNED
    assert RenderedDocument.objects.filter(
        report=accepted_report, kind=DocumentKind.SIGNED
    ).exists()
