"""The generic tables and annexes of the document context (reports/rendering/level.py) in a DOCX:
the same dicts the HTML template `_table.html` draws — title, columns (label, align, width in
cm), rows of {text, align} cells, notes — so the PDF and the DOCX print the same tables.

    add_table(document, table)       a bordered table, header row repeated on every page,
                                     rows never split across pages
    add_annexes(document, ctx)       each annex on a new page: heading, title, note, tables
"""

from __future__ import annotations

from typing import Any

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

FONT = "Times New Roman"
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "name": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


def _text(
    paragraph: Any, text: str, *, size: float, bold: bool = False, italic: bool = False
) -> None:
    run = paragraph.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _cant_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    el = OxmlElement("w:cantSplit")
    el.set(qn("w:val"), "true")
    tr_pr.append(el)


def _paragraph(document: Any, text: str, *, size: float = 14, bold: bool = False,
               italic: bool = False, align: Any = WD_ALIGN_PARAGRAPH.CENTER,
               after: float = 0) -> Any:  # fmt: skip
    p = document.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    p.paragraph_format.space_before = Pt(0)
    if text:
        _text(p, text, size=size, bold=bold, italic=italic)
    return p


def add_table(document: Any, table: dict[str, Any]) -> None:
    size = float(table.get("font_size") or 11)
    if table.get("title"):
        _paragraph(document, table["title"], size=size + 1, bold=True, after=4)
    columns = table["columns"]
    grid = document.add_table(rows=1, cols=len(columns))
    grid.style = "Table Grid"
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    widths = [Cm(float(c.get("width") or 1.3)) for c in columns]
    # Fixed layout whose table width, grid columns and cell widths agree (office suites
    # otherwise size the columns their own way).
    tbl_pr = grid._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:w"), str(sum(int(w.twips) for w in widths)))
    tbl_w.set(qn("w:type"), "dxa")
    margins = OxmlElement("w:tblCellMar")  # narrow cell padding, as the PDF's 2 pt
    for edge, pad in (("top", 20), ("left", 40), ("bottom", 20), ("right", 40)):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:w"), str(pad))
        el.set(qn("w:type"), "dxa")
        margins.append(el)
    tbl_pr.append(margins)
    for column, width in zip(grid.columns, widths, strict=True):
        column.width = width
    head = grid.rows[0]
    _repeat_header(head)
    _cant_split(head)
    for cell, column, width in zip(head.cells, columns, widths, strict=True):
        cell.width = width
        p = cell.paragraphs[0]
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _text(p, column["label"], size=size, bold=True)
    for row in table["rows"]:
        cells = grid.add_row()
        _cant_split(cells)
        for cell, value, width in zip(cells.cells, row["cells"], widths, strict=True):
            cell.width = width
            p = cell.paragraphs[0]
            p.alignment = ALIGN.get(value.get("align", "left"), WD_ALIGN_PARAGRAPH.LEFT)
            _text(p, value["text"], size=size, bold=bool(row.get("total")))
    for note in table.get("notes", ()):
        _paragraph(document, note, size=11, italic=True, align=WD_ALIGN_PARAGRAPH.JUSTIFY)


def add_annexes(document: Any, ctx: dict[str, Any]) -> None:
    for annex in ctx.get("annexes", ()):
        p = _paragraph(document, "")
        p.add_run().add_break(WD_BREAK.PAGE)
        _paragraph(document, annex["heading"], bold=True)
        _paragraph(document, annex["title"], bold=True)
        _paragraph(document, ctx["appendix"]["note"], size=13, italic=True, after=10)
        for table in annex["tables"]:
            add_table(document, table)


def signer_flag(ctx: dict[str, Any]) -> str:
    """The preview's mark in place of a missing signer name (drafts only)."""
    if ctx.get("draft") and ctx.get("signer_missing"):
        return "[Chưa có họ tên người ký]"
    return ""
