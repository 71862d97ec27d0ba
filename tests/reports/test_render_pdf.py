"""The report PDF: Decree 30 layout, the seed's figures in Vietnamese style, appendix, storage."""

from __future__ import annotations

import datetime as dt
import re
from io import BytesIO

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from orgs.models import Period
from reports.models import DocumentKind, RenderedDocument, ReportState
from reports.rendering import services as rendering_services
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.helpers.documents import HEADINGS, load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    """One line; a line may break after a slash ("1.005.800.000/" | "1.029.700.000")."""
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", text))


@pytest.fixture
def rendered(cast):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    doc = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        return report, doc, fh.read()


def test_the_pdf_carries_the_decree_30_header_title_and_closing(rendered):
    _report, _doc, data = rendered
    text = flat(pdf_text(data))
    for expected in (
        "ỦY BAN NHÂN DÂN",
        "XÃ BÌNH PHƯỚC",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "/BC-UBND",
        "Bình Phước, ngày",
        "BÁO CÁO",
        "Kết quả thực hiện công tác cải cách hành chính năm 2023",
        "Kính gửi: Phòng Nội vụ huyện Bình Sơn.",
        "Nơi nhận:",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Ngô Văn Vương",
        "DỰ THẢO",
    ):
        assert expected in text, expected
    # Header boxes side by side: the issuing body and the national title share a line.
    first_lines = pdf_text(data, "-layout", "-l", "1").splitlines()
    assert any("ỦY BAN NHÂN DÂN" in ln and "CỘNG HÒA" in ln for ln in first_lines)
    assert any("Số:" in ln and "Bình Phước, ngày" in ln for ln in first_lines)
    # Closing table: Nơi nhận level with the signer's title.
    assert any(
        "Nơi nhận:" in ln and "TM. ỦY BAN NHÂN DÂN" in ln
        for ln in pdf_text(data, "-layout").splitlines()
    )


def test_every_section_heading_appears_once_in_order(rendered):
    text = flat(pdf_text(data=rendered[2]))
    body = text[: text.index("Phụ lục")]
    positions = []
    for heading in HEADINGS:
        assert body.count(heading) >= 1, heading
        start = positions[-1] + 1 if positions else 0
        positions.append(body.index(heading, start))
    assert positions == sorted(positions)


def test_the_seed_figures_print_in_vietnamese_style(rendered):
    text = flat(pdf_text(rendered[2]))
    for figure in (
        "1.962 hồ sơ",
        "tiếp nhận trực tuyến 848 hồ sơ",
        "tiếp nhận trực tiếp 1.097 hồ sơ",
        "kỳ trước chuyển qua 17 hồ sơ",
        "1.886 hồ sơ",
        "1.868 hồ sơ, đạt tỷ lệ 99,05%",
        "trễ hạn 18 hồ sơ",
        "43,60%",
        "114 nhiệm vụ được UBND, Chủ tịch, Phó Chủ tịch UBND huyện giao",  # seed wording
        "5.158.000 đồng",
        "20/20 biên chế",
        "cán bộ 11 người, công chức 09 người",
        "Đại học 19 người",
        "Trung cấp 17 người, Sơ cấp 03 người",
        # amounts as officials write them, with the date the records state them at
        "Tính đến ngày 30/9/2023, tổng thu ngân sách nhà nước",
        "6,648 tỷ đồng, bằng 118,61%",
        "278,399 triệu đồng",
        "4,776 tỷ đồng",
        "1.005,8 triệu đồng, bằng 97,68% kế hoạch vốn được giao (1.029,7 triệu đồng)",
    ):
        assert figure in text, figure
    assert "99,04" not in text


def test_the_appendix_lists_every_indicator_with_last_year_and_change(rendered):
    from reports.indicators import registry

    text = flat(pdf_text(rendered[2]))
    appendix = text[text.index("Phụ lục") :]
    assert "KẾT QUẢ CÁC CHỈ TIÊU CẢI CÁCH HÀNH CHÍNH NĂM 2023" in appendix
    assert "(Kèm theo Báo cáo số" in appendix
    assert "Kỳ 2023" in appendix and "Kỳ 2022" in appendix
    assert re.search(r"Tổng số hồ sơ tiếp nhận và giải quyết 1\.962 [\d.]+ [+−]?[\d.]+", appendix)
    assert re.search(r"Tỷ lệ giải quyết trước hạn, đúng hạn 99,05% [\d,]+% ", appendix)
    for ind in registry.all():
        assert flat(str(ind.label))[:30] in appendix, ind.code


def test_the_pdf_is_a4_with_an_embedded_serif_and_page_numbers_from_page_two(rendered):
    _report, doc, data = rendered
    reader = PdfReader(BytesIO(data))
    assert doc.pages == len(reader.pages) >= 5
    for page in reader.pages:
        assert round(float(page.mediabox.width)) == 595
        assert round(float(page.mediabox.height)) == 842
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is None and "/DescendantFonts" in font:
                descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            descriptor = descriptor.get_object()
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
    assert any("Liberation-Serif" in f or "TimesNewRoman" in f for f in fonts), fonts
    first = pdf_text(data, "-layout", "-f", "1", "-l", "1").split()
    second = pdf_text(data, "-layout", "-f", "2", "-l", "2").split()
    assert first[0] == "DỰ" and "1" not in first[:3]
    assert second[0] == "2"


def test_the_appendix_starts_on_a_new_page_numbered_separately(rendered):
    data = rendered[2]
    pages = len(PdfReader(BytesIO(data)).pages)
    starts = [
        p for p in range(1, pages + 1) if "Phụ lục" in pdf_text(data, "-f", str(p), "-l", str(p))
    ]
    assert len(starts) == 1
    first_appendix = pdf_text(data, "-layout", "-f", str(starts[0]), "-l", str(starts[0]))
    assert first_appendix.split()[0] != str(starts[0])
    if starts[0] < pages:
        nxt = pdf_text(data, "-layout", "-f", str(starts[0] + 1), "-l", str(starts[0] + 1))
        assert nxt.split()[0] == "2"


def test_the_document_number_and_date_print_zero_padded_once_issued(cast):
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    report.doc_number, report.issued_on = 5, dt.date(2024, 1, 5)
    report.state = ReportState.ACCEPTED
    report.save()
    doc = document_render(report=report, fmt="pdf")
    assert doc.kind == DocumentKind.FINAL
    with doc.file.open("rb") as fh:
        text = flat(pdf_text(fh.read()))
    assert "Số: 05/BC-UBND" in text
    assert "Bình Phước, ngày 05 tháng 01 năm 2024" in text
    assert "(Kèm theo Báo cáo số 05/BC-UBND ngày 05/01/2024 của UBND xã Bình Phước)" in text
    assert "DỰ THẢO" not in text


def test_a_second_render_of_unchanged_data_is_served_from_storage(rendered, monkeypatch):
    report, doc, _data = rendered

    def must_not_render(*args, **kwargs):
        raise AssertionError("rendered again")

    monkeypatch.setattr(rendering_services, "render_bytes", must_not_render)
    again = document_render(report=report, fmt="pdf")
    assert again.pk == doc.pk
    assert RenderedDocument.objects.filter(report=report).count() == 1


def test_a_changed_narrative_renders_a_new_file_with_its_hashes_audited(rendered, cast):
    from reports.narrative.services import narrative_save

    report, doc, _data = rendered
    narrative_save(
        unit=cast.commune_a,
        period=cast.period,
        key="strengths",
        text="Đạt {{ tthc.on_time_rate }} hồ sơ đúng hạn.",
        version=0,
        by=cast.clerk_a,
    )
    new = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    assert new.pk != doc.pk and new.data_hash != doc.data_hash
    with new.file.open("rb") as fh:
        import hashlib

        assert hashlib.sha256(fh.read()).hexdigest() == new.sha256
    history = new.history.first()
    assert history.sha256 == new.sha256 and history.history_user == cast.clerk_a


def test_render_report_command_writes_the_pdf_and_docx(cast, tmp_path):
    load_seed_commune(cast)
    out, docx = tmp_path / "bc.pdf", tmp_path / "bc.docx"
    call_command("render_report", unit="21073", period="2023", out=str(out), docx=str(docx))
    assert out.read_bytes().startswith(b"%PDF-")
    assert "1.962" in pdf_text(out.read_bytes())
    assert docx.read_bytes().startswith(b"PK")


def test_render_report_command_names_a_missing_unit(cast, tmp_path):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="99999"):
        call_command("render_report", unit="99999", period="2023", out=str(tmp_path / "x.pdf"))
    assert Period.objects.filter(code="2023").exists()


def test_the_text_block_keeps_the_decree_30_margins(rendered):
    """Left 30 mm, right 15 mm, top 20 mm: measured on the words of a full body page."""
    html = pdf_text(rendered[2], "-bbox", "-f", "2", "-l", "2")
    boxes = [
        tuple(float(v) for v in m)
        for m in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)"', html
        )
    ]
    mm = 72 / 25.4
    words = [b for b in boxes if b[1] > 20 * mm]  # below the top margin (page number above)
    assert min(b[0] for b in words) == pytest.approx(30 * mm, abs=1.5)
    assert max(b[2] for b in words) == pytest.approx(595.28 - 15 * mm, abs=1.5)
    assert min(b[1] for b in words) >= 20 * mm
    assert max(b[3] for b in words) <= 841.89 - 20 * mm
    page_number = [b for b in boxes if b[3] <= 20 * mm]
    assert page_number, "the page number sits in the top margin"


def test_an_unknown_placeholder_in_stored_text_prints_a_marker_instead_of_failing(cast):
    """E.g. an indicator renamed after the text was saved."""
    from reports.models import NarrativeSection

    NarrativeSection.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        key="causes",
        text="- Chỉ tiêu cũ: {{ tthc.da_doi_ten }} hồ sơ.",
    )
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    doc = document_render(report=report, fmt="pdf")
    with doc.file.open("rb") as fh:
        assert "Chỉ tiêu cũ: {{ tthc.da_doi_ten }} hồ sơ." in flat(pdf_text(fh.read()))
