"""Modification analysis on /verify/: what was appended after signing (issue 10, point 3).

A signature covers the file as it was when it was signed; later incremental updates are
judged by pyHanko's difference policy: a later signature in the empty seal field or DSS/LTV
data is allowed, anything else (e.g. page 1's content overwritten) is «changed after signing».
"""

from __future__ import annotations

import shutil
import subprocess
from io import BytesIO

import pytest
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

from reports.rendering.pdf import SEAL_FIELD
from reports.signing import Pkcs12Signer, sign_pdf, verify_pdf
from tests.factories import PASSWORD
from tests.reports.test_signing import P12_PASSWORD, make_test_ca_and_p12
from tests.reports.test_verify_page import signed_pdf as _signed_pdf_fixture
from tests.reports.test_verify_page import upload

pytestmark = pytest.mark.django_db
signed_pdf = _signed_pdf_fixture  # the signed demo report, as in test_verify_page


def overwrite_page_one(data: bytes) -> bytes:
    """An incremental update that replaces page 1's /Contents with a forged stream."""
    writer = IncrementalPdfFileWriter(BytesIO(data))
    page_ref, _resources = writer.find_page_for_modification(0)
    page = page_ref.get_object()
    forged = generic.StreamObject(stream_data=b"BT /F1 24 Tf 72 700 Td (GIA MAO) Tj ET")
    page["/Contents"] = writer.add_object(forged)
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)
    return out.getvalue()


def pdfsig(data: bytes, tmp_path) -> str | None:
    if not shutil.which("pdfsig"):
        return None
    path = tmp_path / "checked.pdf"
    path.write_bytes(data)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True)
    return result.stdout + result.stderr


def seal(data: bytes, tmp_path) -> tuple[bytes, str]:
    """The văn thư's later signature in the empty seal field (by another test CA)."""
    ca_pem, p12 = make_test_ca_and_p12(signer_cn="Trần Thị Văn Thư", org="UBND xã Bình Phước")
    ca_path = tmp_path / "seal-ca.pem"
    ca_path.write_bytes(ca_pem)
    sealed = sign_pdf(
        data,
        signer=Pkcs12Signer(p12, P12_PASSWORD),
        organisation="UBND xã Bình Phước",
        field_name=SEAL_FIELD,
    )
    return sealed, str(ca_path)


def test_page_one_overwritten_after_signing_is_changed_not_valid(
    cast, client, signed_pdf, settings, tmp_path
):
    data, ca_path = signed_pdf
    settings.CCHC_TRUST_ROOTS = [str(ca_path)]
    forged = overwrite_page_one(data)
    assert forged.startswith(data)  # an incremental update: the signed bytes are untouched

    check = verify_pdf(forged).signatures[0]
    assert check.changed_after_signing and check.level == "error"
    assert not check.intact and not check.covers_whole_file
    assert "Nội dung trang 1 đã bị thay bằng nội dung khác." in check.changes
    assert check.detail  # pyHanko's own explanation is kept for the technical reader

    client.login(username="reviewer.d", password=PASSWORD)
    page = upload(client, forged).content.decode()
    assert 'data-level="error"' in page and 'data-level="ok"' not in page
    assert "ĐÃ BỊ THAY ĐỔI SAU KHI KÝ" in page
    assert "Nội dung trang 1 đã bị thay bằng nội dung khác." in page
    assert "Chữ ký hợp lệ, nội dung nguyên vẹn" not in page
    assert "Chữ ký còn nguyên vẹn" not in page

    report = pdfsig(forged, tmp_path)
    if report is not None:  # poppler agrees: the signature no longer covers the document
        assert "Not total document signed" in report


def test_a_later_signature_in_the_seal_field_is_allowed_and_listed(
    cast, client, signed_pdf, settings, tmp_path
):
    data, ca_path = signed_pdf
    sealed, seal_ca = seal(data, tmp_path)
    settings.CCHC_TRUST_ROOTS = [str(ca_path), seal_ca]

    first, second = verify_pdf(sealed).signatures
    assert first.level == "ok" and first.intact and not first.changed_after_signing
    assert not first.covers_whole_file
    assert first.later_revisions == ["Chữ ký hoặc giá trị được thêm sau đó vào ô «ChuKyCoQuan»."]
    assert second.field == SEAL_FIELD and second.level == "ok" and second.covers_whole_file

    client.login(username="reviewer.d", password=PASSWORD)
    page = upload(client, sealed).content.decode()
    assert page.count('data-level="ok"') == 2 and 'data-level="error"' not in page
    assert "Sau chữ ký này, tệp có thêm các phần được phép" in page
    assert "«ChuKyCoQuan»" in page and "Trần Thị Văn Thư" in page
    assert "THAY ĐỔI SAU KHI KÝ" not in page

    report = pdfsig(sealed, tmp_path)
    if report is not None:
        assert report.count("Signature is Valid.") == 2


def test_a_one_byte_tamper_is_still_broken(cast, client, signed_pdf, settings, tmp_path):
    data, ca_path = signed_pdf
    settings.CCHC_TRUST_ROOTS = [str(ca_path)]
    tampered = bytearray(data)
    at = tampered.index(b"stream", 1000) + 40
    tampered[at] = (tampered[at] + 1) % 256
    check = verify_pdf(bytes(tampered)).signatures[0]
    assert check.level == "error" and not check.intact
    assert "KHÔNG hợp lệ" in check.summary

    report = pdfsig(bytes(tampered), tmp_path)
    if report is not None:
        assert "Signature is Valid." not in report


def test_the_modified_copy_is_also_refused_after_the_seal(cast, signed_pdf, settings, tmp_path):
    """Sealed, then page 1 overwritten: both signatures report the change."""
    data, ca_path = signed_pdf
    sealed, seal_ca = seal(data, tmp_path)
    settings.CCHC_TRUST_ROOTS = [str(ca_path), seal_ca]
    checks = verify_pdf(overwrite_page_one(sealed)).signatures
    assert [c.level for c in checks] == ["error", "error"]
    assert all(c.changed_after_signing for c in checks)
