"""The report document as DOCX (python-docx), from the same context as the PDF, for officials
who finish the text in Word or LibreOffice. It follows the PDF page for page as closely as an
office suite allows:

- A4, margins 20/15/20/30 mm; Times New Roman everywhere (document defaults included, no theme
  fonts), proofing language vi-VN; the PDF's sizes and line heights (CSS line-height 1.25 of
  the body = "at least" 17.5 pt, so a larger font still grows the line).
- The header (boxes 1–4) and the closing (Nơi nhận | signature) are borderless fixed-layout
  tables whose grid (w:gridCol) and cell widths (w:tcW) agree, 40/60 % and 45/55 % as in the PDF.
- Short rules (under the issuing body, the motto, the subject line) are their own one-point
  paragraphs with a top border, indented to the rule's length measured from the font: the text
  above them keeps its full width and never wraps because of a rule.
- The annex is a section of its own: new page, page numbers restarting at 1, none on its first
  page; its table has sensible fixed column widths, a header row repeated on every page
  (w:tblHeader) and rows that never split (w:cantSplit).
- The closing sentence is kept with the signature table, whose single row cannot split.
- Core properties: the issuing organisation as author, the report title, created/modified now.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from functools import lru_cache
from io import BytesIO
from pathlib import Path
from typing import Any, Protocol
from xml.sax.saxutils import escape

from docx import Document
from docx.document import Document as DocumentObject
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_COLOR_INDEX, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section
from docx.shared import Cm, Mm, Pt, RGBColor, Twips
from docx.table import Table
from docx.text.paragraph import Paragraph
from docx.text.run import Run

from .docx_tables import add_annexes, add_table, signer_flag

FONT = "Times New Roman"
LANG = "vi-VN"
PORTAL = "Cổng báo cáo CCHC"
CENTER = WD_ALIGN_PARAGRAPH.CENTER
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT

# The text block: 210 − 30 − 15 mm = 165 mm, in twips (1/20 pt) so grids add up exactly.
TEXT_WIDTH = Mm(165).twips
HEADER_COLS = (Mm(66).twips, TEXT_WIDTH - Mm(66).twips)  # 40 % | 60 % (print CSS)
CLOSING_COLS = (Mm(74).twips, TEXT_WIDTH - Mm(74).twips)  # 45 % | 55 %
# STT | Chỉ tiêu | this period | last period | change — the widths WeasyPrint gives the PDF.
_ANNEX_FIRST = (Mm(11).twips, Mm(75).twips, Mm(26).twips, Mm(26).twips)
ANNEX_COLS = (*_ANNEX_FIRST, TEXT_WIDTH - sum(_ANNEX_FIRST))
RULE_PT = 0.75  # thickness of the short rules, as in the PDF


class _Container(Protocol):
    """The document body or a table cell: what holds paragraphs."""

    def add_paragraph(self) -> Paragraph: ...


# ---------------------------------------------------------------- text measurement


def _font_file(bold: bool) -> str | None:
    """Times New Roman, or its metric-compatible Liberation Serif (what LibreOffice uses)."""
    if shutil.which("fc-match"):
        try:
            found = subprocess.run(
                ["fc-match", "-f", "%{file}", f"Times New Roman:{'bold' if bold else 'regular'}"],
                capture_output=True,
                text=True,
                timeout=5,
                check=False,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError):
            found = ""
        if found.lower().endswith((".ttf", ".otf")) and Path(found).exists():
            return found
    name = "LiberationSerif-Bold.ttf" if bold else "LiberationSerif-Regular.ttf"
    for folder in ("liberation2", "liberation"):
        path = Path("/usr/share/fonts/truetype") / folder / name
        if path.exists():
            return str(path)
    return None


@lru_cache(maxsize=2)
def _metrics(bold: bool) -> tuple[dict[int, str], dict[str, tuple[int, int]], int] | None:
    path = _font_file(bold)
    if path is None:
        return None
    from fontTools.ttLib import TTFont

    font = TTFont(path, lazy=True)
    return font.getBestCmap(), dict(font["hmtx"].metrics), font["head"].unitsPerEm


def text_width_pt(text: str, *, size: float, bold: bool = False) -> float:
    """Advance width of one line of text in points (an estimate when no font is found)."""
    text = unicodedata.normalize("NFC", text)
    metrics = _metrics(bold)
    if metrics is None:
        return len(text) * size * (0.6 if bold else 0.5)
    cmap, hmtx, upm = metrics
    units = 0
    for char in text:
        glyph = cmap.get(ord(char))
        units += hmtx[glyph][0] if glyph in hmtx else upm // 2
    return units * size / upm


# ---------------------------------------------------------------- paragraphs and runs


def _para(
    container: _Container,
    text: str = "",
    *,
    size: float = 14,
    bold: bool = False,
    italic: bool = False,
    align: WD_ALIGN_PARAGRAPH | None = None,
    indent: bool = False,
    before: float = 0,
    after: float = 6,
    line: float | None = 1.25,
    keep_with_next: bool = False,
) -> Paragraph:
    """A paragraph with the print CSS's box: margins, first-line indent, line height
    (`line` × font size, at least — the CSS line-height)."""
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(round(size * line, 2))
    if align is not None:
        p.alignment = align
    if indent:
        fmt.first_line_indent = Cm(1.27)
    if keep_with_next:
        fmt.keep_with_next = True
    _mark_size(p, size)
    if text:
        _run(p, text, size=size, bold=bold, italic=italic)
    return p


def _mark_size(p: Paragraph, size: float) -> None:
    """The paragraph mark's size: an empty paragraph is as tall as its mark."""
    p_pr = p._p.get_or_add_pPr()
    r_pr = p_pr.find(qn("w:rPr"))
    if r_pr is None:
        r_pr = OxmlElement("w:rPr")
        tail = p_pr.find(qn("w:sectPr"))
        if tail is None:
            tail = p_pr.find(qn("w:pPrChange"))
        if tail is not None:
            tail.addprevious(r_pr)
        else:
            p_pr.append(r_pr)
    for tag in ("w:sz", "w:szCs"):
        el = r_pr.find(qn(tag))
        if el is None:
            el = OxmlElement(tag)
            r_pr.append(el)
        el.set(qn("w:val"), str(round(size * 2)))


def _run(
    p: Paragraph, text: str, *, size: float = 14, bold: bool = False, italic: bool = False
) -> Run:
    r = p.add_run(text)
    r.font.name = FONT
    r.font.size = Pt(size)
    r.bold = bold
    r.italic = italic
    return r


def _cell_para(cell: Any, **kwargs: Any) -> Paragraph:
    """The cell's first (empty) paragraph, formatted like `_para` would."""
    p = cell.paragraphs[0]
    text = kwargs.pop("text", "")
    size = kwargs.get("size", 14)
    fmt = p.paragraph_format
    fmt.space_before = Pt(kwargs.get("before", 0))
    fmt.space_after = Pt(kwargs.get("after", 0))
    line = kwargs.get("line", 1.25)
    if line is not None:
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.line_spacing = Pt(round(size * line, 2))
    if kwargs.get("align") is not None:
        p.alignment = kwargs["align"]
    if kwargs.get("keep_with_next"):
        fmt.keep_with_next = True
    _mark_size(p, size)
    if text:
        _run(p, text, size=size, bold=kwargs.get("bold", False), italic=kwargs.get("italic", False))
    return p


def _rule(container: _Container, *, length_pt: float, box_pt: float, gap_pt: float) -> Paragraph:
    """A short solid rule `length_pt` long, centred in a box `box_pt` wide, `gap_pt` below the
    text above: a one-point empty paragraph with a top border, indented to the rule's length.
    The text keeps its own paragraph at full width, so the rule never makes it wrap."""
    length_pt = max(12.0, min(length_pt, box_pt))
    side = (box_pt - length_pt) / 2
    p = container.add_paragraph()
    fmt = p.paragraph_format
    fmt.left_indent = fmt.right_indent = Pt(round(side, 1))
    fmt.space_before = Pt(gap_pt)
    fmt.space_after = Pt(0)
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Pt(1)
    fmt.keep_with_next = True
    _mark_size(p, 1)
    p_pr = p._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (
        ("w:val", "single"),
        ("w:sz", str(round(RULE_PT * 8))),  # eighths of a point
        ("w:space", "0"),
        ("w:color", "000000"),
    ):
        top.set(qn(key), value)
    borders.append(top)
    # w:pBdr must come before w:spacing/w:ind in CT_PPr's sequence.
    anchor = p_pr.find(qn("w:spacing"))
    if anchor is None:
        anchor = p_pr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        p_pr.append(borders)
    return p


# ---------------------------------------------------------------- tables


def _set(parent: Any, tag: str, **attrs: str) -> Any:
    """Get or create the child `tag` of `parent` (appended) and set its w: attributes."""
    el = parent.find(qn(tag))
    if el is None:
        el = OxmlElement(tag)
        parent.append(el)
    for key, value in attrs.items():
        el.set(qn(f"w:{key}"), value)
    return el


def _fixed_table(
    container: DocumentObject,
    cols: tuple[int, ...],
    rows: int,
    *,
    borders: bool,
    pad_x: int = 0,
    pad_y: int = 0,
) -> Table:
    """A table with fixed layout whose grid, table width and cell widths (twips) agree."""
    table = container.add_table(rows=rows, cols=len(cols))
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False  # w:tblLayout w:type="fixed"
    tbl_pr = table._tbl.tblPr
    _set(tbl_pr, "w:tblW", w=str(sum(cols)), type="dxa")
    _set(tbl_pr, "w:tblInd", w="0", type="dxa")
    edges = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        if borders:
            for key, value in (("val", "single"), ("sz", "4"), ("space", "0"), ("color", "000000")):
                el.set(qn(f"w:{key}"), value)
        else:
            el.set(qn("w:val"), "nil")
        edges.append(el)
    tbl_pr.append(edges)
    margins = OxmlElement("w:tblCellMar")
    for edge, pad in (("top", pad_y), ("left", pad_x), ("bottom", pad_y), ("right", pad_x)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(pad))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    _order_tbl_pr(tbl_pr)
    for column, width in zip(table.columns, cols, strict=True):
        column.width = Twips(width)  # w:gridCol
    for row in table.rows:
        _row_props(row._tr, cant_split=True)
        for cell, width in zip(row.cells, cols, strict=True):
            cell.width = Twips(width)  # w:tcW
    return table


_TBL_PR_ORDER = (
    "tblStyle",
    "tblpPr",
    "tblOverlap",
    "bidiVisual",
    "tblStyleRowBandSize",
    "tblStyleColBandSize",
    "tblW",
    "jc",
    "tblCellSpacing",
    "tblInd",
    "tblBorders",
    "shd",
    "tblLayout",
    "tblCellMar",
    "tblLook",
)


def _order_tbl_pr(tbl_pr: Any) -> None:
    """Children of w:tblPr in the schema's order (Word rejects files that break it)."""
    rank = {qn(f"w:{name}"): n for n, name in enumerate(_TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for el in children:
        tbl_pr.append(el)


def _row_props(tr: Any, *, cant_split: bool = False, header: bool = False) -> None:
    tr_pr = tr.get_or_add_trPr()
    if cant_split and tr_pr.find(qn("w:cantSplit")) is None:
        tr_pr.insert(0, OxmlElement("w:cantSplit"))
    if header and tr_pr.find(qn("w:tblHeader")) is None:
        tr_pr.append(OxmlElement("w:tblHeader"))


def _shade(cell: Any, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


# ---------------------------------------------------------------- package-level settings


def _document_defaults(document: DocumentObject) -> None:
    """Times New Roman 14 pt and Vietnamese proofing for everything, theme fonts removed;
    paragraphs start with no spacing (each one sets its own, as the print CSS does)."""
    styles = document.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    fonts = r_pr.find(qn("w:rFonts"))
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for key in ("ascii", "hAnsi", "eastAsia", "cs"):
        fonts.set(qn(f"w:{key}"), FONT)
    _set(r_pr, "w:sz", val="28")
    _set(r_pr, "w:szCs", val="28")
    for lang in styles.iter(qn("w:lang")):
        lang.set(qn("w:val"), LANG)
        lang.set(qn("w:eastAsia"), LANG)
    spacing = defaults.find(f"{qn('w:pPrDefault')}/{qn('w:pPr')}/{qn('w:spacing')}")
    if spacing is not None:
        spacing.set(qn("w:after"), "0")
        spacing.set(qn("w:line"), "240")
        spacing.set(qn("w:lineRule"), "auto")
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(14)
    normal.element.get_or_add_rPr().rFonts.set(qn("w:eastAsia"), FONT)
    normal.element.get_or_add_rPr().rFonts.set(qn("w:cs"), FONT)
    settings = document.settings.element
    theme_lang = settings.find(qn("w:themeFontLang"))
    if theme_lang is not None:
        theme_lang.set(qn("w:val"), LANG)
        theme_lang.set(qn("w:eastAsia"), LANG)


def _properties(document: DocumentObject, ctx: dict[str, Any]) -> None:
    """Who issued it and what it is — not the library's placeholder author and 2013 dates."""
    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)  # core.xml wants UTC
    author = ctx.get("organisation") or PORTAL
    props = document.core_properties
    props.author = author
    props.last_modified_by = PORTAL
    props.title = ctx.get("title") or ctx["subject"]
    props.subject = ctx["subject"]
    props.keywords = "cải cách hành chính; CCHC; báo cáo"
    props.category = ctx["doc_type"]
    props.comments = ""
    props.language = LANG
    props.created = props.modified = now
    props.revision = 1
    package = document.part.package
    for rel in list(package.rels.values()):
        if rel.reltype == RT.EXTENDED_PROPERTIES:
            rel.target_part._blob = _app_xml(author).encode("utf-8")
        elif rel.reltype == RT.THUMBNAIL:  # the template's picture of an empty page
            package.rels.pop(rel.rId)


def _app_xml(company: str) -> str:
    return (
        "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/'
        f'2006/docPropsVTypes"><Application>{escape(PORTAL)}</Application>'
        f"<Company>{escape(company)}</Company><DocSecurity>0</DocSecurity></Properties>"
    )


def _page_setup(section: Section) -> None:
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    # The page number, 13 pt, sits in the middle of the 20 mm top margin (print CSS).
    section.header_distance = Mm(7)
    section.footer_distance = Mm(10)


def _header_line(p: Paragraph, *, page_number: bool, draft: bool) -> None:
    """[centre] page number [right] "DỰ THẢO" on a draft — the PDF's top margin boxes."""
    p.alignment = WD_ALIGN_PARAGRAPH.LEFT
    fmt = p.paragraph_format
    fmt.space_after = Pt(0)
    stops = fmt.tab_stops
    for pos in (4680, 9360):  # the template's Header style stops (US Letter)
        stops.add_tab_stop(Twips(pos), WD_TAB_ALIGNMENT.CLEAR)
    stops.add_tab_stop(Twips(TEXT_WIDTH // 2), WD_TAB_ALIGNMENT.CENTER)
    stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT)
    _mark_size(p, 13)
    _run(p, "\t", size=13)
    if page_number:
        run = _run(p, "", size=13)
        for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2")):
            if kind:
                el = OxmlElement("w:fldChar")
                el.set(qn("w:fldCharType"), kind)
            elif text == " PAGE ":
                el = OxmlElement("w:instrText")
                el.set(qn("xml:space"), "preserve")
                el.text = text
            else:
                el = OxmlElement("w:t")
                el.text = text
            run._r.append(el)
        end = _run(p, "", size=13)
        el = OxmlElement("w:fldChar")
        el.set(qn("w:fldCharType"), "end")
        end._r.append(el)
    if draft:
        _run(p, "\t", size=13)
        mark = _run(p, "DỰ THẢO", size=10)
        mark.font.color.rgb = RGBColor(0x77, 0x77, 0x77)


def _page_headers(section: Section, *, draft: bool) -> None:
    """Numbers from the section's second page; none on its first page (Decree 30, 4.1)."""
    section.different_first_page_header_footer = True
    section.header.is_linked_to_previous = False
    section.first_page_header.is_linked_to_previous = False
    _header_line(section.header.paragraphs[0], page_number=True, draft=draft)
    _header_line(section.first_page_header.paragraphs[0], page_number=False, draft=draft)


def _restart_numbering(section: Section) -> None:
    sect_pr = section._sectPr
    pg = sect_pr.find(qn("w:pgNumType"))
    if pg is None:
        pg = OxmlElement("w:pgNumType")
        # w:pgNumType goes after pgSz/pgMar/paperSrc/pgBorders/lnNumType, before w:cols.
        cols = sect_pr.find(qn("w:cols"))
        if cols is not None:
            cols.addprevious(pg)
        else:
            sect_pr.append(pg)
    pg.set(qn("w:start"), "1")


# ---------------------------------------------------------------- the document


def _runs(p: Paragraph, paragraph: list[dict[str, Any]]) -> None:
    for run in paragraph:
        r = _run(p, run["text"], bold=run["bold"], italic=run["italic"])
        if run["kind"] == "unknown":
            r.font.highlight_color = WD_COLOR_INDEX.YELLOW  # an unknown placeholder stays visible


def _header(document: DocumentObject, ctx: dict[str, Any]) -> None:
    """Boxes 1–4: issuing body | national title and motto; number | place and date."""
    table = _fixed_table(document, HEADER_COLS, 2, borders=False)
    left_pt, right_pt = (w / 20 for w in HEADER_COLS)
    left, right = table.cell(0, 0), table.cell(0, 1)
    p = _cell_para(left, size=13, align=CENTER, line=1.15)
    for n, line in enumerate(ctx["body_lines"]):
        if n:
            p.add_run().add_break()
        _run(p, line, size=13, bold=True)
    widest = max(text_width_pt(line, size=13, bold=True) for line in ctx["body_lines"])
    _rule(left, length_pt=0.4 * min(widest, left_pt), box_pt=left_pt, gap_pt=4)
    _cell_para(
        right,
        text="CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        size=13,
        bold=True,
        align=CENTER,
        line=1.15,
    )
    motto = "Độc lập - Tự do - Hạnh phúc"
    _para(right, motto, size=14, bold=True, align=CENTER, after=0, line=1.15)
    _rule(right, length_pt=text_width_pt(motto, size=14, bold=True), box_pt=right_pt, gap_pt=1)
    _cell_para(table.cell(1, 0), text=ctx["number_line"], size=13, align=CENTER, before=7)
    _cell_para(
        table.cell(1, 1), text=ctx["date_line"], size=14, italic=True, align=CENTER, before=7
    )


def _closing(document: DocumentObject, ctx: dict[str, Any]) -> None:
    """Nơi nhận at the left, level with the signer's title; one row that never splits."""
    table = _fixed_table(document, CLOSING_COLS, 1, borders=False)
    left, right = table.cell(0, 0), table.cell(0, 1)
    _cell_para(left, text="Nơi nhận:", size=12, bold=True, italic=True, after=2, line=1.15)
    for line in ctx["recipients"]:
        _para(left, line, size=11, after=0, line=1.15)
    titles = ctx["signature_titles"]
    _cell_para(right, text=titles[0], bold=True, align=CENTER, keep_with_next=True)
    for line in titles[1:]:
        _para(right, line, bold=True, align=CENTER, after=0, keep_with_next=True)
    # The room for the signature and the seal: 26 mm + 2 × 2 mm, as the PDF's #sig-anchor.
    room = _para(right, "", align=CENTER, after=0, line=None, keep_with_next=True)
    room.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    room.paragraph_format.line_spacing = Mm(30)
    _para(
        right, ctx["signer_name"] or signer_flag(ctx) or "\u00a0", bold=True, align=CENTER, after=0
    )


def _annex(document: DocumentObject, ctx: dict[str, Any]) -> None:
    ap = ctx["appendix"]
    _para(document, ap["heading"], bold=True, align=CENTER, after=0, keep_with_next=True)
    _para(document, ap["title"], bold=True, align=CENTER, before=2, after=2, keep_with_next=True)
    _para(document, ap["note"], size=13, italic=True, align=CENTER, after=10, keep_with_next=True)
    table = _fixed_table(document, ANNEX_COLS, 1, borders=True, pad_x=60, pad_y=40)
    heads = ("STT", "Chỉ tiêu", ap["period_label"], ap["last_label"], "Tăng (+), giảm (−)")
    _row_props(table.rows[0]._tr, header=True)  # repeated at the top of every annex page
    for cell, text in zip(table.rows[0].cells, heads, strict=True):
        _cell_para(cell, text=text, size=11, bold=True, align=CENTER, line=1.15)
    for group in ap["groups"]:
        row = table.add_row()
        _row_props(row._tr, cant_split=True)
        cells = row.cells
        merged = cells[0].merge(cells[4])
        merged.width = Twips(TEXT_WIDTH)
        _shade(merged, "F2F2F2")
        _cell_para(merged, text=group["title"], size=11, bold=True, line=1.15, keep_with_next=True)
        for item in group["rows"]:
            row = table.add_row()
            _row_props(row._tr, cant_split=True)
            label = item["label"] + (
                f" ({item['unit']})" if item["unit"] and item["unit"] != "%" else ""
            )
            texts = (str(item["number"]), label, item["value"], item["last"], item["change"])
            for n, (cell, text) in enumerate(zip(row.cells, texts, strict=True)):
                cell.width = Twips(ANNEX_COLS[n])
                align = CENTER if n == 0 else (RIGHT if n >= 2 else None)
                p = _cell_para(
                    cell, text=text, size=11, italic=item["sub"] and n == 1, align=align, line=1.15
                )
                if item["sub"] and n == 1:
                    p.paragraph_format.left_indent = Pt(9)  # the PDF's 12 pt label padding


def context_to_docx(ctx: dict[str, Any]) -> bytes:
    document = Document()
    _document_defaults(document)
    _properties(document, ctx)
    section = document.sections[0]
    _page_setup(section)
    _page_headers(section, draft=bool(ctx.get("draft")))

    _header(document, ctx)
    _para(document, ctx["doc_type"], bold=True, align=CENTER, before=18, after=0)
    _para(document, ctx["subject"], bold=True, align=CENTER, before=3, after=0)
    subject_pt = min(text_width_pt(ctx["subject"], size=14, bold=True), TEXT_WIDTH / 20)
    _rule(document, length_pt=0.35 * subject_pt, box_pt=TEXT_WIDTH / 20, gap_pt=6)
    if ctx["addressee"]:
        _para(document, f"Kính gửi: {ctx['addressee']}.", align=CENTER, before=10, after=12)
    else:
        _para(document, "", after=6, line=None)
    for line in ctx["basis"]:
        _para(document, line, italic=True, align=JUSTIFY, indent=True)
    _para(document, ctx["intro"], align=JUSTIFY, indent=True)
    for part in ctx["parts"]:
        _para(
            document,
            f"{part['numeral']}. {part['title']}",
            bold=True,
            align=JUSTIFY,
            indent=True,
            keep_with_next=True,
        )
        for sec in part["sections"]:
            if sec["number"]:
                _para(
                    document,
                    f"{sec['number']}. {sec['title']}",
                    bold=True,
                    align=JUSTIFY,
                    indent=True,
                    keep_with_next=True,
                )
            for paragraph in sec["paragraphs"]:
                p = _para(document, align=JUSTIFY, indent=True)
                _runs(p, paragraph)
            for table in sec.get("tables", ()):  # a higher level's ranking (level.py)
                add_table(document, table)
    # The closing sentence stays on the page of the signature block (keep with the table).
    _para(document, ctx["closing"], align=JUSTIFY, indent=True, after=12, keep_with_next=True)
    _closing(document, ctx)

    # The annex: a section of its own, on a new page, numbered from 1 (Decree 30, 4.1).
    annex_section = document.add_section(WD_SECTION.NEW_PAGE)
    # The paragraph that carries the body's section break: one point high, so it never
    # pushes a page of its own after a signature block that ends at the bottom of a page.
    end_of_body = document.paragraphs[-1]
    end_of_body.paragraph_format.space_after = Pt(0)
    end_of_body.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    end_of_body.paragraph_format.line_spacing = Pt(1)
    _mark_size(end_of_body, 1)
    _page_setup(annex_section)
    _restart_numbering(annex_section)
    _page_headers(annex_section, draft=bool(ctx.get("draft")))
    _annex(document, ctx)
    add_annexes(document, ctx)  # a higher level's annex II (per-unit table, level.py)

    out = BytesIO()
    document.save(out)
    return out.getvalue()
