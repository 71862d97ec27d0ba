"""The DOCX opened by a real office suite: LibreOffice (headless) converts the report's DOCX to
PDF, and that PDF is read as a reviewer would — the header lines unbroken, the annex header
row on every annex page, the annex numbered from 1, the closing sentence and the signature
block on one page, about as many pages as the WeasyPrint PDF."""

from __future__ import annotations

import copy
import os
import re
import shutil
import subprocess
import tempfile
import zipfile
from io import BytesIO
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from pypdf import PdfReader

from reports.rendering.context import build_context
from reports.rendering.docx import context_to_docx
from reports.rendering.services import render_bytes
from reports.services import report_get_or_create
from tests.conftest import need
from tests.helpers.documents import load_seed_commune, pdf_text

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Soffice:
    """DOCX -> PDF with LibreOffice in a private profile (parallel runs do not clash), several
    documents in one call, started in the background so other work runs meanwhile."""

    def __init__(self, *docs: bytes) -> None:
        need(SOFFICE is not None, "LibreOffice (soffice) is not installed")
        self.tmp = tempfile.TemporaryDirectory(prefix="cchc-soffice-")
        self.names = [Path(self.tmp.name) / f"doc{n}.docx" for n in range(len(docs))]
        for path, data in zip(self.names, docs, strict=True):
            path.write_bytes(data)
        self.proc = subprocess.Popen(
            [
                str(SOFFICE),
                f"-env:UserInstallation=file://{self.tmp.name}/profile",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                self.tmp.name,
                *map(str, self.names),
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )

    def pdfs(self) -> list[bytes]:
        try:
            out, _err = self.proc.communicate(timeout=180)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            self.tmp.cleanup()
            raise
        results = [path.with_suffix(".pdf") for path in self.names]
        data = [r.read_bytes() if r.exists() else b"" for r in results]
        self.tmp.cleanup()
        assert self.proc.returncode == 0 and all(data), out.decode(errors="replace")
        return data


_CACHE: dict[str, Any] = {}


@pytest.fixture
def converted(cast) -> tuple[bytes, bytes, bytes]:
    """(DOCX, the DOCX through LibreOffice as PDF, the WeasyPrint PDF) of the seed commune,
    from one document context; converted once per test process (the same seed every time)."""
    if "seed" not in _CACHE:
        load_seed_commune(cast)
        report = report_get_or_create(unit=cast.commune_a, period=cast.period)
        ctx = build_context(report=report)
        docx, _pages = render_bytes(ctx, "docx")
        office = Soffice(docx)
        weasy, _pages = render_bytes(ctx, "pdf")
        _CACHE["seed"] = (docx, office.pdfs()[0], weasy)
        _CACHE["ctx"] = copy.deepcopy(ctx)
        if out := os.environ.get("CCHC_DOCX_ARTIFACTS"):  # for looking at the pages by hand
            Path(out).mkdir(parents=True, exist_ok=True)
            for name, data in zip(
                ("report.docx", "docx.pdf", "weasy.pdf"), _CACHE["seed"], strict=True
            ):
                (Path(out) / name).write_bytes(data)
    return _CACHE["seed"]


def pages_text(pdf: bytes) -> list[str]:
    return pdf_text(pdf, "-layout").split("\f")[: len(PdfReader(BytesIO(pdf)).pages)]


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def test_the_first_page_header_and_title_lines_do_not_wrap(converted):
    _docx, office, _weasy = converted
    lines = [squash(ln) for ln in pages_text(office)[0].splitlines() if ln.strip()]
    # The two header columns share lines: the agency's name at the left, the motto at the right.
    assert any(ln.startswith("ỦY BAN NHÂN DÂN ") and "CỘNG HÒA" in ln for ln in lines), lines[:8]
    assert any(
        ln.startswith("XÃ BÌNH PHƯỚC ") and "Độc lập - Tự do - Hạnh phúc" in ln for ln in lines
    ), lines[:8]
    assert any(ln.startswith("Số:") and "Bình Phước, ngày" in ln for ln in lines), lines[:8]
    assert "BÁO CÁO" in lines
    assert "Kết quả thực hiện công tác cải cách hành chính năm 2023" in lines
    # Nothing of the header spilled onto a line of its own.
    for fragment in ("DÂN", "Hạnh phúc", "năm 2023", "hành chính năm 2023"):
        assert fragment not in lines, fragment


def test_the_annex_restarts_its_numbering_and_repeats_its_header_row(converted):
    _docx, office, _weasy = converted
    pages = pages_text(office)
    first = next(n for n, page in enumerate(pages) if "KẾT QUẢ CÁC CHỈ TIÊU" in page)
    annex = pages[first:]
    assert len(annex) >= 2, "the seed's annex should span more than one page"
    for page in annex:
        header = [squash(ln) for ln in page.splitlines() if "STT" in ln]
        assert header and "Chỉ tiêu" in header[0], page[:400]
    # Page numbers: none on the annex's first page, then 2, 3… (restarted, not continued).
    for number, page in enumerate(annex[1:], start=2):
        top = next(ln for ln in page.splitlines() if ln.strip())  # "2   DỰ THẢO"
        assert top.split()[0] == str(number), (number, top)
    assert not next(ln for ln in annex[0].splitlines() if ln.strip()).split()[0].isdigit()
    # The body's pages are numbered 2, 3… from the second page, none on the first.
    assert pages[1].strip().split()[0] == "2"
    assert pages[first - 1].strip().split()[0] == str(first)
    assert not pages[0].strip().split()[0].isdigit()


def test_the_closing_sentence_and_the_signature_block_share_a_page(converted):
    _docx, office, _weasy = converted
    pages = [squash(p) for p in pages_text(office)]
    closing = [n for n, p in enumerate(pages) if "kính báo cáo./." in p]
    title = [n for n, p in enumerate(pages) if "TM. ỦY BAN NHÂN DÂN" in p]
    name = [n for n, p in enumerate(pages) if "Ngô Văn Vương" in p]
    recipients = [n for n, p in enumerate(pages) if "Lưu: VT" in p]
    assert len(closing) == len(title) == len(name) == 1, (closing, title, name)
    assert closing == title == name == recipients


def words(pdf: bytes) -> list[list[tuple[str, float, float]]]:
    """Per page: (word, top, bottom) in points from the top of the page (pdftotext -bbox)."""
    pages: list[list[tuple[str, float, float]]] = []
    for line in pdf_text(pdf, "-bbox").splitlines():
        if "<page " in line:
            pages.append([])
        elif m := re.search(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">([^<]*)</word>', line):
            pages[-1].append((m.group(3), float(m.group(1)), float(m.group(2))))
    return pages


BODY_BOTTOM = 841.89 - 20 / 25.4 * 72  # A4 height minus the 20 mm bottom margin, in points
FILLER_HEIGHT = 14 * 1.25 + 6  # one line of body text and its 6 pt spacing


def test_the_signature_block_never_leaves_the_closing_sentence_wherever_the_page_ends(converted):
    """The seed's text is lengthened by one-line paragraphs so that the page ends a fifth, half
    and four fifths of the way down the closing block (the closing sentence, Nơi nhận and the
    signature); each time the whole block moves to the next page together: never split, the
    signature never alone."""
    _docx, office, _weasy = converted
    pages = words(office)
    page = next(n for n, ws in enumerate(pages) if any(w == "Vương" for w, _t, _b in ws))
    here = pages[page]
    top = max(t for n, (w, t, _b) in enumerate(here) if w == "Trên" and here[n + 1][0] == "đây")
    bottom = max(b for w, _t, b in here if w in ("Vương", "Lưu:"))
    height = bottom - top
    assert 120 < height < BODY_BOTTOM - top, (top, bottom)  # the block fits under the text
    counts = sorted(
        {round((BODY_BOTTOM - f * height - top) / FILLER_HEIGHT) for f in (0.8, 0.5, 0.2)}
    )
    ctx = _CACHE["ctx"]
    filler = [{"text": "Nội dung bổ sung.", "bold": False, "italic": False, "kind": "text"}]
    docs = []
    for extra in counts:
        grown = copy.deepcopy(ctx)
        grown["parts"][-1]["sections"][-1]["paragraphs"].extend([filler] * extra)
        docs.append(context_to_docx(grown))
    for extra, pdf in zip(counts, Soffice(*docs).pdfs(), strict=True):
        text = [squash(p) for p in pages_text(pdf)]
        where = {
            marker: [n for n, p in enumerate(text) if marker in p]
            for marker in (
                "kính báo cáo./.",
                "Nơi nhận:",
                "TM. ỦY BAN NHÂN DÂN",
                "CHỦ TỊCH",
                "Ngô Văn Vương",
                "Lưu: VT",
            )
        }
        assert all(len(found) == 1 for found in where.values()), (extra, where)
        assert {found[0] for found in where.values()} == {page + 1}, (extra, where)


def test_the_page_count_is_within_one_of_the_pdf(converted):
    _docx, office, weasy = converted
    office_pages = len(PdfReader(BytesIO(office)).pages)
    weasy_pages = len(PdfReader(BytesIO(weasy)).pages)
    assert abs(office_pages - weasy_pages) <= 1, (office_pages, weasy_pages)


def test_the_docx_package_is_vietnamese_times_new_roman_with_real_properties(converted):
    data, _office, _weasy = converted
    doc = Document(BytesIO(data))
    props = doc.core_properties
    assert props.author == "Ủy ban nhân dân xã Bình Phước"  # the seed's organisation name
    assert props.title.startswith("Báo cáo CCHC năm 2023")
    assert props.created.year >= 2025 and props.modified.year >= 2025
    assert "python-docx" not in f"{props.author} {props.comments} {props.last_modified_by}"
    assert props.language == "vi-VN"
    with zipfile.ZipFile(BytesIO(data)) as z:
        styles = z.read("word/styles.xml").decode()
        app = z.read("docProps/app.xml").decode()
    langs = set(re.findall(r'<w:lang w:val="([^"]+)"', styles))
    assert langs == {"vi-VN"}, langs
    assert "minorHAnsi" not in styles.split("</w:docDefaults>")[0]
    assert "Microsoft" not in app
    defaults = doc.styles.element.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
    assert defaults.get(f"{W}ascii") == defaults.get(f"{W}hAnsi") == "Times New Roman"


def test_the_tables_have_fixed_grids_matching_their_cells(converted):
    data, _office, _weasy = converted
    doc = Document(BytesIO(data))
    header, closing, annex = doc.tables
    for table in (header, closing, annex):
        tbl = table._tbl
        assert tbl.tblPr.find(f"{W}tblLayout").get(f"{W}type") == "fixed"
        grid = [int(c.get(f"{W}w")) for c in tbl.tblGrid.findall(f"{W}gridCol")]
        for tr in tbl.findall(f"{W}tr"):
            at = 0
            for tc in tr.findall(f"{W}tc"):
                span = tc.tcPr.find(f"{W}gridSpan")
                n = int(span.get(f"{W}val")) if span is not None else 1
                assert int(tc.tcPr.find(f"{W}tcW").get(f"{W}w")) == sum(grid[at : at + n])
                at += n
            assert at == len(grid)
    grid = [int(c.get(f"{W}w")) for c in annex._tbl.tblGrid.findall(f"{W}gridCol")]
    assert grid[1] > 2 * max(grid[2:]) and grid[0] < min(grid[2:]), grid  # label column wide
    rows = annex._tbl.findall(f"{W}tr")
    assert rows[0].find(f"{W}trPr/{W}tblHeader") is not None
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)


def test_the_elements_have_the_decree_30_sizes_and_styles_of_the_pdf(converted):
    data, _office, _weasy = converted
    doc = Document(BytesIO(data))
    seen: dict[str, tuple[float, bool, bool]] = {}

    def visit(paragraphs: Any) -> None:
        for p in paragraphs:
            for run in p.runs:
                if run.text.strip() and run.text not in seen:
                    seen[run.text] = (run.font.size.pt, bool(run.bold), bool(run.italic))

    visit(doc.paragraphs)
    for table in doc.tables:
        for row in table.rows:
            for cell in row.cells:
                visit(cell.paragraphs)
    expected = {  # text: (size, bold, italic) — nd30-layout.md 4.2 and the print CSS
        "ỦY BAN NHÂN DÂN": (13, True, False),
        "XÃ BÌNH PHƯỚC": (13, True, False),
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM": (13, True, False),
        "Độc lập - Tự do - Hạnh phúc": (14, True, False),
        "BÁO CÁO": (14, True, False),
        "Kết quả thực hiện công tác cải cách hành chính năm 2023": (14, True, False),
        "I. CÔNG TÁC CHỈ ĐẠO, ĐIỀU HÀNH": (14, True, False),
        "Nơi nhận:": (12, True, True),
        "- Lưu: VT.": (11, False, False),
        "TM. ỦY BAN NHÂN DÂN": (14, True, False),
        "Ngô Văn Vương": (14, True, False),
        "Phụ lục": (14, True, False),
        "STT": (11, True, False),
    }
    for text, style in expected.items():
        assert seen.get(text) == style, (text, seen.get(text))
    number = next(t for t in seen if t.startswith("Số:"))
    date = next(t for t in seen if ", ngày" in t)
    assert (seen[number], seen[date]) == ((13, False, False), (14, False, True))
    fonts = {r.font.name for p in doc.paragraphs for r in p.runs if r.text.strip()} | {
        r.font.name
        for t in doc.tables
        for row in t.rows
        for c in row.cells
        for p in c.paragraphs
        for r in p.runs
        if r.text.strip()
    }
    assert fonts == {"Times New Roman"}
