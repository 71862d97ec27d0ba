"""What a Sở reviewer circles in the commune's PDF (issue 12, points 7 and 8): the document
prints what the records say — an approximate figure as such, the budget's as-of date, forms
issued and returned — and in the officials' style: no zero clauses, "100%", amounts in tỷ /
triệu đồng, one spelling of "hóa", "- Như trên;" first in Nơi nhận, the closing sentence on the
page of the signature block. Text extracted from the rendered PDF."""

from __future__ import annotations

import re
from io import BytesIO

import pytest
from django.utils import translation
from pypdf import PdfReader

from common.formatting import format_doc_date, format_money, format_rate
from reports.models import NarrativeSection
from reports.rendering.context import build_context
from reports.rendering.html import render_html
from reports.rendering.pdf import html_to_pdf
from reports.rendering.services import document_render
from reports.services import report_get_or_create
from tests.helpers.documents import load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db


def flat(text: str) -> str:
    return re.sub(r"/ ", "/", re.sub(r"\s+", " ", text))


@pytest.fixture
def seed_pdf(cast):
    load_seed_commune(cast)
    NarrativeSection.objects.create(
        unit=cast.commune_a,
        period=cast.period,
        key="strengths",
        text="Tỷ lệ số hoá kết quả được cải thiện, tạo sự lan toả; hoà giải ở cơ sở tốt.",
    )
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    doc = document_render(report=report, fmt="pdf", by=cast.clerk_a)
    with doc.file.open("rb") as fh:
        data = fh.read()
    text = flat(pdf_text(data))
    return data, text[: text.index("Phụ lục")], text[text.index("Phụ lục") :]


# --- point 7: what the records say ---------------------------------------------------------


def test_an_approximate_figure_prints_as_such(seed_pdf):
    _data, body, appendix = seed_pdf
    assert "với trên 120 lượt người tham gia" in body
    assert " 120 lượt" not in body.replace("trên 120 lượt", "")
    assert re.search(
        r"Lượt người tham gia tuyên truyền, phổ biến pháp luật trên 120 trên 100", appendix
    )


def test_the_budget_prints_its_as_of_date(seed_pdf):
    _data, body, appendix = seed_pdf
    assert "Tính đến ngày 30/9/2023, tổng thu ngân sách" in body
    assert "Tính đến ngày 31/10/2023, đã giải ngân được 1.005,8 triệu đồng" in body
    assert "Thu ngân sách nhà nước trên địa bàn — thực hiện (tính đến ngày 30/9/2023)" in appendix
    assert "Vốn đầu tư công đã giải ngân (tính đến ngày 31/10/2023)" in appendix
    assert "Kế hoạch vốn đầu tư công được giao (tính đến" not in appendix  # a plan has no as-of
    # amounts and their change in tỷ / triệu đồng, in the appendix too
    assert "6,648 tỷ đồng 5,912 tỷ đồng +736 triệu đồng" in appendix


def test_forms_issued_and_returned_print_as_recorded(seed_pdf):
    _data, body, _appendix = seed_pdf
    assert "đã phát 217 phiếu khảo sát, thu về 217 phiếu" in body
    assert "thu về 217 phiếu; có 217 phiếu đánh giá hài lòng và rất hài lòng, đạt 100%" in body
    assert "theo Quyết định số 766/QĐ-TTg" in body and "đạt 98,99%" in body


# --- point 8: style -------------------------------------------------------------------------


def test_no_zero_clause_in_the_body(seed_pdf):
    _data, body, _appendix = seed_pdf
    assert not re.search(r"(?<![\d.,])0 (hồ sơ|người|trường hợp|nhiệm vụ|công chức)", body)
    assert "Cao đẳng 0 người" not in body and "Cao cấp 0 người" not in body
    assert "bưu chính công ích" not in body and "quá hạn 0 hồ sơ" not in body
    assert "không có cán bộ, công chức nào bị xử lý kỷ luật" in body
    # the clauses with a count stay, with their separators right
    assert "Về trình độ chuyên môn: Đại học 19 người, Trung cấp 01 người." in body
    assert "Về trình độ lý luận chính trị: Trung cấp 17 người, Sơ cấp 03 người." in body
    assert "(trong đó: tiếp nhận trực tuyến 848 hồ sơ; tiếp nhận trực tiếp 1.097 hồ sơ; kỳ" in body


def test_whole_percentages_drop_their_zeros_and_others_keep_two_places(seed_pdf):
    _data, body, appendix = seed_pdf
    assert "100,00%" not in body + appendix
    assert "đạt tỷ lệ 99,05%" in body and "100%" in body
    with translation.override("vi"):
        assert format_rate("100.00") == "100%" and format_rate("98.50") == "98,50%"


def test_amounts_in_ty_and_trieu_as_officials_write_them():
    assert format_money(6_648_000_000) == "6,648 tỷ đồng"
    assert format_money(1_005_800_000) == "1.005,8 triệu đồng"
    assert format_money(278_399_000) == "278,399 triệu đồng"
    assert format_money(6_000_000_000) == "6 tỷ đồng"
    assert format_money(5_158_000) == "5.158.000 đồng"
    assert format_money(1_234_567_891) == "1.234.567.891 đồng"  # never rounded
    assert format_money(None) == "—"


def test_dates_in_the_text_pad_as_decree_30_does():
    import datetime as dt

    assert format_doc_date(dt.date(2023, 9, 30)) == "30/9/2023"
    assert format_doc_date(dt.date(2023, 2, 5)) == "05/02/2023"
    assert format_doc_date(dt.date(2022, 12, 15)) == "15/12/2022"


def test_one_spelling_of_hoa_throughout(seed_pdf):
    _data, body, appendix = seed_pdf
    assert "số hóa kết quả được cải thiện, tạo sự lan tỏa; hòa giải" in body
    for old in ("hoá", "toả", "hoà ", "Hoá"):
        assert old not in body + appendix, old


def test_noi_nhan_starts_with_nhu_tren(seed_pdf):
    data, _body, _appendix = seed_pdf
    lines = [ln.strip() for ln in pdf_text(data, "-layout").splitlines()]
    start = next(i for i, ln in enumerate(lines) if ln.startswith("Nơi nhận:"))
    recipients = [ln.split("  ")[0] for ln in lines[start + 1 : start + 9] if ln.startswith("- ")]
    assert recipients[0] == "- Như trên;"
    assert not any("Phòng Nội vụ huyện" in r for r in recipients)
    assert recipients[-1] == "- Lưu: VT."


def test_the_closing_sentence_stays_on_the_page_of_the_signature_block(cast):
    """Longer and longer last sections push the end of the body across a page break: whatever
    the length, the closing sentence is printed on the page of Nơi nhận and the signature."""
    load_seed_commune(cast)
    report = report_get_or_create(unit=cast.commune_a, period=cast.period)
    ctx = build_context(report=report)
    ctx["appendix"]["groups"] = []
    last = ctx["parts"][-1]["sections"][-1]["paragraphs"]
    filler = [{"text": "- Nội dung bổ sung.", "bold": False, "italic": False, "kind": "text"}]
    pages_seen = set()
    for extra in range(0, 26, 2):
        ctx["parts"][-1]["sections"][-1]["paragraphs"] = last + [filler] * extra
        pdf, _pages = html_to_pdf(render_html(ctx), with_fields=False)
        texts = [page.extract_text() for page in PdfReader(BytesIO(pdf)).pages]
        closing = [n for n, t in enumerate(texts) if "kính báo cáo./." in t]
        signature = [n for n, t in enumerate(texts) if "Nơi nhận:" in t]
        assert closing == signature, (extra, closing, signature)
        pages_seen.add(closing[0])
    assert len(pages_seen) >= 2  # the sweep did cross a page break
