"""Signing with a key on a PKCS#11 token: SoftHSM stands in for the CA's USB token or an HSM.

The token is created inside the test (softhsm2-util, Debian package `softhsm2`), the test CA's
key and certificate are written onto it with python-pkcs11, and the report is signed through
`Pkcs11Signer` exactly as the p12 path does; pyHanko then validates the signature."""

from __future__ import annotations

import os
import shutil
import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from reports.models import ReportState
from tests.helpers.signing import P12_PASSWORD, make_test_ca_and_p12

LIBS = ("/usr/lib/softhsm/libsofthsm2.so", "/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so")
TOKEN, PIN, LABEL = "UBND-XA", "123456", "chu-tich"


def softhsm_lib() -> str:
    lib = os.environ.get("SOFTHSM2_LIB") or next((p for p in LIBS if Path(p).exists()), "")
    if not lib or not shutil.which("softhsm2-util"):
        message = "SoftHSM (Debian package softhsm2) is not installed"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return lib


@pytest.fixture
def token(tmp_path, monkeypatch):
    """A fresh SoftHSM token holding the test signer's key and certificate; yields
    (library path, CA certificate PEM)."""
    import pkcs11
    from pkcs11 import Attribute, CertificateType, ObjectClass
    from pkcs11.util.rsa import decode_rsa_private_key

    lib_path = softhsm_lib()
    (tmp_path / "tokens").mkdir()
    conf = tmp_path / "softhsm2.conf"
    conf.write_text(f"directories.tokendir = {tmp_path / 'tokens'}\nobjectstore.backend = file\n")
    monkeypatch.setenv("SOFTHSM2_CONF", str(conf))
    subprocess.run(
        ["softhsm2-util", "--init-token", "--free", "--label", TOKEN, "--pin", PIN, "--so-pin", "654321"],
        check=True, capture_output=True, env={**os.environ, "SOFTHSM2_CONF": str(conf)},
    )  # fmt: skip
    ca_pem, p12 = make_test_ca_and_p12(signer_cn="Trần Thị Chủ Tịch")
    key, cert, _chain = pkcs12.load_key_and_certificates(p12, P12_PASSWORD.encode())
    key_der = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.TraditionalOpenSSL,
        serialization.NoEncryption(),
    )
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    lib = pkcs11.lib(lib_path)
    lib.reinitialize()  # SoftHSM reads SOFTHSM2_CONF when initialised
    with lib.get_token(token_label=TOKEN).open(rw=True, user_pin=PIN) as session:
        attrs = decode_rsa_private_key(key_der)
        attrs.update(
            {
                Attribute.LABEL: LABEL,
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
                Attribute.PRIVATE: True,
                Attribute.SENSITIVE: True,
                Attribute.SIGN: True,
            }
        )
        session.create_object(attrs)
        session.create_object(
            {
                Attribute.CLASS: ObjectClass.CERTIFICATE,
                Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                Attribute.VALUE: cert_der,
                Attribute.SUBJECT: cert.subject.public_bytes(),
                Attribute.LABEL: LABEL,
                Attribute.ID: b"\x01",
                Attribute.TOKEN: True,
            }
        )
    return lib_path, ca_pem


@pytest.mark.django_db
def test_a_report_signed_with_a_key_on_a_token_validates(cast, accepted_report, token):
    from reports.signing import Pkcs11Signer, sign_report

    lib_path, ca_pem = token
    signer = Pkcs11Signer(lib=lib_path, token_label=TOKEN, pin=PIN, cert_label=LABEL)
    assert signer.subject_name == "Trần Thị Chủ Tịch"
    signed = sign_report(report=accepted_report, signer=signer, by=cast.approver_a)
    accepted_report.refresh_from_db()
    assert accepted_report.state == ReportState.SIGNED
    with signed.file.open("rb") as fh:
        data = fh.read()
    _t, _h, der = pem.unarmor(ca_pem)
    sig = PdfFileReader(BytesIO(data)).embedded_signatures[0]
    status = validate_pdf_signature(
        sig, ValidationContext(trust_roots=[asn1_x509.Certificate.load(der)])
    )
    assert status.intact and status.valid and status.trusted
    assert status.signing_cert.subject.native["common_name"] == "Trần Thị Chủ Tịch"
    from pkcs11.exceptions import SessionHandleInvalid

    with pytest.raises(SessionHandleInvalid):  # sign_report closed the token session
        signer._session.generate_random(64)


@pytest.mark.django_db
def test_a_wrong_pin_or_token_is_a_clear_message(token):
    from reports.signing import Pkcs11Signer, SigningError

    lib_path, _ca = token
    with pytest.raises(SigningError, match="mã PIN hoặc thiết bị không đúng"):
        Pkcs11Signer(lib=lib_path, token_label=TOKEN, pin="000000", cert_label=LABEL)
    with pytest.raises(SigningError, match="mã PIN hoặc thiết bị không đúng"):
        Pkcs11Signer(lib=lib_path, token_label="KHONG-CO", pin=PIN, cert_label=LABEL)
