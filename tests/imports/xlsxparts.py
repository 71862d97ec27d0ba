"""Writing XLSX workbooks part by part, the way Excel, LibreOffice or other generators lay them
out (shared strings, styles, prefixes), for the streaming reader's tests."""

from __future__ import annotations

import io
import re
import zipfile
from xml.sax.saxutils import quoteattr

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/other.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    "</Types>"
)
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)


def workbook(
    rows_xml: str,
    *,
    shared: list[str] | None = None,
    num_fmts: dict[int, str] | None = None,
    xfs: list[int] | None = None,
    date1904: bool = False,
    prefix: str = "",
) -> bytes:
    """An XLSX whose first sheet (listed first, stored second) has `rows_xml` as sheetData.

    `shared` are raw <si> inner XML strings; `xfs` the numFmtId of each cell style; `prefix`
    ("x") writes every SpreadsheetML element with that namespace prefix.
    """
    p = f"{prefix}:" if prefix else ""
    ns = f'xmlns:{prefix}="{MAIN}"' if prefix else f'xmlns="{MAIN}"'
    pr = f'<{p}workbookPr date1904="1"/>' if date1904 else f"<{p}workbookPr/>"
    book = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}workbook {ns} xmlns:r="{REL}">'
        f"{pr}<{p}sheets>"
        f'<{p}sheet name="Hồ sơ" sheetId="2" r:id="rId7"/>'
        f'<{p}sheet name="Khác" sheetId="1" r:id="rId1"/>'
        f"</{p}sheets></{p}workbook>"
    )
    book_rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/other.xml"/>'
        f'<Relationship Id="rId7" Type="{REL}/worksheet" Target="/xl/worksheets/data.xml"/>'
        f'<Relationship Id="rId8" Type="{REL}/styles" Target="styles.xml"/>'
        f'<Relationship Id="rId9" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        "</Relationships>"
    )
    fmts = "".join(
        f'<{p}numFmt numFmtId="{i}" formatCode={quoteattr(code)}/>'
        for i, code in (num_fmts or {}).items()
    )
    cell_xfs = "".join(
        f'<{p}xf numFmtId="{i}" fontId="0" fillId="0" borderId="0" xfId="0"'
        + (' applyNumberFormat="1"/>' if i else "/>")
        for i in ([0] + list(xfs or []))
    )
    styles = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}styleSheet {ns}>'
        + (f'<{p}numFmts count="{len(num_fmts or {})}">{fmts}</{p}numFmts>' if fmts else "")
        + f'<{p}fonts count="1"><{p}font><{p}sz val="11"/><{p}name val="Calibri"/></{p}font></{p}fonts>'
        f'<{p}fills count="1"><{p}fill><{p}patternFill patternType="none"/></{p}fill></{p}fills>'
        f'<{p}borders count="1"><{p}border/></{p}borders>'
        f'<{p}cellStyleXfs count="1"><{p}xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></{p}cellStyleXfs>'
        f'<{p}cellXfs count="{1 + len(xfs or [])}">{cell_xfs}</{p}cellXfs>'
        f"</{p}styleSheet>"
    )
    sst = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}sst {ns} count="{len(shared or [])}">'
        + "".join(f"<{p}si>{s}</{p}si>" for s in (shared or []))
        + f"</{p}sst>"
    )
    sheet = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}worksheet {ns} xmlns:r="{REL}">'
        f'<{p}dimension ref="A1"/><{p}cols><{p}col min="1" max="3" width="12"/></{p}cols>'
        f"<{p}sheetData>{rows_xml}</{p}sheetData>"
        f'<{p}pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
        f"</{p}worksheet>"
    )
    other = (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><{p}worksheet {ns}>'
        f'<{p}sheetData><{p}row r="1"><{p}c r="A1" t="inlineStr"><{p}is><{p}t>wrong sheet</{p}t></{p}is></{p}c></{p}row></{p}sheetData>'
        f"</{p}worksheet>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", book)
        z.writestr("xl/_rels/workbook.xml.rels", book_rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", sst)
        z.writestr("xl/worksheets/other.xml", other)
        z.writestr("xl/worksheets/data.xml", sheet)
    return buf.getvalue()


def prefixed(xml: str, prefix: str) -> str:
    """The same cells with every element name prefixed (`<c>` → `<x:c>`)."""
    return re.sub(r"<(/?)(row|c|v|f|is|t|r|rPr|rPh|b)\b", rf"<\1{prefix}:\2", xml)
