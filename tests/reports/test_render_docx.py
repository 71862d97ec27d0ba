"""The DOCX of the report: same headings and figures as the PDF, Decree 30 page setup."""

from __future__ import annotations

from io import BytesIO

import pytest
from docx import Document

from reports.models import DocumentKind
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.helpers.documents import HEADINGS, load_seed_commune

pytestmark = pytest.mark.django_db


def docx_text(doc) -> str:
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        for row in table.rows:
            parts.append(" | ".join(c.text for c in row.cells))
    return "\n".join(parts)


def test_the_docx_has_the_same_headings_figures_and_closing_as_the_pdf(cast):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    stored = document_render(report=report, fmt="docx", by=cast.clerk_a)
    assert stored.kind == DocumentKind.DOCX
    with stored.file.open("rb") as fh:
        doc = Document(BytesIO(fh.read()))
    text = docx_text(doc)
    for heading in HEADINGS:
        assert heading in text, heading
    for expected in (
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "XÃ BÌNH PHƯỚC",
        "BÁO CÁO",
        "1.962 hồ sơ",
        "99,05%",
        "Nơi nhận:",
        "TM. ỦY BAN NHÂN DÂN",
        "Ngô Văn Vương",
        "Phụ lục",
        "Tổng số hồ sơ tiếp nhận và giải quyết | 1.962",
    ):
        assert expected in text, expected
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (30, 15)
    assert section.different_first_page_header_footer
    assert doc.styles["Normal"].font.name == "Times New Roman"
