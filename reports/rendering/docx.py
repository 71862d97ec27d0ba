"""The report document as DOCX (python-docx), from the same context as the PDF, for officials
who finish the text in Word. Same layout rules: A4, margins 20/15/20/30 mm, Times New Roman
14 pt justified with a 1.27 cm first-line indent, the two header blocks, page numbers in the
header from page 2, Nơi nhận and the signature block side by side, the appendix table."""

from __future__ import annotations

from io import BytesIO
from typing import Any, Protocol

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_COLOR_INDEX
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .docx_tables import add_annexes, add_table, signer_flag

FONT = "Times New Roman"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY


class _Container(Protocol):
    """The document body or a table cell: what holds paragraphs."""

    def add_paragraph(self) -> Paragraph: ...


def _para(
    container: _Container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    after: float = 6,
) -> Paragraph:
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_after = Pt(after)
    fmt.space_before = Pt(0)
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _run(
    p: Paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False
) -> Run:
    r = p.add_run(text)
    r.font.name = FONT
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic
    return r


def _rule(p: Paragraph, *, left_cm: float = 0, right_cm: float = 0) -> None:
    """A solid rule under the paragraph, shortened by indents (Decree 30 header rules)."""
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        bottom.set(qn(key), value)
    borders.append(bottom)
    p_pr.append(borders)
    p.paragraph_format.left_indent = Cm(left_cm)
    p.paragraph_format.right_indent = Cm(right_cm)


def _no_borders(table: Table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "nil")
        borders.append(el)
    tbl_pr.append(borders)


def _page_number_header(section: Section) -> None:
    section.different_first_page_header_footer = True
    p = section.header.paragraphs[0]
    p.alignment = CENTER
    field = OxmlElement("w:fldSimple")
    field.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "2"
    run.append(text)
    field.append(run)
    p._p.append(field)


def _runs(p: Paragraph, paragraph: list[dict[str, Any]]) -> None:
    for run in paragraph:
        r = _run(p, run["text"], bold=run["bold"], italic=run["italic"])
        if run["kind"] == "unknown":
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW  # an unknown placeholder stays visible


def context_to_docx(ctx: dict[str, Any]) -> bytes:
    document = Document()
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(14)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    _page_number_header(section)

    header = document.add_table(rows=2, cols=2)
    _no_borders(header)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    widths = (Cm(6.6), Cm(9.9))
    for row in header.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    left, right = header.cell(0, 0), header.cell(0, 1)
    p = left.paragraphs[0]
    p.alignment = CENTER
    for n, line in enumerate(ctx["body_lines"]):
        if n:
            p.add_run().add_break()
        _run(p, line, size=13, bold=True)
    _rule(p, left_cm=2.0, right_cm=2.0)
    p = right.paragraphs[0]
    p.alignment = CENTER
    _run(p, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=13, bold=True)
    p = right.add_paragraph()
    p.alignment = CENTER
    _run(p, "Độc lập - Tự do - Hạnh phúc", size=14, bold=True)
    _rule(p, left_cm=2.1, right_cm=2.1)
    p = header.cell(1, 0).paragraphs[0]
    p.alignment = CENTER
    _run(p, ctx["number_line"], size=13)
    p = header.cell(1, 1).paragraphs[0]
    p.alignment = CENTER
    _run(p, ctx["date_line"], size=14, italic=True)

    _para(document, "", after=6)
    _para(document, ctx["doc_type"], bold=True, align=CENTER, after=0)
    p = _para(document, ctx["subject"], bold=True, align=CENTER, after=12)
    _rule(p, left_cm=6.0, right_cm=6.0)
    if ctx["addressee"]:
        _para(document, f"Kính gửi: {ctx['addressee']}.", align=CENTER, after=12)
    for line in ctx["basis"]:
        _para(document, line, italic=True, align=JUSTIFY, indent=True)
    _para(document, ctx["intro"], align=JUSTIFY, indent=True)
    for part in ctx["parts"]:
        _para(
            document, f"{part['numeral']}. {part['title']}", bold=True, align=JUSTIFY, indent=True
        )
        for sec in part["sections"]:
            if sec["number"]:
                _para(
                    document,
                    f"{sec['number']}. {sec['title']}",
                    bold=True,
                    align=JUSTIFY,
                    indent=True,
                )
            for paragraph in sec["paragraphs"]:
                p = _para(document, align=JUSTIFY, indent=True)
                _runs(p, paragraph)
            for table in sec.get("tables", ()):  # a higher level's ranking (level.py)
                add_table(document, table)
    _para(document, ctx["closing"], align=JUSTIFY, indent=True)

    closing = document.add_table(rows=1, cols=2)
    _no_borders(closing)
    left, right = closing.cell(0, 0), closing.cell(0, 1)
    left.width, right.width = Cm(7.4), Cm(9.1)
    p = left.paragraphs[0]
    _run(p, "Nơi nhận:", size=12, bold=True, italic=True)
    for line in ctx["recipients"]:
        _para(left, line, size=11, after=0)
    p = right.paragraphs[0]
    p.alignment = CENTER
    for n, line in enumerate(ctx["signature_titles"]):
        if n:
            p.add_run().add_break()
        _run(p, line, bold=True)
    for _ in range(4):
        _para(right, "", after=0)
    _para(right, ctx["signer_name"] or signer_flag(ctx), bold=True, align=CENTER, after=0)

    ap = ctx["appendix"]
    p = _para(document, "", after=0)
    p.add_run().add_break(WD_BREAK.PAGE)
    _para(document, ap["heading"], bold=True, align=CENTER, after=0)
    _para(document, ap["title"], bold=True, align=CENTER, after=0)
    _para(document, ap["note"], size=13, italic=True, align=CENTER, after=10)
    table = document.add_table(rows=1, cols=5)
    table.style = "Table Grid"
    heads = ("STT", "Chỉ tiêu", ap["period_label"], ap["last_label"], "Tăng (+), giảm (−)")
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        cell.paragraphs[0].alignment = CENTER
        _run(cell.paragraphs[0], text, size=11, bold=True)
    for group in ap["groups"]:
        cells = table.add_row().cells
        merged = cells[0].merge(cells[4])
        _run(merged.paragraphs[0], group["title"], size=11, bold=True)
        for row in group["rows"]:
            cells = table.add_row().cells
            label = row["label"] + (
                f" ({row['unit']})" if row["unit"] and row["unit"] != "%" else ""
            )
            texts = (str(row["number"]), label, row["value"], row["last"], row["change"])
            for n, (cell, text) in enumerate(zip(cells, texts, strict=True)):
                para = cell.paragraphs[0]
                if n == 0:
                    para.alignment = CENTER
                elif n >= 2:
                    para.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                _run(para, text, size=11, italic=row["sub"] and n == 1)
    add_annexes(document, ctx)  # a higher level's annex II (per-unit table)
    out = BytesIO()
    document.save(out)
    return out.getvalue()
