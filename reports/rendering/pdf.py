"""HTML → PDF with WeasyPrint, and the empty signature fields over the signature block.

The print stylesheet and the fonts come from the filesystem (no HTTP). After layout, the
position of the element `#sig-anchor` (the room for the signature between the signer's title
and name) is read from WeasyPrint's page anchors, and two empty PAdES signature fields are
added there with pyHanko: the signer's, then the organisation's (seal) — a signature is
placed into them later without knowing the layout (reports/signing.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from io import BytesIO
from typing import TYPE_CHECKING, Any

from django.conf import settings

from .context import PRINT_CSS

if TYPE_CHECKING:
    from weasyprint.document import Document

PX_TO_PT = 0.75  # CSS px (1/96 in) -> PDF pt (1/72 in)
SIGNER_FIELD = "ChuKyNguoiKy"
SEAL_FIELD = "ChuKyCoQuan"


@dataclass(frozen=True)
class SignatureBox:
    page: int  # 0-based
    box: tuple[int, int, int, int]  # x1, y1, x2, y2 in PDF points, origin bottom-left


@lru_cache(maxsize=1)
def _weasy() -> tuple[Any, Any]:
    """Import WeasyPrint once and parse the print stylesheet once per process."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()
    css = CSS(filename=str(PRINT_CSS), font_config=fonts)
    return css, fonts


def signature_box(document: Document) -> SignatureBox | None:
    """Where `#sig-anchor` landed: the page, and the rectangle in PDF points."""
    for index, page in enumerate(document.pages):
        anchor = page.anchors.get("sig-anchor")
        if anchor is None:
            continue
        x1, y1, x2, y2 = anchor  # CSS px from the top-left of the page (hit area)
        height_pt = page.height * PX_TO_PT
        box = (
            round(x1 * PX_TO_PT),
            round(height_pt - y2 * PX_TO_PT),
            round(x2 * PX_TO_PT),
            round(height_pt - y1 * PX_TO_PT),
        )
        return SignatureBox(page=index, box=box)
    return None


def html_to_pdf(html: str, *, with_fields: bool = True) -> tuple[bytes, int]:
    """(PDF bytes, page count). Fonts are embedded (subset) by WeasyPrint."""
    from weasyprint import HTML

    css, fonts = _weasy()
    document = HTML(string=html, base_url=str(settings.BASE_DIR)).render(
        stylesheets=[css], font_config=fonts
    )
    pdf = document.write_pdf()
    pages = len(document.pages)
    if with_fields:
        where = signature_box(document)
        if where is not None:
            pdf = add_signature_fields(pdf, where)
    return pdf, pages


def add_signature_fields(pdf: bytes, where: SignatureBox) -> bytes:
    """Two empty signature fields: the signer's over the signature room, the organisation's
    (seal) overlapping its left third (Decree 30, box 8). No seal image is ever drawn."""
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.sign.fields import SigFieldSpec, append_signature_field

    writer = IncrementalPdfFileWriter(BytesIO(pdf))
    x1, y1, x2, y2 = where.box
    third = (x2 - x1) // 3
    append_signature_field(writer, SigFieldSpec(SIGNER_FIELD, on_page=where.page, box=where.box))
    append_signature_field(
        writer,
        SigFieldSpec(SEAL_FIELD, on_page=where.page, box=(x1 - third, y1, x1 + third, y2)),
    )
    out = BytesIO()
    writer.write(out)
    return out.getvalue()
