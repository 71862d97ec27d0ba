"""PAdES digital signatures of the report (pyHanko) and their verification.

Callers depend on `ReportSigner` only: anything that can hand pyHanko a `signers.Signer`
(key + certificate chain) plugs in. `Pkcs12Signer` reads a .p12/.pfx upload; `Pkcs11Signer`
uses a key on a hardware token through PKCS#11 (tested with SoftHSM); a remote signing service
would be a subclass returning a `signers.ExternalSigner`-style object — `sign_report` and the
views do not change.

The rendered PDF already carries two empty signature fields over the signature block
(reports/rendering/pdf.py): the signer's (`ChuKyNguoiKy`), filled here with a visible stamp
(signer, organisation, time — drawn with a TrueType font that has Vietnamese glyphs), and the
organisation's seal signature (`ChuKyCoQuan`), left empty for the văn thư. No seal image is
ever drawn. The PKCS#12 password is used in memory only: never stored, never logged.
"""

from __future__ import annotations

import abc
import dataclasses
import datetime as dt
import hashlib
import os
import subprocess
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import TYPE_CHECKING

from django.conf import settings
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from common.formatting import format_datetime
from orgs.policy import may_sign

from .models import DocumentKind, RenderedDocument, Report
from .rendering.pdf import SIGNER_FIELD
from .versions import document_settings_of

if TYPE_CHECKING:
    from asn1crypto.x509 import Certificate
    from pyhanko.sign.signers import Signer
    from pyhanko.sign.validation.status import PdfSignatureStatus
    from pyhanko.stamp import TextStampStyle

#: The owner of the «sign» transition (workflow.TRANSITIONS): only this service performs it.
SIGNING_SERVICE = "reports.signing"

FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSerif-Regular.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf",
)


class SigningError(Exception):
    """A problem the user can act on (wrong password, unusable certificate), in Vietnamese."""


class ReportSigner(abc.ABC):
    """Something that signs: a key and its certificate chain, wherever they live."""

    @abc.abstractmethod
    def pyhanko_signer(self) -> Signer:
        """A `pyhanko.sign.signers.Signer` holding the signing certificate."""

    def _certificate(self) -> Certificate:
        cert = self.pyhanko_signer().signing_cert
        assert cert is not None  # a signer is built around its certificate
        return cert

    @property
    def subject_name(self) -> str:
        cert = self._certificate()
        names = cert.subject.native
        return names.get("common_name") or cert.subject.human_friendly

    @property
    def subject_organisation(self) -> str:
        return self._certificate().subject.native.get("organization_name", "")

    def close(self) -> None:  # noqa: B027 - most signers hold nothing to release
        """Release what the signer holds (a token session); called once the PDF is signed."""


class Pkcs12Signer(ReportSigner):
    """A PKCS#12 (.p12/.pfx) file and its password, held in memory for one signature."""

    def __init__(self, data: bytes, password: str | bytes | None) -> None:
        from pyhanko.sign import signers

        if isinstance(password, str):
            password = password.encode("utf-8")
        try:
            signer = signers.SimpleSigner.load_pkcs12_data(data, (), passphrase=password or None)
        except ValueError as exc:
            raise SigningError(
                _(
                    "Không mở được chứng thư số: mật khẩu không đúng hoặc tệp không phải "
                    "PKCS#12 (.p12/.pfx)."
                )
            ) from exc
        if signer is None or signer.signing_cert is None:
            raise SigningError(_("Tệp chứng thư số không chứa khóa ký."))
        self._signer = signer

    def pyhanko_signer(self) -> Signer:
        return self._signer


def _source_font() -> str:
    configured = getattr(settings, "CCHC_STAMP_FONT", "")
    if configured:
        return configured
    try:
        found = subprocess.run(
            ["fc-match", "-f", "%{file}", "Liberation Serif"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout.strip()
        if found.endswith(".ttf"):
            return found
    except OSError:
        pass
    for path in FALLBACK_FONTS:
        if Path(path).exists():
            return path
    raise SigningError(_("Máy chủ chưa cài phông chữ cho chữ ký số (fonts-liberation)."))


class Pkcs11Signer(ReportSigner):
    """A key on a hardware token (the USB tokens of the government CA, an HSM) through PKCS#11.

    Needs the `python-pkcs11` package (extra `pkcs11`) and the token's PKCS#11 module; the test
    suite signs with a SoftHSM token (tests/reports/test_signing_pkcs11.py). Callers are
    unchanged: `sign_report(report=…, signer=Pkcs11Signer(lib=…, token_label=…, pin=…,
    cert_label=…), by=…)`; `sign_report` closes the session when done.
    """

    def __init__(self, *, lib: str, token_label: str, pin: str, cert_label: str) -> None:
        try:
            from pyhanko.config.pkcs11 import TokenCriteria
            from pyhanko.sign import pkcs11
        except ImportError as exc:
            raise SigningError(
                _("Máy chủ chưa cài thư viện ký số bằng thiết bị (PKCS#11).")
            ) from exc
        try:
            session = pkcs11.open_pkcs11_session(
                lib, token_criteria=TokenCriteria(label=token_label), user_pin=pin
            )
        except Exception as exc:
            raise SigningError(
                _("Không mở được thiết bị ký số: mã PIN hoặc thiết bị không đúng.")
            ) from exc
        self._session = session
        self._signer = pkcs11.PKCS11Signer(session, cert_label=cert_label)

    def pyhanko_signer(self) -> Signer:
        return self._signer

    def close(self) -> None:
        self._session.close()


@lru_cache(maxsize=1)
def stamp_font_path() -> str:
    """A TrueType font with Vietnamese glyphs for the visible stamp, scaled to 1000 units per
    em: pyHanko writes glyph widths in font units while PDF expects thousandths of an em, so
    a 2048-unit font (Liberation, DejaVu) would be drawn letter-spaced."""
    from fontTools.ttLib import TTFont
    from fontTools.ttLib.scaleUpem import scale_upem

    source = Path(_source_font())
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    target = Path(tempfile.gettempdir()) / f"cchc-stamp-{digest}.ttf"
    if not target.exists():
        font = TTFont(str(source))
        if font["head"].unitsPerEm != 1000:
            scale_upem(font, 1000)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(str(partial))
        os.replace(partial, target)
    return str(target)


def _stamp_style() -> TextStampStyle:
    from pyhanko.pdf_utils.font.opentype import GlyphAccumulatorFactory
    from pyhanko.pdf_utils.text import TextBoxStyle
    from pyhanko.stamp import TextStampStyle

    return TextStampStyle(
        stamp_text=_("Ký bởi: %(signer)s\nCơ quan: %(org)s\nThời gian: %(time)s"),
        text_box_style=TextBoxStyle(font=GlyphAccumulatorFactory(stamp_font_path()), font_size=9),
        border_width=1,
        background=None,
    )


def sign_pdf(
    pdf: bytes,
    *,
    signer: ReportSigner,
    organisation: str,
    location: str = "",
    field_name: str = SIGNER_FIELD,
    when: dt.datetime | None = None,
) -> bytes:
    """A PAdES signature in `field_name` (created invisible if the PDF lacks it)."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign import fields, signers

    when = timezone.localtime(when or timezone.now())
    meta = signers.PdfSignatureMetadata(
        field_name=field_name,
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=_("Ký ban hành báo cáo"),
        location=location or None,
        name=signer.subject_name,
    )
    pdf_signer = signers.PdfSigner(meta, signer=signer.pyhanko_signer(), stamp_style=_stamp_style())
    out = BytesIO()
    try:
        pdf_signer.sign_pdf(
            IncrementalPdfFileWriter(BytesIO(pdf)),
            appearance_text_params={
                "signer": signer.subject_name,
                "org": organisation,
                "time": format_datetime(when, seconds=True, offset=True),
            },
            output=out,
        )
    except SigningError:
        raise
    except Exception as exc:  # pyHanko raises many types; the user sees one clear message
        raise SigningError(_("Không ký được tệp PDF: %(err)s") % {"err": exc}) from exc
    return out.getvalue()


def sign_report(*, report: Report, signer: ReportSigner, by: User) -> RenderedDocument:
    """Sign the accepted report's final PDF as the approver; store it; move to «signed»."""
    from .rendering.services import document_render, document_store
    from .services import report_transition
    from .workflow import is_signable

    if not may_sign(by, report.unit):
        raise PermissionDenied(_("Chỉ lãnh đạo đơn vị mới được ký số báo cáo."))
    if not is_signable(report.state):
        raise ValidationError(
            _("Chỉ ký số được báo cáo đã được cấp trên tiếp nhận (hiện tại: «%(s)s»).")
            % {"s": report.get_state_display()}
        )
    final = document_render(report=report, fmt="pdf", by=by)
    with final.file.open("rb") as fh:
        pdf = fh.read()
    doc_settings = document_settings_of(report)  # the frozen version's settings
    try:
        organisation = (
            doc_settings.organisation_name or signer.subject_organisation or str(report.unit)
        )
        signed = sign_pdf(
            pdf, signer=signer, organisation=organisation, location=doc_settings.place_name
        )
    finally:
        signer.close()
    with transaction.atomic():
        stored = document_store(
            report=report,
            kind=DocumentKind.SIGNED,
            content=signed,
            data_hash=final.data_hash,
            pages=final.pages,
            by=by,
            version_number=final.version_number,
        )
        report_transition(
            report=report,
            name="sign",
            by=by,
            owner=SIGNING_SERVICE,
            expected_version=final.version_number,
        )
    return stored


# --- verification -----------------------------------------------------------------------------


@dataclass
class SignatureCheck:
    field: str
    intact: bool  # the file as shown is what was signed (bytes intact, nothing disallowed added)
    valid: bool
    trusted: bool
    signer: str
    organisation: str
    signing_time: dt.datetime | None
    covers_whole_file: bool
    summary: str
    level: str  # "ok" | "warning" | "error"
    # Incremental updates after this signature beyond what it allows (pyHanko's diff policy).
    changed_after_signing: bool = False
    # (dataclasses.field: the name `field` is one of this class's fields)
    changes: list[str] = dataclasses.field(default_factory=list)  # what changed, in words
    later_revisions: list[str] = dataclasses.field(default_factory=list)  # allowed additions
    detail: str = ""  # pyHanko's own message about a disallowed modification (technical)


@dataclass
class VerifyResult:
    sha256: str
    signatures: list[SignatureCheck]
    error: str = ""
    stored: list[RenderedDocument] = field(default_factory=list)  # portal files, same bytes


def trust_roots() -> list[Certificate]:
    """Certificates from the paths in settings.CCHC_TRUST_ROOTS (PEM or DER)."""
    from pyhanko.keys import load_certs_from_pemder

    paths = list(getattr(settings, "CCHC_TRUST_ROOTS", []) or [])
    return list(load_certs_from_pemder(paths)) if paths else []


def stored_copies(sha256: str, user: User) -> list[RenderedDocument]:
    """Files the portal stored with exactly these bytes, among the units the user may see."""
    from orgs.models import Unit

    return list(
        RenderedDocument.objects.filter(
            sha256=sha256, report__unit__in=Unit.objects.visible_to(user)
        ).select_related("report__unit", "report__period")
    )


def _page_changes(data: bytes, signed_end: int) -> list[str]:
    """Which pages differ between the revision a signature covers and the whole file."""
    from pypdf import PdfReader

    def pages(blob: bytes) -> list[bytes]:
        out = []
        for page in PdfReader(BytesIO(blob), strict=False).pages:
            contents = page.get_contents()
            out.append(
                hashlib.sha256(contents.get_data() if contents is not None else b"").digest()
            )
        return out

    try:
        before, after = pages(data[:signed_end]), pages(data)
    except Exception:  # an unreadable revision: the generic explanation stands
        return []
    changes = []
    if len(before) != len(after):
        changes.append(
            _("Số trang đã đổi từ %(before)d thành %(after)d.")
            % {"before": len(before), "after": len(after)}
        )
    for number, (old, new) in enumerate(zip(before, after, strict=False), start=1):
        if old != new:
            changes.append(_("Nội dung trang %(n)d đã bị thay bằng nội dung khác.") % {"n": number})
    return changes


def _later_revisions(status: PdfSignatureStatus) -> tuple[bool, list[str], list[str], str]:
    """(changed after signing, what changed, allowed later additions, technical detail)."""
    from pyhanko.sign.diff_analysis import DiffResult, ModificationLevel
    from pyhanko.sign.validation.status import SignatureCoverageLevel

    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return False, [], [], ""
    level = status.modification_level
    diff = status.diff_result
    allowed = (
        status.coverage == SignatureCoverageLevel.ENTIRE_REVISION
        and isinstance(diff, DiffResult)
        and status.docmdp_ok
        and level in (ModificationLevel.LTA_UPDATES, ModificationLevel.FORM_FILLING)
    )
    if not allowed:
        if status.coverage != SignatureCoverageLevel.ENTIRE_REVISION:
            changes = [_("Chữ ký không bao phủ trọn một phiên bản của tệp.")]
        elif diff is None:
            changes = [_("Không phân tích được các phần thêm vào sau khi ký.")]
        else:
            changes = [
                _(
                    "Sau khi ký, tệp được thêm một bản cập nhật thay đổi nội dung hoặc cấu trúc tài liệu — điều mà chữ ký không cho phép."
                )
            ]
        return True, changes, [], str(diff or "")
    assert isinstance(diff, DiffResult)  # (allowed)
    later = [
        _("Chữ ký hoặc giá trị được thêm sau đó vào ô «%(f)s».") % {"f": name}
        for name in sorted(diff.changed_form_fields)
    ]
    if not later:
        later.append(
            _("Dữ liệu phục vụ kiểm tra dài hạn (DSS/LTV) hoặc dấu thời gian được thêm sau khi ký.")
        )
    return False, [], later, ""


def verify_pdf(data: bytes) -> VerifyResult:
    """Each embedded signature: intact or not, changed after signing or not, who signed, when,
    trusted root or not.

    A one-byte change inside the signed range breaks the signature (not intact). A signature
    that does not cover the whole file is judged by pyHanko's modification analysis: a later
    signature in an empty field or DSS/LTV data is allowed and listed; anything else (a page's
    content replaced, objects rewritten) is «changed after signing», in red, with what changed.
    """
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator import ValidationContext

    sha = hashlib.sha256(data).hexdigest()
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        embedded = list(reader.embedded_signatures)
    except Exception:
        return VerifyResult(sha, [], _("Tệp không phải PDF hợp lệ hoặc đã bị hỏng."))
    if not embedded:
        return VerifyResult(sha, [], _("Tệp PDF không có chữ ký số nào."))
    roots = trust_roots()
    checks: list[SignatureCheck] = []
    for sig in embedded:
        context = ValidationContext(trust_roots=roots, allow_fetching=False)
        signer = organisation = ""
        when = None
        try:
            cert = sig.signer_cert
            names = cert.subject.native
            signer = names.get("common_name", "") or cert.subject.human_friendly
            organisation = names.get("organization_name", "")
        except Exception:  # a mangled CMS blob: still report the signature as broken
            pass
        try:
            status = validate_pdf_signature(sig, context)
            intact, valid, trusted = status.intact, status.valid, status.trusted
            when = status.signer_reported_dt
            coverage = getattr(status.coverage, "name", "") == "ENTIRE_FILE"
            changed, changes, later, detail = _later_revisions(status)
        except Exception:
            intact = valid = trusted = coverage = False
            changed, changes, later, detail = False, [], [], ""
        if changed and intact and valid:
            _start1, _len1, start2, len2 = (int(n) for n in sig.byte_range)
            changes = _page_changes(data, start2 + len2) + changes
        if not (intact and valid):
            summary, level = (
                _("Chữ ký KHÔNG hợp lệ: nội dung tệp đã bị thay đổi sau khi ký."),
                "error",
            )
        elif changed:
            summary, level = (
                _(
                    "Tệp ĐÃ BỊ THAY ĐỔI SAU KHI KÝ: phần được ký còn nguyên vẹn, nhưng nội dung thêm vào sau đó vượt quá những gì chữ ký cho phép — nội dung hiển thị không còn là nội dung đã ký."
                ),
                "error",
            )
        elif not trusted:
            summary, level = (
                _(
                    "Chữ ký còn nguyên vẹn, nhưng chứng thư của người ký không thuộc tổ chức cung cấp dịch vụ chứng thực được tin cậy."
                ),
                "warning",
            )
        else:
            summary, level = _("Chữ ký hợp lệ, nội dung nguyên vẹn, chứng thư được tin cậy."), "ok"
        checks.append(
            SignatureCheck(
                field=sig.field_name,
                intact=bool(intact and valid and not changed),
                valid=bool(valid),
                trusted=bool(trusted),
                signer=signer,
                organisation=organisation,
                signing_time=when,
                covers_whole_file=bool(coverage),
                summary=summary,
                level=level,
                changed_after_signing=changed,
                changes=changes,
                later_revisions=later,
                detail=detail,
            )
        )
    return VerifyResult(sha, checks)
